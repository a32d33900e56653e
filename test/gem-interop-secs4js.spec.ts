// Interop: the npm package secs4js (an independent HSMS/SECS-II implementation) as the HOST against
// our GemEquipmentHandler over loopback: S1F13, S1F1, S1F3 and S2F41.
import {
  A as A4,
  B as B4,
  HsmsActiveCommunicator,
  L as L4,
  U4 as U44,
  type AbstractSecs2Item,
  type Secs2ItemAscii,
  type Secs2ItemBinary,
  type Secs2ItemList,
  type Secs2ItemNumeric,
  type SecsMessage as Secs4Message,
} from 'secs4js';
import { afterEach, describe, expect, it } from 'vitest';
import { CommunicationState, F4, GemEquipmentHandler, HsmsPassiveConnection, U4 } from '../libs/hsms/src/core.js';
import { GEM_TEST_TIMERS, nextEvent } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';
import { LOOPBACK, withTimeout } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** secs4js timers are in seconds too: quick reconnect, calm everything else. */
const SECS4JS_TIMERS = { timeoutT3: 5, timeoutT5: 0.1, timeoutT6: 3, timeoutT7: 5, timeoutT8: 3 };

const list = (item: AbstractSecs2Item | null | undefined) => (item as Secs2ItemList).value;
const text = (item: AbstractSecs2Item | undefined) => (item as Secs2ItemAscii).value;
const byte = (item: AbstractSecs2Item | undefined) => (item as Secs2ItemBinary).value[0];
const number = (item: AbstractSecs2Item | undefined) => (item as Secs2ItemNumeric).valueAsArray;

/** Our equipment listening, with an SV, a remote command, and a secs4js host selected on it. */
async function secs4jsHostAgainstOurEquipment(initiateCommunication = false) {
  const connection = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, { bindAddress: LOOPBACK, ...GEM_TEST_TIMERS });
  // by default the equipment waits for the host's S1F13, as many do, so secs4js sees exactly its own exchange
  const equipment = cleanup.add(
    new GemEquipmentHandler(connection, { name: 'equipment', mdln: 'SECS4JS-IOP', softrev: '0.4.7', initiateCommunication }),
    (h) => h.disable(),
  );
  equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: F4(21.5) });
  equipment.addStatusVariable({ svid: 2, name: 'Wafers', value: U4(25) });
  const started: string[] = [];
  equipment.addRemoteCommand('START', (params) => {
    const lot = params['LOT'];
    started.push(lot?.type === 'A' ? lot.value : '');
    return 0;
  });
  equipment.enable();
  const port = await connection.whenListening();

  const host = new HsmsActiveCommunicator({ ip: LOOPBACK, port, deviceId: 0, isEquip: false, linkTestInterval: 60_000, ...SECS4JS_TIMERS });
  const errors: Error[] = [];
  host.on('error', (error: Error) => errors.push(error));
  const primaries: Secs4Message[] = [];
  host.on('message', (m: Secs4Message) => {
    primaries.push(m);
    // answer S1F13 as a secs4js host application would
    if (m.stream === 1 && m.func === 13) void host.reply(m, 1, 14, L4(B4(Buffer.from([0])), L4()));
  });
  cleanup.add(host, (h) => h.close());
  const selected = withTimeout(new Promise<void>((resolve) => host.once('selected', () => resolve())), 4000, 'secs4js: not selected');
  await host.open();
  await selected;
  return { equipment, host, errors, primaries, started };
}

