// Stream/function dispatch of a SecsHandler: callbacks, their replies, the fallback, async
// callbacks that talk to the same peer, and callbacks that throw. Real sockets on loopback.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  decodeItem,
  HsmsState,
  L,
  SecsAbortError,
  type SecsItem,
  SecsMessage,
  SecsRegistrationError,
  U1,
  U4,
  UNHANDLED,
} from '../libs/hsms/src/core.js';
import {
  dataPacket,
  equipmentAndHost,
  expectAbort,
  isData,
  isSf,
  nextSecsEvent,
  secsWithRawPeer,
} from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup, packetsBeforeLinktest } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function bodyOf(data: Buffer): SecsItem {
  return decodeItem(data);
}

describe('SecsHandler dispatch to registered callbacks', () => {
  it("sends the callback's item as S{x}F{y+1} with the primary system bytes", async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(1, 1, () => L(A('MDLN'), A('1.0')));
    peer.send(dataPacket(1, 1, true, 0xdead0001));
    const reply = await peer.waitFor(isData);
    expect([reply.header.stream, reply.header.function, reply.header.requireResponse, reply.system]).toEqual([1, 2, false, 0xdead0001]);
    expect(bodyOf(reply.data).equals(L(A('MDLN'), A('1.0')))).toBe(true);
  });

  it('sends a returned SecsMessage as it is, and undefined as a header-only reply', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => new SecsMessage(64, 2, false, U1(7)));
    handler.registerStreamFunction(64, 3, () => undefined);
    peer.send(dataPacket(64, 1, true, 10));
    peer.send(dataPacket(64, 3, true, 11));
    const first = await peer.waitFor((p) => p.system === 10);
    expect(bodyOf(first.data).equals(U1(7))).toBe(true);
    const second = await peer.waitFor((p) => p.system === 11);
    expect([second.header.stream, second.header.function, second.data.length]).toEqual([64, 4, 0]);
  });

  it('calls the callback of a W-bit clear primary with the message and sends nothing back', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const seen: SecsMessage[] = [];
    handler.registerStreamFunction(6, 11, (message) => {
      seen.push(message);
      return A('ignored');
    });
    peer.send(dataPacket(6, 11, false, 12, L(U4(1), U4(2), L())));
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    expect(seen.map((m) => [m.sf, m.wBit, m.header?.system])).toEqual([['S6F11', false, 12]]);
  });

  it('replaces an existing callback when one is registered again', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => A('first'));
    handler.registerStreamFunction(64, 1, () => A('second'));
    peer.send(dataPacket(64, 1, true, 13));
    expect(bodyOf((await peer.waitFor(isData)).data).equals(A('second'))).toBe(true);
  });

  it('emits primary with the message before its callback runs', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const order: string[] = [];
    handler.on('primary', (message) => order.push(`primary ${message.sf}`));
    handler.registerStreamFunction(64, 1, (message) => {
      order.push(`callback ${message.sf}`);
      return undefined;
    });
    peer.send(dataPacket(64, 1, true, 14));
    await peer.waitFor(isData);
    expect(order).toEqual(['primary S64F1', 'callback S64F1']);
  });

  it("still emits 'primary' and 'message' to listeners added after removeAllListeners()", async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.on('primary', () => {});
    handler.removeAllListeners();
    const seen: string[] = [];
    handler.on('primary', (message) => seen.push(`primary ${message.sf}`));
    handler.on('message', (message) => seen.push(`message ${message.sf}`));
    peer.send(dataPacket(64, 1, false, 15));
    await expect.poll(() => seen).toEqual(['message S64F1', 'primary S64F1']);
  });

  it('starts callbacks in arrival order and sends each reply as its callback settles', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const started: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    handler.registerStreamFunction(64, 1, async (message) => {
      started.push(message.header!.system);
      await gate;
      return A('slow');
    });
    handler.registerStreamFunction(64, 3, (message) => {
      started.push(message.header!.system);
      return A('fast');
    });
    peer.send(dataPacket(64, 1, true, 21));
    peer.send(dataPacket(64, 3, true, 22));
    const fast = await peer.waitFor(isData);
    expect(fast.system).toBe(22);
    expect(started).toEqual([21, 22]);
    release();
    const slow = await peer.waitFor(isData);
    expect([slow.system, bodyOf(slow.data).equals(A('slow'))]).toEqual([21, true]);
  });

  it('refuses a stream or function out of range, and a callback that is not a function', async () => {
    const { handler } = await secsWithRawPeer(cleanup);
    expect(() => handler.registerStreamFunction(128, 1, () => undefined)).toThrow(SecsRegistrationError);
    expect(() => handler.registerStreamFunction(1, 256, () => undefined)).toThrow(/function 256 is outside 0\.\.255/);
    expect(() => handler.registerStreamFunction(1, 1, 'S1F2' as never)).toThrow(/S1F1 is not a function/);
  });
});

