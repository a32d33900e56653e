// E30 communication state model over real loopback sockets: S1F13/S1F14 from either side, the
// crossing S1F13 case, WAIT CRA / WAIT DELAY, the fall-back on TCP loss, refusals while not
// communicating, DISABLED, and S1F1.
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  B,
  CommunicationState,
  decodeItem,
  encodeItem,
  GemCommunicationFailedError,
  GemEquipmentHandler,
  type GemEquipmentHandlerOptions,
  GemHostHandler,
  GemNotCommunicatingError,
  type HsmsConnection,
  HsmsConnectionManager,
  type HsmsHandlerOptions,
  HsmsOptionError,
  HsmsPacket,
  HsmsPassiveConnection,
  L,
  type SecsItem,
  type SecsMessage,
  SType,
  U4,
} from '../libs/hsms/src/core.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { GEM_TEST_TIMERS, nextEvent, startGemPair, whenCommunicating, type GemPairOptions } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup, packetsBeforeLinktest, requestSelect } from './support/hsms-test-kit.js';
import { LOOPBACK, RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function pair(options: GemPairOptions = {}) {
  return cleanup.add(await startGemPair(options), (p) => p.dispose());
}

const isData = (stream: number, fn: number) => (p: HsmsPacket) =>
  p.sType === SType.DataMessage && p.header.stream === stream && p.header.function === fn;
const data = (stream: number, fn: number, wBit: boolean, system: number, body?: SecsItem) =>
  HsmsPacket.dataMessage(0, stream, fn, wBit, system, body === undefined ? undefined : encodeItem(body));
const bodyOf = (p: HsmsPacket) => decodeItem(p.data);
const S1F14_ACCEPT = L(B(0), L());

/** Our equipment listening; a raw peer connected and SELECTED (the raw peer plays the host). */
async function rawHostAndEquipment(options: GemEquipmentHandlerOptions = {}, timers = {}) {
  const logger = new CaptureLogger();
  const connection = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, {
    bindAddress: LOOPBACK,
    ...GEM_TEST_TIMERS,
    ...timers,
    logger,
    logLevel: 'debug',
  });
  const equipment = cleanup.add(new GemEquipmentHandler(connection, { name: 'equipment', mdln: 'ETCH', softrev: '2.1', ...options }), (h) =>
    h.disable(),
  );
  const messages: SecsMessage[] = [];
  equipment.on('message', (m) => messages.push(m));
  equipment.enable();
  const port = await connection.whenListening();
  const peer = cleanup.add(await RawPeer.connect(port), (p) => p.destroy());
  await requestSelect(peer);
  return { equipment, peer, logger, messages };
}

