// Interop with an independent HSMS implementation, the npm package secs4js, over loopback, in both
// directions: select, linktest, S1F1/S1F2 and S1F13/S1F14 round trips both ways, separate.
import { createServer } from 'node:net';
import {
  A as A4,
  HsmsActiveCommunicator,
  HsmsPassiveCommunicator,
  L as L4,
  type Secs2ItemAscii,
  type Secs2ItemList,
  type SecsMessage as Secs4Message,
} from 'secs4js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  B,
  type HsmsHandler,
  HsmsState,
  L,
  type SecsItem,
  type SecsList,
  SecsMessage,
  type SecsText,
  SType,
} from '../libs/hsms/src/core.js';
import { activeHandler, Cleanup, nextEvent, passiveHandler, reachState } from './support/hsms-test-kit.js';
import { withTimeout } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** secs4js timers are in seconds too; short reconnect, calm everything else. */
const SECS4JS_TIMERS = { timeoutT3: 5, timeoutT5: 0.1, timeoutT6: 3, timeoutT7: 5, timeoutT8: 3 };

type Communicator = HsmsActiveCommunicator | HsmsPassiveCommunicator;

/** Collects secs4js 'error' events (an emitter without an 'error' listener would crash the run). */
function watchErrors(communicator: Communicator): Error[] {
  const errors: Error[] = [];
  communicator.on('error', (error: Error) => errors.push(error));
  return errors;
}

/** Equipment-side answers, as a secs4js user would write them. */
function answerAsEquipment(communicator: Communicator): Secs4Message[] {
  const received: Secs4Message[] = [];
  communicator.on('message', (msg: Secs4Message) => {
    received.push(msg);
    if (msg.stream === 1 && msg.func === 1) void communicator.reply(msg, 1, 2, L4(A4('MDLN'), A4('SOFTREV')));
    if (msg.stream === 1 && msg.func === 13) void communicator.reply(msg, 1, 14, L4(A4('ACK')));
  });
  return received;
}

/** Equipment-side answers on our handler. */
function answerOnHandler(handler: HsmsHandler): void {
  handler.on('message', (m) => {
    if (m.sf === 'S1F1') handler.sendResponse(new SecsMessage(1, 2, false, L(A('MDLN'), A('SOFTREV'))), m.header!.system);
    if (m.sf === 'S1F13') handler.sendResponse(new SecsMessage(1, 14, false, L(B(0), L())), m.header!.system);
  });
}

function texts(item: SecsItem | undefined): string[] {
  return ((item as SecsList).items as SecsText[]).map((t) => t.value);
}

function secs4Texts(body: unknown): string[] {
  return ((body as Secs2ItemList).value as Secs2ItemAscii[]).map((t) => t.value);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function once(communicator: Communicator, event: 'selected' | 'disconnected'): Promise<void> {
  return withTimeout(new Promise<void>((resolve) => communicator.once(event, () => resolve())), 4000, `secs4js: no '${event}'`);
}

describe('our active handler against a secs4js passive peer', () => {
  async function setUp() {
    const port = await freePort();
    const equipment = new HsmsPassiveCommunicator({ ip: '127.0.0.1', port, deviceId: 0, isEquip: true, ...SECS4JS_TIMERS });
    const errors = watchErrors(equipment);
    cleanup.add(equipment, (e) => e.close());
    const received = answerAsEquipment(equipment);
    await equipment.open();
    const selectedThere = once(equipment, 'selected');
    const handler = activeHandler(cleanup, port);
    await reachState(handler, HsmsState.Selected);
    await selectedThere;
    return { equipment, handler, received, errors };
  }

  it('selects, answers and sends linktests, and runs S1F1/S1F2 and S1F13/S1F14 both ways', async () => {
    const { equipment, handler, received, errors } = await setUp();
    expect((await handler.sendLinktestReq()).sType).toBe(SType.LinktestRsp);
    await equipment.sendLinkTestReq(); // resolves only on our Linktest.rsp

    const s1f2 = await handler.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(s1f2.sf).toBe('S1F2');
    expect(texts(s1f2.body)).toEqual(['MDLN', 'SOFTREV']);
    const s1f14 = await handler.sendAndWaitForResponse(new SecsMessage(1, 13, true, L(A('host'), A('1.0.0'))));
    expect(texts(s1f14.body)).toEqual(['ACK']);
    expect(secs4Texts(received.find((m) => m.func === 13)!.body)).toEqual(['host', '1.0.0']);

    answerOnHandler(handler);
    const theirS1F2 = await equipment.send(1, 1, true);
    expect(secs4Texts(theirS1F2!.body)).toEqual(['MDLN', 'SOFTREV']);
    const theirS1F14 = await equipment.send(1, 13, true, L4());
    expect(theirS1F14!.func).toBe(14);
    expect(theirS1F14!.toSml()).toMatch(/<B/);
    expect(errors).toEqual([]);
  });

  it('separates: our Separate.req makes secs4js drop the connection', async () => {
    const { equipment, handler } = await setUp();
    const gone = once(equipment, 'disconnected');
    const closed = nextEvent(handler, 'closed');
    expect(handler.sendSeparateReq()).toBe(true);
    expect(await closed).toEqual(['local']);
    await gone;
  });
});

describe('our passive handler against a secs4js active peer', () => {
  async function setUp() {
    const { handler, port } = await passiveHandler(cleanup);
    answerOnHandler(handler);
    const host = new HsmsActiveCommunicator({
      ip: '127.0.0.1',
      port,
      deviceId: 0,
      isEquip: false,
      linkTestInterval: 60_000,
      ...SECS4JS_TIMERS,
    });
    const errors = watchErrors(host);
    cleanup.add(host, (h) => h.close());
    const selectedThere = once(host, 'selected');
    const selectedHere = reachState(handler, HsmsState.Selected);
    await host.open();
    await selectedThere;
    await selectedHere;
    return { host, handler, errors };
  }

  it('is selected by secs4js, answers its linktest and its S1F1 and S1F13, and sends its own', async () => {
    const { host, handler, errors } = await setUp();
    await host.sendLinkTestReq();
    const s1f2 = await host.send(1, 1, true);
    expect(s1f2!.func).toBe(2);
    expect(secs4Texts(s1f2!.body)).toEqual(['MDLN', 'SOFTREV']);
    const s1f14 = await host.send(1, 13, true, L4(A4('host'), A4('1.0.0')));
    expect(s1f14!.func).toBe(14);

    const received = answerAsEquipment(host);
    expect((await handler.sendLinktestReq()).sType).toBe(SType.LinktestRsp);
    const theirs = await handler.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(texts(theirs.body)).toEqual(['MDLN', 'SOFTREV']);
    const ack = await handler.sendAndWaitForResponse(new SecsMessage(1, 13, true, L(A('tool'), A('2.0'))));
    expect(texts(ack.body)).toEqual(['ACK']);
    expect(secs4Texts(received.find((m) => m.func === 13)!.body)).toEqual(['tool', '2.0']);
    expect(errors).toEqual([]);
  });

  it('closes at once when secs4js sends Separate.req', async () => {
    const { host, handler } = await setUp();
    const closed = nextEvent(handler, 'closed');
    await host.sendSeparateReq();
    expect(await closed).toEqual(['separate']);
  });
});