describe('SecsHandler callbacks that talk to the same peer', () => {
  it('lets an async callback await a request to the same peer and then reply, well within T3', async () => {
    const { equipment, host } = await equipmentAndHost(cleanup, { connection: { t3: 10 } });
    host.registerStreamFunction(64, 3, () => A('from the host'));
    equipment.registerStreamFunction(64, 1, async (message, handler) => {
      const answer = await handler.sendAndWaitForResponse(new SecsMessage(64, 3, true));
      return L(answer.body!, A(`and ${message.sf}`));
    });
    const started = performance.now();
    const reply = await host.sendAndWaitForResponse(new SecsMessage(64, 1, true));
    expect(reply.body!.equals(L(A('from the host'), A('and S64F1')))).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('SecsHandler callbacks that throw', () => {
  it('answers SxF0 for a SecsAbortError and logs it at debug level only', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(2, 41, () => {
      throw new SecsAbortError('no such command');
    });
    const primary = dataPacket(2, 41, true, 0x241, L(A('START'), L()));
    peer.send(primary);
    expectAbort(await peer.waitFor(isData), primary.header);
    expect(logger.find('debug', /S2F41 W .*aborted \(no such command\); answered S2F0/)).toHaveLength(1);
    expect(logger.find('error', /./)).toEqual([]);
  });

  it('answers SxF0 for any other throw, logs it with the message in SML, and the link stays SELECTED', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, async () => {
      throw new Error('callback bug');
    });
    handler.registerStreamFunction(64, 3, () => A('still here'));
    const primary = dataPacket(64, 1, true, 0x31, A('payload'));
    peer.send(primary);
    expectAbort(await peer.waitFor(isData), primary.header);
    const errors = logger.find('error', /the callback for S64F1 W .* failed; answered S64F0: S64F1 W\s+<A "payload">/);
    expect(errors).toHaveLength(1);
    peer.send(dataPacket(64, 3, true, 0x32));
    expect((await peer.waitFor(isData)).system).toBe(0x32);
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('answers SxF0 when a callback returns something that is not a reply, and logs why', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => 'text' as never);
    const primary = dataPacket(64, 1, true, 0x41);
    peer.send(primary);
    expectAbort(await peer.waitFor(isData), primary.header);
    expect(logger.find('error', /the callback for S64F1 W/)).toHaveLength(1);
  });

  it("answers SxF0 for an async callback's failure even when the logger itself throws, with no unhandled rejection", async () => {
    const throwingLogger = {
      log() {},
      warn() {},
      error() {
        throw new Error('the logger is down');
      },
    };
    const { handler, peer } = await secsWithRawPeer(cleanup, { connection: { logger: throwingLogger, logLevel: 'log' } });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    cleanup.add(onUnhandled, (listener) => process.off('unhandledRejection', listener));
    handler.registerStreamFunction(64, 1, async () => {
      throw new Error('callback bug');
    });
    handler.registerStreamFunction(64, 3, () => A('still here'));
    const primary = dataPacket(64, 1, true, 0x61);
    peer.send(primary);
    expectAbort(await peer.waitFor(isData), primary.header);
    peer.send(dataPacket(64, 3, true, 0x62));
    expect((await peer.waitFor((p) => p.system === 0x62)).header.function).toBe(4);
    await new Promise((resolve) => setImmediate(resolve)); // a rejection would be reported by now
    expect(unhandled).toEqual([]);
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('logs a throw for a W-bit clear primary and sends nothing', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(6, 11, () => {
      throw new Error('observer bug');
    });
    peer.send(dataPacket(6, 11, false, 0x51, L(U4(1), U4(2), L())));
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    expect(logger.find('error', /the callback for S6F11 .* failed: S6F11/)).toHaveLength(1);
  });
});

describe('SecsHandler fallback', () => {
  it('is tried after registered callbacks and its value is the reply', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const asked: string[] = [];
    handler.registerStreamFunction(1, 1, () => A('callback'));
    handler.setFallback(async (message) => {
      asked.push(message.sf);
      return A('fallback');
    });
    peer.send(dataPacket(1, 1, true, 1));
    peer.send(dataPacket(1, 13, true, 2, L()));
    const first = await peer.waitFor((p) => p.system === 1);
    const second = await peer.waitFor((p) => p.system === 2);
    expect(bodyOf(first.data).equals(A('callback'))).toBe(true);
    expect([second.header.function, bodyOf(second.data).equals(A('fallback'))]).toEqual([14, true]);
    expect(asked).toEqual(['S1F13']);
  });

  it('lets the rules answer when it returns UNHANDLED, and stops being asked once removed', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    let asked = 0;
    handler.setFallback(async () => {
      asked++;
      return UNHANDLED;
    });
    peer.send(dataPacket(99, 1, true, 3));
    await peer.waitFor(isSf(9, 3));
    expect((await peer.waitFor(isSf(99, 0))).system).toBe(3);
    handler.setFallback(undefined);
    peer.send(dataPacket(99, 1, true, 4));
    expect((await peer.waitFor(isSf(99, 0))).system).toBe(4);
    expect(asked).toBe(1);
  });

  it('answers SxF0 when the fallback rejects', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup, { secs: { role: 'host' } });
    handler.setFallback(() => Promise.reject(new Error('pipeline failed')));
    const primary = dataPacket(5, 1, true, 0x501, L(U1(1), U4(2), A('alarm')));
    peer.send(primary);
    expectAbort(await peer.waitFor(isData), primary.header);
    expect(logger.find('error', /S5F1 W .* failed; answered S5F0/)).toHaveLength(1);
  });
});

describe("SecsHandler's 'message' event", () => {
  it('still comes for every data message that is not a reply to our request', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const primary = nextSecsEvent(handler, 'message');
    peer.send(dataPacket(99, 1, false, 5));
    expect((await primary)[0].sf).toBe('S99F1');
    const stray = nextSecsEvent(handler, 'message');
    peer.send(dataPacket(1, 2, false, 6));
    expect((await stray)[0].sf).toBe('S1F2');
  });
});