describe('establishing communication (S1F13/S1F14)', () => {
  it('brings host and equipment to COMMUNICATING on select, each sending at most one S1F13', async () => {
    const hostLog = new CaptureLogger();
    const equipmentLog = new CaptureLogger();
    const p = await pair({
      equipment: { mdln: 'ETCH', softrev: '2.1' },
      hostConnection: { logger: hostLog },
      equipmentConnection: { logger: equipmentLog },
    });
    const received = { host: [] as string[], equipment: [] as string[] };
    p.host.on('message', (m) => received.host.push(m.sf));
    p.equipment.on('message', (m) => received.equipment.push(m.sf));
    await p.communicating();
    expect(p.host.communicationState).toBe(CommunicationState.Communicating);
    expect(p.equipment.communicationState).toBe(CommunicationState.Communicating);
    expect(p.host.remoteIdentity).toEqual({ mdln: 'ETCH', softrev: '2.1' });
    await p.host.areYouThere(); // a round trip after the S1F13 exchanges: anything they sent has arrived
    expect(received.host.filter((sf) => sf === 'S1F13').length).toBeLessThanOrEqual(1);
    expect(received.equipment.filter((sf) => sf === 'S1F13').length).toBeLessThanOrEqual(1);
    expect(received.host.concat(received.equipment)).not.toContain('S1F14'); // every S1F14 answered a request
    expect([...hostLog.lines, ...equipmentLog.lines].filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('lets the equipment alone initiate: the host answers S1F13 and never sends its own', async () => {
    const p = await pair({ host: { initiateCommunication: false } });
    const fromHost: string[] = [];
    p.equipment.on('message', (m) => fromHost.push(m.sf));
    await p.communicating();
    expect(await p.equipment.areYouThere()).toBeUndefined(); // a host answers S1F1 with an empty list
    expect(fromHost).not.toContain('S1F13');
  });

  it('lets the host alone initiate: the equipment answers S1F14 with MDLN and SOFTREV', async () => {
    const p = await pair({ equipment: { initiateCommunication: false, mdln: 'CVD', softrev: '9' } });
    const fromEquipment: string[] = [];
    p.host.on('message', (m) => fromEquipment.push(m.sf));
    await p.communicating();
    expect(p.host.remoteIdentity).toEqual({ mdln: 'CVD', softrev: '9' });
    expect(await p.host.areYouThere()).toEqual({ mdln: 'CVD', softrev: '9' });
    expect(fromEquipment).not.toContain('S1F13');
  });

  it('answers the peer S1F13 that crosses its own and takes the peer S1F14 as the reply to its own, not as a primary', async () => {
    const { equipment, peer, logger, messages } = await rawHostAndEquipment();
    const ours = await peer.waitFor(isData(1, 13));
    expect(ours.header.requireResponse).toBe(true);
    expect(bodyOf(ours).equals(L(A('ETCH'), A('2.1')))).toBe(true);
    expect(equipment.communicationState).toBe(CommunicationState.WaitCra);

    peer.send(data(1, 13, true, 0x100, L()));
    const answer = await peer.waitFor((p) => isData(1, 14)(p) && p.system === 0x100);
    expect(bodyOf(answer).equals(L(B(0), L(A('ETCH'), A('2.1'))))).toBe(true);
    expect(equipment.communicationState).toBe(CommunicationState.Communicating);

    peer.send(data(1, 14, false, ours.system, S1F14_ACCEPT));
    const after = await packetsBeforeLinktest(peer);
    expect(after).toEqual([]); // no S9F5, no SxF0, no second S1F13
    expect(messages.map((m) => m.sf)).toEqual(['S1F13']); // the S1F14 never went upward
    expect(equipment.pendingRequestCount).toBe(0);
    expect(logger.find('warn', /unexpected/)).toEqual([]);
    expect(equipment.communicationState).toBe(CommunicationState.Communicating);
  });

  it('judges a primary that arrives in the same TCP chunk as the S1F14 by the new state', async () => {
    const { equipment, peer } = await rawHostAndEquipment();
    equipment.addStatusVariable({ svid: 1, name: 'Temp', value: U4(21) });
    const ours = await peer.waitFor(isData(1, 13));
    peer.sendRaw(Buffer.concat([data(1, 14, false, ours.system, S1F14_ACCEPT).encode(), data(1, 3, true, 0x200, L(U4(1))).encode()]));
    const reply = await peer.waitFor((p) => p.sType === SType.DataMessage && p.system === 0x200);
    expect(reply.header.function).toBe(4);
    expect(bodyOf(reply).equals(L(U4(21)))).toBe(true);
  });

  it('waits in WAIT DELAY after an unanswered S1F13 and sends the next one when establishCommunicationsTimeout ends', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ establishCommunicationsTimeout: 0.2 }, { t3: 0.2 });
    const first = await peer.waitFor(isData(1, 13));
    const waiting = nextEvent(equipment, 'communicationState', (s) => s === CommunicationState.WaitDelay);
    await waiting;
    const second = await peer.waitFor(isData(1, 13));
    expect(second.system).not.toBe(first.system);
    const communicating = nextEvent(equipment, 'communicating');
    peer.send(data(1, 14, false, second.system, S1F14_ACCEPT));
    await communicating;
    expect(equipment.communicationState).toBe(CommunicationState.Communicating);
  });

  it('waits in WAIT DELAY after S1F14 with COMMACK 1 (denied) and tries again', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ establishCommunicationsTimeout: 0.1 });
    const first = await peer.waitFor(isData(1, 13));
    const waiting = nextEvent(equipment, 'communicationState', (s) => s === CommunicationState.WaitDelay);
    peer.send(data(1, 14, false, first.system, L(B(1), L())));
    await waiting;
    const second = await peer.waitFor(isData(1, 13));
    peer.send(data(1, 14, false, second.system, S1F14_ACCEPT));
    await nextEvent(equipment, 'communicating');
  });

  it('tries again at once in WAIT DELAY when another message arrives (and refuses that message with SxF0)', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ establishCommunicationsTimeout: 60 }, { t3: 5 });
    const first = await peer.waitFor(isData(1, 13));
    peer.send(data(1, 14, false, first.system, L(B(1), L())));
    await nextEvent(equipment, 'communicationState', (s) => s === CommunicationState.WaitDelay);
    peer.send(data(1, 1, true, 0x300));
    const abort = await peer.waitFor((p) => p.sType === SType.DataMessage && p.system === 0x300);
    expect([abort.header.stream, abort.header.function]).toEqual([1, 0]);
    const second = await peer.waitFor(isData(1, 13), 2000); // long before the 60 s delay
    expect(second.system).not.toBe(first.system);
  });

  it('establishCommunication() resolves once COMMUNICATING and rejects with GemCommunicationFailedError when denied', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ initiateCommunication: false, establishCommunicationsTimeout: 60 });
    const denied = equipment.establishCommunication();
    const first = await peer.waitFor(isData(1, 13));
    peer.send(data(1, 14, false, first.system, L(B(1), L())));
    await expect(denied).rejects.toBeInstanceOf(GemCommunicationFailedError);
    const accepted = equipment.establishCommunication();
    const second = await peer.waitFor(isData(1, 13));
    peer.send(data(1, 14, false, second.system, S1F14_ACCEPT));
    await accepted;
    expect(equipment.communicating).toBe(true);
    await equipment.establishCommunication(); // already communicating: no new S1F13
    expect((await packetsBeforeLinktest(peer)).filter(isData(1, 13))).toEqual([]);
  });
});

