// The one SECS router per peer over loopback: the application's handlers answer before GEM's
// default routes, GEM's typed events and state still follow, overlaps are reported once, and the
// lifecycle and unhandled-message lines are visible at the default log levels (issue 9: 1, 7, 10).
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveConnection } from '../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsPassiveConnection } from '../libs/hsms/src/connections/hsms-passive-connection.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { CommunicationState } from '../libs/hsms/src/gem/communication-state.js';
import { attachGem } from '../libs/hsms/src/gem/attach-gem.js';
import { GemEquipmentHandler } from '../libs/hsms/src/gem/gem-equipment-handler.js';
import type { GemHostHandlerEvents } from '../libs/hsms/src/gem/gem-host.events.js';
import { GemHostHandler } from '../libs/hsms/src/gem/gem-host-handler.js';
import { GEM_TEST_TIMERS, nextEvent as nextGemEvent, startGemPair, whenCommunicating } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { HsmsConnectionManager } from '../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../libs/hsms/src/hsms/hsms-handler.events.js';
import { A, B, L, U4 } from '../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../libs/hsms/src/protocol/secs-message.js';
import { S1F14 } from '../libs/hsms/src/secs/catalogue/index.js';
import { SecsStream9Error } from '../libs/hsms/src/secs/secs-errors.js';
import { SecsHandler } from '../libs/hsms/src/secs/secs-handler.js';
import { CALM_TIMERS, Cleanup, nextEvent, reachState } from './support/hsms-test-kit.js';
import { LOOPBACK } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('the application answers before GEM, and GEM still sees the message', () => {
  it("calls the host's S6F11 callback, sends its ACKC6, and still emits 'collectionEvent'", async () => {
    const pair = cleanup.add(await startGemPair(), (p) => p.dispose());
    pair.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(21) });
    pair.equipment.addCollectionEvent({ ceid: 100, name: 'LotStart', enabled: true });
    const seen: SecsMessage[] = [];
    pair.host.registerStreamFunction(6, 11, (message) => {
      seen.push(message);
      return B([3]); // ACKC6 3: our own answer, not GEM's 0
    });
    await pair.communicating();
    const event = nextGemEvent(pair.host, 'collectionEvent');
    const sent = await pair.equipment.triggerCollectionEvent(100);
    expect(sent).toMatchObject({ sent: true, ack: 3 });
    expect(seen.map((m) => m.sf)).toEqual(['S6F11']);
    const [report] = await event;
    expect(Number(report.ceid)).toBe(100);
  });

  it('keeps the E30 communication state when the application answers S1F13 itself', async () => {
    const pair = cleanup.add(await startGemPair({ enableHost: false, equipment: { initiateCommunication: false } }), (p) => p.dispose());
    let asked = 0;
    pair.equipment.registerStreamFunction(1, 13, () => {
      asked++;
      return S1F14({ commack: 0, mdln: 'APP-TOOL', softrev: '9' });
    });
    pair.host.enable();
    await pair.communicating();
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(pair.equipment.communicationState).toBe(CommunicationState.Communicating);
    expect(pair.host.remoteIdentity).toEqual({ mdln: 'APP-TOOL', softrev: '9' });
  });

  it('does not lose GEM when the application unregisters its callback: GEM answers S1F1 again', async () => {
    const pair = cleanup.add(await startGemPair({ equipment: { mdln: 'GEMTOOL', softrev: '2' } }), (p) => p.dispose());
    pair.equipment.registerStreamFunction(1, 1, () => L(A('APP'), A('1')));
    await pair.communicating();
    expect(await pair.host.areYouThere()).toEqual({ mdln: 'APP', softrev: '1' });
    pair.equipment.unregisterStreamFunction(1, 1);
    expect(await pair.host.areYouThere()).toEqual({ mdln: 'GEMTOOL', softrev: '2' });
  });

  it('reports the overlap of application callbacks and GEM default routes in one log line, once', async () => {
    const logger = new CaptureLogger();
    const passive = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, {
      bindAddress: LOOPBACK,
      ...GEM_TEST_TIMERS,
      logger,
      logLevel: 'log',
    });
    const equipment = cleanup.add(new GemEquipmentHandler(passive, { name: 'tool' }), (h) => h.disable());
    equipment.registerStreamFunction(1, 1, () => L());
    equipment.registerStreamFunction(2, 41, () => L());
    equipment.enable();
    equipment.enable();
    const lines = logger.find('log', /routes:/);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toMatch(
      /the application answers S1F1 \(registerStreamFunction over GEM\), S2F41 \(registerStreamFunction over GEM equipment\)/,
    );
  });
});