describe('secs4js as host against our GemEquipmentHandler', () => {
  it('establishes communication with S1F13 and gets S1F14 COMMACK 0 with MDLN and SOFTREV', async () => {
    const { equipment, host, errors } = await secs4jsHostAgainstOurEquipment();
    expect(equipment.communicationState).toBe(CommunicationState.NotCommunicating);
    const communicating = nextEvent(equipment, 'communicating');
    const reply = await host.send(1, 13, true, L4());
    await communicating;
    expect(reply!.func).toBe(14);
    const [commack, identity] = list(reply!.body);
    expect(byte(commack)).toBe(0);
    expect(list(identity).map(text)).toEqual(['SECS4JS-IOP', '0.4.7']);
    expect(equipment.communicationState).toBe(CommunicationState.Communicating);
    expect(errors).toEqual([]);
  });

  it('establishes communication when both send S1F13: the secs4js answer to ours is taken as its reply', async () => {
    const { equipment, host, errors, primaries } = await secs4jsHostAgainstOurEquipment(true);
    const reply = await host.send(1, 13, true, L4());
    expect(byte(list(reply!.body)[0])).toBe(0);
    if (!equipment.communicating) await nextEvent(equipment, 'communicating');
    await host.send(1, 1, true); // a round trip: our S1F13 has been answered by now
    expect(equipment.pendingRequestCount).toBe(0);
    expect(primaries.filter((m) => m.stream === 1 && m.func === 13)).toHaveLength(1);
    expect(equipment.communicationState).toBe(CommunicationState.Communicating);
    expect(errors).toEqual([]);
  });

  it('gets S1F0 for S1F1 before S1F13 (E30: not communicating), then S1F2 with MDLN and SOFTREV', async () => {
    const { host, errors } = await secs4jsHostAgainstOurEquipment();
    const refused = await host.send(1, 1, true);
    expect([refused!.stream, refused!.func]).toEqual([1, 0]);
    await host.send(1, 13, true, L4());
    const reply = await host.send(1, 1, true);
    expect(reply!.func).toBe(2);
    expect(list(reply!.body).map(text)).toEqual(['SECS4JS-IOP', '0.4.7']);
    expect(errors).toEqual([]);
  });

  it('reads status variables with S1F3, an empty list standing for an unknown SVID', async () => {
    const { host, errors } = await secs4jsHostAgainstOurEquipment();
    await host.send(1, 13, true, L4());
    const reply = await host.send(1, 3, true, L4(U44(2), U44(1), U44(77)));
    expect(reply!.func).toBe(4);
    const [wafers, temp, unknown] = list(reply!.body);
    expect(number(wafers)).toEqual([25]);
    expect(number(temp)).toEqual([21.5]);
    expect(list(unknown)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('runs remote commands with S2F41: HCACK 0 for a known command in ON-LINE REMOTE, 1 for an unknown one', async () => {
    const { host, started, errors } = await secs4jsHostAgainstOurEquipment();
    await host.send(1, 13, true, L4());
    const ok = await host.send(2, 41, true, L4(A4('START'), L4(L4(A4('LOT'), A4('LOT-42')))));
    expect(ok!.func).toBe(42);
    const [hcack, params] = list(ok!.body);
    expect(byte(hcack)).toBe(0);
    expect(list(params)).toEqual([]);
    expect(started).toEqual(['LOT-42']);
    const unknown = await host.send(2, 41, true, L4(A4('EXPLODE'), L4()));
    expect(byte(list(unknown!.body)[0])).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sends its own S6F11 to the secs4js host, which answers S6F12', async () => {
    const { equipment, host, primaries, errors } = await secs4jsHostAgainstOurEquipment();
    equipment.addCollectionEvent({ ceid: 5, name: 'Ready', enabled: true });
    host.on('message', (m: Secs4Message) => {
      if (m.stream === 6 && m.func === 11) void host.reply(m, 6, 12, B4(Buffer.from([0])));
    });
    await host.send(1, 13, true, L4());
    expect(await equipment.triggerCollectionEvent(5)).toMatchObject({ sent: true, ack: 0 });
    const s6f11 = primaries.find((m) => m.stream === 6 && m.func === 11)!;
    expect(number(list(s6f11.body)[1])).toEqual([5]);
    expect(errors).toEqual([]);
  });
});
