// Alarms (S5F1, S5F3, S5F5, S5F7) and remote commands (S2F41 with each HCACK) between a host and
// an equipment of this library over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  AlarmCategory,
  type AlarmReport,
  GemUnknownIdError,
  HCACK,
  type RemoteCommandParams,
  SecsAbortReplyError,
  type SecsItem,
  U4,
} from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function communicatingPair() {
  const p = cleanup.add(await startGemPair(), (x) => x.dispose());
  p.equipment.addCollectionEvent({ ceid: 900, name: 'AlarmSetEvent', enabled: true });
  p.equipment.addAlarm({ alid: 1, text: 'Over temperature', category: AlarmCategory.equipmentSafety, setCeid: 900 });
  p.equipment.addAlarm({ alid: 2, text: 'Door open', category: AlarmCategory.attentionFlags });
  p.equipment.addAlarm({ alid: 3, text: 'Low vacuum', enabled: true });
  await p.communicating();
  return p;
}

describe('alarms', () => {
  it('reports set and clear with S5F1 (ALCD bit 8 and the category) once the host enabled the alarm', async () => {
    const { host, equipment } = await communicatingPair();
    const alarms: AlarmReport[] = [];
    host.on('alarm', (a) => alarms.push(a));
    expect(await host.enableAlarm(2)).toBe(0);
    expect(await equipment.setAlarm(2)).toEqual({ sent: true, ack: 0 });
    expect(await equipment.clearAlarm(2)).toEqual({ sent: true, ack: 0 });
    expect(alarms).toEqual([
      { alid: 2, alcd: 0x87, set: true, category: 7, text: 'Door open' },
      { alid: 2, alcd: 0x07, set: false, category: 7, text: 'Door open' },
    ]);
  });

  it('changes the alarm state but sends nothing while the alarm is disabled, or when the state does not change', async () => {
    const { host, equipment } = await communicatingPair();
    const alarms: AlarmReport[] = [];
    host.on('alarm', (a) => alarms.push(a));
    expect(await equipment.setAlarm(2)).toEqual({ sent: false, reason: 'notEnabled' });
    expect(equipment.isAlarmSet(2)).toBe(true);
    expect(await equipment.setAlarm(3)).toMatchObject({ sent: true });
    expect(await equipment.setAlarm(3)).toEqual({ sent: false, reason: 'unchanged' });
    expect(alarms.map((a) => a.alid)).toEqual([3]);
    await expect(equipment.setAlarm(99)).rejects.toBeInstanceOf(GemUnknownIdError);
  });

  it('sends the alarm report before the alarm set event', async () => {
    const { host, equipment } = await communicatingPair();
    await host.enableAlarm(1);
    const order: string[] = [];
    host.on('alarm', () => order.push('S5F1'));
    host.on('collectionEvent', (e) => order.push(`S6F11 ${String(e.ceid)}`));
    const event = nextEvent(host, 'collectionEvent');
    await equipment.setAlarm(1);
    await event;
    expect(order).toEqual(['S5F1', 'S6F11 900']);
  });

  it('answers S5F3 with ACKC5 1 for an unknown ALID and enables every alarm for a zero-length ALID', async () => {
    const { host } = await communicatingPair();
    expect(await host.enableAlarm(99)).toBe(1);
    expect((await host.listEnabledAlarms()).map((a) => a.alid)).toEqual([3]);
    expect(await host.enableAllAlarms(true)).toBe(0);
    expect((await host.listEnabledAlarms()).map((a) => a.alid)).toEqual([1, 2, 3]);
    expect(await host.enableAlarm(3, false)).toBe(0);
    expect((await host.listEnabledAlarms()).map((a) => a.alid)).toEqual([1, 2]);
    expect(await host.enableAllAlarms(false)).toBe(0);
    expect(await host.listEnabledAlarms()).toEqual([]);
  });

  it('lists alarms with S5F5 (all, or those asked for) with their current ALCD', async () => {
    const { host, equipment } = await communicatingPair();
    await equipment.setAlarm(1);
    const all = await host.listAlarms();
    expect(all.map((a) => [a.alid, a.alcd, a.set, a.altx])).toEqual([
      [1, 0x82, true, 'Over temperature'],
      [2, 0x07, false, 'Door open'],
      [3, 0x00, false, 'Low vacuum'],
    ]);
    expect((await host.listAlarms([3, 99])).map((a) => a.alid)).toEqual([3]); // unknown ALIDs are left out
  });

  it('refuses an alarm whose event does not exist', async () => {
    const { equipment } = await communicatingPair();
    expect(() => equipment.addAlarm({ alid: 10, text: 'x', setCeid: 12345 })).toThrow(GemUnknownIdError);
  });
});