describe('GEM as a capability of any SECS peer', () => {
  it('attaches GEM host routes to a plain SecsHandler: it communicates and gets typed collection events', async () => {
    const pair = cleanup.add(await startGemPair({ enableHost: false }), (p) => p.dispose());
    pair.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(21) });
    pair.equipment.addCollectionEvent({ ceid: 100, name: 'LotStart', enabled: true });
    const connection = new HsmsActiveConnection(LOOPBACK, pair.port, 0, undefined, GEM_TEST_TIMERS);
    const peer = cleanup.add(new SecsHandler<GemHostHandlerEvents>(connection, { name: 'plain-host', role: 'host' }), (h) => h.disable());
    const gem = attachGem(peer as unknown as SecsHandler);
    expect('host' in gem).toBe(true);
    const communicating = new Promise<void>((resolve) => peer.once('communicating', () => resolve()));
    peer.enable();
    await Promise.all([communicating, whenCommunicating(pair.equipment)]);
    expect(gem.communication.state).toBe(CommunicationState.Communicating);
    const event = new Promise<GemHostHandlerEvents['collectionEvent']>((resolve) =>
      peer.once('collectionEvent', (...args) => resolve(args)),
    );
    expect(await pair.equipment.triggerCollectionEvent(100)).toMatchObject({ sent: true, ack: 0 });
    const [report] = await event;
    expect(Number(report.ceid)).toBe(100);
  });
});

describe('log lines a user sees at the default level', () => {
  it('logs connect failures with their cause at log level', async () => {
    const logger = new CaptureLogger();
    const port = await closedPort();
    const connection = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, { ...CALM_TIMERS, logger, logLevel: 'log' });
    const handler = cleanup.add(new SecsHandler(connection, { name: 'dead-tool' }), (h) => h.disable());
    handler.enable();
    await until(() => logger.find('log', /connect to 127\.0\.0\.1:\d+ failed: .*ECONNREFUSED.*retrying after T5/).length > 0);
    expect(logger.find('log', /connecting to 127\.0\.0\.1/).length).toBeGreaterThanOrEqual(1);
  });

  it('throttles a tool that drops every connection: at most 3 closed lines a minute, then a count', async () => {
    const logger = new CaptureLogger();
    const dropper = await droppingServer();
    cleanup.add(dropper, (s) => new Promise<void>((resolve) => s.close(() => resolve())));
    const port = (dropper.address() as { port: number }).port;
    const connection = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, { ...CALM_TIMERS, t5: 0.01, logger, logLevel: 'log' });
    const handler = cleanup.add(new SecsHandler(connection, { name: 'flaky' }), (h) => h.disable());
    let closes = 0;
    handler.on('closed', () => void closes++);
    handler.enable();
    await until(() => closes >= 8);
    expect(logger.find('log', /connection established/)).toHaveLength(3);
    expect(logger.find('log', /connection closed \(remote\); reconnecting after T5/)).toHaveLength(3);
  });

  it('warns (throttled) when an unhandled W-bit primary is answered with SxF0', async () => {
    const { host, tool, logger } = await secsPair();
    const reply = await tool.transact(new SecsMessage(1, 99, true));
    expect(reply.sf).toBe('S1F0');
    expect(logger.find('warn', /no handler for S1F99 W .*: answered S1F0/)).toHaveLength(1);
    expect(host.state).toBe(HsmsState.Selected);
  });

  it('does not warn about the SxF0 that E5 sends after an S9 that already failed the request', async () => {
    const { host, tool, logger } = await secsPair('equipment');
    // our host asks the equipment for something it does not know: S9F5 (fails the request) then S1F0
    const s1f0 = nextEvent(host, 'message', (m) => m.sf === 'S1F0');
    await expect(host.sendAndWaitForResponse(new SecsMessage(1, 99, true))).rejects.toBeInstanceOf(SecsStream9Error);
    await s1f0;
    expect(tool.role).toBe('equipment');
    expect(logger.find('warn', /unexpected reply/)).toHaveLength(0);
    expect(logger.find('debug', /S1F0 .* follows the S9 that already failed this request/)).toHaveLength(1);
  });
});

