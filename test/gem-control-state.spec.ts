// E30 control state model between a host and an equipment of this library over loopback:
// S1F15/S1F17 with OFLACK/ONLACK, the operator switches, ATTEMPT ON-LINE, and SxF0 while OFF-LINE.
import { afterEach, describe, expect, it } from 'vitest';
import { ControlState, GemOfflineError, S1F13, S1F3, SecsAbortError, SecsAbortReplyError, U4 } from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair, type GemPairOptions } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function communicatingPair(options: GemPairOptions = {}) {
  const p = cleanup.add(await startGemPair(options), (x) => x.dispose());
  p.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(21) });
  p.equipment.addCollectionEvent({ ceid: 100, name: 'LotStart', enabled: true });
  await p.communicating();
  return p;
}

describe('host requests (S1F15, S1F17)', () => {
  it('starts ON-LINE REMOTE, goes HOST OFF-LINE on S1F15 (OFLACK 0) and back ON-LINE on S1F17 (ONLACK 0)', async () => {
    const { host, equipment } = await communicatingPair();
    expect(equipment.controlState).toBe(ControlState.OnlineRemote);
    const changes: ControlState[] = [];
    equipment.on('controlState', (state) => changes.push(state));
    expect(await host.goOffline()).toBe(0);
    expect(equipment.controlState).toBe(ControlState.HostOffline);
    expect(await host.goOnline()).toBe(0);
    expect(equipment.controlState).toBe(ControlState.OnlineRemote);
    expect(await host.goOnline()).toBe(2); // already on-line
    expect(changes).toEqual([ControlState.HostOffline, ControlState.OnlineRemote]);
  });

  it('answers S1F17 with ONLACK 1 in EQUIPMENT OFF-LINE: only the operator brings it on-line from there', async () => {
    const { host, equipment } = await communicatingPair({ equipment: { initialControlState: 'EQUIPMENT_OFFLINE' } });
    expect(await host.goOnline()).toBe(1);
    expect(equipment.controlState).toBe(ControlState.EquipmentOffline);
  });

  it('answers every primary but S1F13 and S1F17 with SxF0 while OFF-LINE (S1F1 gets S1F0)', async () => {
    const { host, equipment } = await communicatingPair({ equipment: { initialControlState: 'HOST_OFFLINE' } });
    const abort = await host.areYouThere().catch((e: unknown) => e);
    expect(abort).toBeInstanceOf(SecsAbortReplyError);
    expect((abort as SecsAbortReplyError).stream).toBe(1);
    await expect(host.sendRequest(S1F3([1]))).rejects.toMatchObject({ name: 'SecsAbortReplyError', stream: 1 });
    await expect(host.requestEquipmentConstants()).rejects.toMatchObject({ name: 'SecsAbortReplyError', stream: 2 });
    await expect(host.goOffline()).rejects.toBeInstanceOf(SecsAbortReplyError); // S1F15 too
    const s1f14 = await host.sendRequest(S1F13());
    expect(s1f14.sf).toBe('S1F14');
    expect(equipment.controlState).toBe(ControlState.HostOffline);
    expect(await host.goOnline()).toBe(0);
    expect((await host.requestStatusVariables([1]))[0]!.equals(U4(21))).toBe(true);
  });
});

describe('operator switches', () => {
  it('goes on-line through ATTEMPT ON-LINE when the host answers S1F1', async () => {
    const { equipment } = await communicatingPair({ equipment: { initialControlState: 'EQUIPMENT_OFFLINE', initialOnlineMode: 'LOCAL' } });
    const changes: ControlState[] = [];
    equipment.on('controlState', (state) => changes.push(state));
    expect(await equipment.goOnline()).toBe(ControlState.OnlineLocal);
    expect(changes).toEqual([ControlState.AttemptOnline, ControlState.OnlineLocal]);
  });

  it('falls back to the configured OFF-LINE substate when the host answers S1F1 with S1F0', async () => {
    const { host, equipment } = await communicatingPair({
      equipment: { initialControlState: 'EQUIPMENT_OFFLINE', onlineFailedState: 'HOST_OFFLINE' },
    });
    // the application's callback answers before GEM's default route: S1F0 now
    host.registerStreamFunction(1, 1, () => {
      throw new SecsAbortError('the host refuses S1F1');
    });
    expect(await equipment.goOnline()).toBe(ControlState.HostOffline);
    expect(await equipment.goOnline()).toBe(ControlState.HostOffline); // E30: HOST OFF-LINE waits for S1F17
    expect(await host.goOnline()).toBe(0);
    expect(equipment.controlState).toBe(ControlState.OnlineRemote);
  });

  it('falls back to EQUIPMENT OFF-LINE by default when not communicating', async () => {
    const p = cleanup.add(await startGemPair({ enableHost: false, equipment: { initialControlState: 'EQUIPMENT_OFFLINE' } }), (x) =>
      x.dispose(),
    );
    expect(await p.equipment.goOnline()).toBe(ControlState.EquipmentOffline);
  });

  it('goes EQUIPMENT OFF-LINE on the OFF-LINE switch and then sends no events or terminal messages', async () => {
    const { equipment } = await communicatingPair();
    const changed = nextEvent(equipment, 'controlState');
    expect(equipment.goOffline()).toBe(ControlState.EquipmentOffline);
    expect(await changed).toEqual([ControlState.EquipmentOffline, ControlState.OnlineRemote]);
    expect(await equipment.triggerCollectionEvent(100)).toEqual({ sent: false, reason: 'offline' });
    await expect(equipment.sendTerminalMessage(0, 'hello')).rejects.toBeInstanceOf(GemOfflineError);
  });

  it('switches between ON-LINE LOCAL and REMOTE; remote commands need REMOTE (HCACK 2 in LOCAL)', async () => {
    const { host, equipment } = await communicatingPair();
    equipment.addRemoteCommand('START', () => 0);
    expect(equipment.setLocal()).toBe(ControlState.OnlineLocal);
    expect((await host.sendRemoteCommand('START')).hcack).toBe(2);
    expect(equipment.setRemote()).toBe(ControlState.OnlineRemote);
    expect((await host.sendRemoteCommand('START')).hcack).toBe(0);
  });
});