describe('losing and refusing communication', () => {
  it('falls back to NOT COMMUNICATING before the closed event when the peer drops the TCP connection', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ initiateCommunication: false });
    peer.send(data(1, 13, true, 0x10, L()));
    await peer.waitFor(isData(1, 14));
    expect(equipment.communicating).toBe(true);
    const stateAtClose = new Promise<CommunicationState>((resolve) =>
      equipment.once('closed', () => resolve(equipment.communicationState)),
    );
    peer.destroy();
    expect(await stateAtClose).toBe(CommunicationState.NotCommunicating);
  });

  it('falls back on TCP loss and communicates again after the host reconnects, with one S1F13 per selection', async () => {
    const p = await pair({ equipment: { initiateCommunication: false } });
    await p.communicating();
    const lost = nextEvent(p.equipment, 'communicationState', (s) => s === CommunicationState.NotCommunicating);
    const hostLost = nextEvent(p.host, 'communicationState', (s) => s === CommunicationState.NotCommunicating);
    const s1f13: string[] = [];
    p.equipment.on('message', (m) => s1f13.push(m.sf));
    await p.host.disable();
    await Promise.all([lost, hostLost]);
    expect(p.equipment.communicating).toBe(false);
    await expect(p.host.areYouThere()).rejects.toBeInstanceOf(GemNotCommunicatingError);
    p.host.enable();
    await p.communicating();
    expect(s1f13.filter((sf) => sf === 'S1F13')).toEqual(['S1F13']);
  });

  it('answers every primary but S1F13 with SxF0 while not communicating', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ initiateCommunication: false });
    equipment.addStatusVariable({ svid: 1, name: 'Temp', value: U4(21) });
    peer.send(data(1, 3, true, 0x20, L(U4(1))));
    peer.send(data(2, 41, true, 0x21, L(A('START'), L())));
    const first = await peer.waitFor((p) => p.system === 0x20);
    const second = await peer.waitFor((p) => p.system === 0x21);
    expect([first.header.stream, first.header.function, second.header.stream, second.header.function]).toEqual([1, 0, 2, 0]);
    expect(equipment.communicationState).toBe(CommunicationState.NotCommunicating);
  });

  it('denies S1F13 with COMMACK 1 while DISABLED and sends its own S1F13 once enabled', async () => {
    const { equipment, peer } = await rawHostAndEquipment({ communicationEnabled: false });
    expect(equipment.communicationState).toBe(CommunicationState.Disabled);
    peer.send(data(1, 13, true, 0x30, L()));
    const denied = await peer.waitFor((p) => p.system === 0x30);
    expect(bodyOf(denied).equals(L(B(1), L(A('ETCH'), A('2.1'))))).toBe(true);
    expect(equipment.communicationState).toBe(CommunicationState.Disabled);
    equipment.enableCommunication();
    const ours = await peer.waitFor(isData(1, 13));
    peer.send(data(1, 14, false, ours.system, S1F14_ACCEPT));
    await nextEvent(equipment, 'communicating');
    equipment.disableCommunication();
    expect(equipment.communicationState).toBe(CommunicationState.Disabled);
  });
});