describe('HsmsConnectionManager peers as data', () => {
  it('builds a GEM host from { gem: { ... } } and a GEM equipment from { role, gem }, each enabled', async () => {
    const equipmentSide = cleanup.add(new HsmsConnectionManager({ ...GEM_TEST_TIMERS, bindAddress: LOOPBACK }), (m) => m.stop());
    const equipment = equipmentSide.addPeer<GemEquipmentHandler>({
      name: 'host',
      address: LOOPBACK,
      port: 0,
      active: false,
      role: 'equipment',
      gem: { mdln: 'DATA-TOOL', softrev: '3' },
    });
    expect(equipment).toBeInstanceOf(GemEquipmentHandler);
    expect(equipment.connection.enabled).toBe(true);
    await equipmentSide.ready();
    const hostSide = cleanup.add(new HsmsConnectionManager(GEM_TEST_TIMERS), (m) => m.stop());
    const host = hostSide.addPeer<GemHostHandler>({
      name: 'tool',
      address: LOOPBACK,
      port: equipmentSide.listeningPort(0)!,
      active: true,
      gem: true,
      t3: 2,
    });
    expect(host).toBeInstanceOf(GemHostHandler);
    expect(host.connection.options.t3).toBe(2);
    await Promise.all([whenCommunicating(host), whenCommunicating(equipment)]);
    expect(await host.areYouThere()).toEqual({ mdln: 'DATA-TOOL', softrev: '3' });
  });

  it('gives a positional peer without a class a SECS router, which answers an equipment S1F13 by the E5 rules', async () => {
    const m = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK }), (x) => x.stop());
    const peer = m.addPeer('tool', LOOPBACK, 0, false, 0);
    expect(peer).toBeInstanceOf(SecsHandler);
    peer.enable();
    await m.ready();
    const tool = await connectTool(m.listeningPort(0)!, 'equipment');
    const reply = await tool.transact(new SecsMessage(1, 13, true, L()));
    expect(reply.sf).toBe('S1F0'); // answered (SxF0 on the host side), not left to T3
  });

  it('refuses a passive peer given by host name, naming the address', () => {
    const m = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK }), (x) => x.stop());
    expect(() => m.addPeer({ name: 'tool', address: 'localhost', port: 0, active: false })).toThrow(
      /address: a passive peer is matched by the IP address .* got 'localhost' \(write 127\.0\.0\.1 or ::1/,
    );
    expect(m.has('tool')).toBe(false);
  });
});

/** A host SecsHandler (passive) and a tool SecsHandler (active) in `toolRole`, SELECTED; the host logs at debug. */
async function secsPair(toolRole: 'host' | 'equipment' = 'host') {
  const logger = new CaptureLogger();
  const passive = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, {
    bindAddress: LOOPBACK,
    ...CALM_TIMERS,
    logger,
    logLevel: 'debug',
  });
  const host = cleanup.add(new SecsHandler(passive, { name: 'host' }), (h) => h.disable());
  host.enable();
  const tool = await connectTool(await passive.whenListening(), toolRole);
  await reachState(host, HsmsState.Selected);
  return { host, tool, logger };
}

async function connectTool(port: number, role: 'host' | 'equipment'): Promise<SecsHandler> {
  const connection = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, CALM_TIMERS);
  const tool = cleanup.add(new SecsHandler(connection, { name: 'tool', role }), (h) => h.disable());
  tool.enable();
  await reachState(tool, HsmsState.Selected);
  return tool;
}

/** A loopback port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts and at once closes every connection (a tool rebooting in a loop). */
async function droppingServer(): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return server;
}

/** Polls `condition` every 5 ms for at most 4 s (bounded), for conditions no event announces. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 800 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe("a capability's screen runs before the body is decoded", () => {
  // 50 values: over the equipment's maxItemCount of 10, so decoding this body fails (S9F7)
  const tooManyIds = (): SecsMessage => new SecsMessage(1, 3, true, L(...Array.from({ length: 50 }, (_, i) => U4(i))));

  it('answers from the encoded bytes: no S9F7 for a body that would not decode, and the application is not called', async () => {
    const pair = cleanup.add(await startGemPair({ equipmentConnection: { maxItemCount: 10 } }), (p) => p.dispose());
    let applicationCalls = 0;
    pair.equipment.registerStreamFunction(1, 3, () => {
      applicationCalls++;
      return L();
    });
    const screened: number[] = [];
    pair.equipment.router.addScreen({
      screen: (message) => {
        if (message.sf !== 'S1F3') return undefined;
        const bytes = message.encodeBody().length;
        screened.push(bytes);
        return bytes > 100 ? A('screened') : undefined;
      },
    });
    await pair.communicating();
    const reply = await pair.host.sendAndWaitForResponse(tooManyIds());
    expect(reply.sf).toBe('S1F4');
    expect(reply.body).toEqual(A('screened'));
    expect(applicationCalls).toBe(0);
    expect(screened).toHaveLength(1);
    // a screen that lets the message pass leaves it to the E5 body check: S9F7 names the request
    pair.equipment.router.addScreen({ screen: () => undefined });
    screened.length = 0;
    await expect(pair.host.sendAndWaitForResponse(new SecsMessage(1, 3, true, L(U4(1))))).resolves.toMatchObject({ sf: 'S1F4' });
    expect(screened).toEqual([expect.any(Number)]);
    expect(applicationCalls).toBe(1);
  });

  it('without a screen that answers, the same body gets S9F7 (the E5 check decodes it)', async () => {
    const pair = cleanup.add(await startGemPair({ equipmentConnection: { maxItemCount: 10 } }), (p) => p.dispose());
    await pair.communicating();
    await expect(pair.host.sendAndWaitForResponse(tooManyIds())).rejects.toBeInstanceOf(SecsStream9Error);
  });
});