describe('remote commands (S2F41)', () => {
  async function withCommands() {
    const p = await communicatingPair();
    const calls: RemoteCommandParams[] = [];
    p.equipment.addRemoteCommand(
      'START',
      async (params) => {
        calls.push(params);
        return HCACK.ok;
      },
      {
        parameters: {
          LOT: { required: true },
          SPEED: { validate: (v: SecsItem) => v.type === 'U4' && (v.value ?? 0) <= 100 },
        },
      },
    );
    p.equipment.addRemoteCommand('PAUSE', () => HCACK.acceptedWillFinishLater);
    p.equipment.addRemoteCommand('RESUME', () => ({ hcack: HCACK.parameterInvalid, params: [{ cpname: 'MODE', cpack: 3 }] }));
    p.equipment.addRemoteCommand('STATUS', () => HCACK.ok, { requiresRemote: false });
    p.equipment.addRemoteCommand('CRASH', () => {
      throw new Error('the tool is on fire');
    });
    return { ...p, calls };
  }

  it('runs the command callback with the parameters by name and answers its HCACK 0', async () => {
    const { host, calls } = await withCommands();
    expect(await host.sendRemoteCommand('START', { LOT: A('L1'), SPEED: U4(50) })).toEqual({ hcack: 0, params: [] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!['LOT']!.equals(A('L1'))).toBe(true);
    expect(calls[0]!['SPEED']!.equals(U4(50))).toBe(true);
  });

  it('answers HCACK 1 for a command that does not exist', async () => {
    const { host } = await withCommands();
    expect((await host.sendRemoteCommand('EXPLODE')).hcack).toBe(1);
  });

  it('answers HCACK 2 when not ON-LINE REMOTE, unless the command does not require it', async () => {
    const { host, equipment, calls } = await withCommands();
    equipment.setLocal();
    expect((await host.sendRemoteCommand('START', { LOT: A('L1') })).hcack).toBe(2);
    expect((await host.sendRemoteCommand('STATUS')).hcack).toBe(0);
    expect(calls).toEqual([]);
  });

  it('answers HCACK 3 with CPACK 1 for an unknown parameter, CPACK 2 for an illegal value, and for a missing required one', async () => {
    const { host, calls } = await withCommands();
    expect(await host.sendRemoteCommand('START', { LOT: A('L1'), COLOR: A('red') })).toEqual({
      hcack: 3,
      params: [{ cpname: 'COLOR', cpack: 1 }],
    });
    expect(
      await host.sendRemoteCommand('START', [
        { cpname: 'LOT', cpval: A('L1') },
        { cpname: 'SPEED', cpval: U4(500) },
      ]),
    ).toEqual({
      hcack: 3,
      params: [{ cpname: 'SPEED', cpack: 2 }],
    });
    expect(await host.sendRemoteCommand('START', { SPEED: U4(5) })).toEqual({ hcack: 3, params: [] });
    expect(calls).toEqual([]);
  });

  it('answers the HCACK the callback returns: 4 (will finish later) or 3 with its own parameter errors', async () => {
    const { host } = await withCommands();
    expect(await host.sendRemoteCommand('PAUSE')).toEqual({ hcack: 4, params: [] });
    expect(await host.sendRemoteCommand('RESUME')).toEqual({ hcack: 3, params: [{ cpname: 'MODE', cpack: 3 }] });
  });

  it('answers S2F0 when the callback throws, and keeps working', async () => {
    const { host } = await withCommands();
    await expect(host.sendRemoteCommand('CRASH')).rejects.toBeInstanceOf(SecsAbortReplyError);
    expect((await host.sendRemoteCommand('PAUSE')).hcack).toBe(4);
  });
});