describe('under HsmsConnectionManager', () => {
  it('runs the GEM handlers as manager peers: the host connects, both communicate, S1F1 works', async () => {
    const equipmentSide = cleanup.add(new HsmsConnectionManager(GEM_TEST_TIMERS), (m) => m.stop());
    const hostSide = cleanup.add(new HsmsConnectionManager(GEM_TEST_TIMERS), (m) => m.stop());
    const Tool = class extends GemEquipmentHandler {
      constructor(connection: HsmsConnection, options?: HsmsHandlerOptions) {
        super(connection, { ...options, mdln: 'MGR-TOOL', softrev: '1' });
      }
    };
    const equipment = equipmentSide.addPeer('host', LOOPBACK, 0, false, 0, Tool);
    equipment.enable();
    await equipmentSide.ready();
    const host = hostSide.addPeer('tool', LOOPBACK, equipmentSide.listeningPort(0)!, true, 0, GemHostHandler);
    host.enable();
    await Promise.all([whenCommunicating(equipment), whenCommunicating(host)]);
    expect(await host.areYouThere()).toEqual({ mdln: 'MGR-TOOL', softrev: '1' });
    const lost = nextEvent(equipment, 'communicationState', (s) => s === CommunicationState.NotCommunicating);
    await hostSide.removePeer('tool');
    await lost;
  });
});

describe('S1F1 and options', () => {
  it('answers S1F1 with MDLN and SOFTREV on the equipment side and with an empty list on the host side', async () => {
    const p = await pair({ equipment: { mdln: 'IMPLANT', softrev: '3.0.1' } });
    await p.communicating();
    expect(await p.host.areYouThere()).toEqual({ mdln: 'IMPLANT', softrev: '3.0.1' });
    expect(await p.equipment.areYouThere()).toBeUndefined();
  });

  it('refuses bad options with an error naming the option', () => {
    const connection = () => new HsmsPassiveConnection(LOOPBACK, 0, 0);
    expect(() => new GemEquipmentHandler(connection(), { establishCommunicationsTimeout: 0 })).toThrow(HsmsOptionError);
    expect(() => new GemEquipmentHandler(connection(), { mdln: 'X'.repeat(21) })).toThrow(/mdln/);
    expect(() => new GemEquipmentHandler(connection(), { initialControlState: 'SOMETIMES' as never })).toThrow(/initialControlState/);
    expect(() => new GemHostHandler(connection(), { timeFormat: 13 as never })).toThrow(/timeFormat/);
    expect(() => new GemHostHandler(connection(), { firstReportId: -1 })).toThrow(/firstReportId/);
  });
});
