// The E5 answers a SecsHandler gives by itself (S9Fx, SxF0), each driven by a raw test peer over
// loopback. The equipment sends S9 messages; the host answers SxF0 only.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  B,
  HsmsActiveConnection,
  HsmsReplyTimeoutError,
  HsmsState,
  L,
  SecsAbortError,
  SecsHandler,
  SecsMessage,
  U4,
} from '../libs/hsms/src/core.js';
import {
  dataPacket,
  expectAbort,
  expectS9,
  isData,
  isSf,
  nextSecsEvent,
  receivedAfterBarrier,
  secsWithRawPeer,
} from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup, packetsBeforeLinktest } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A body E5 cannot decode: an A item that claims 5 bytes and has 1. */
const TRUNCATED = Buffer.from([0x41, 0x05, 0x78]);

describe('SecsHandler on the equipment side: the S9 rules', () => {
  it('answers a primary with another device id with S9F1 carrying its header (W-bit clear, fresh system bytes) and dispatches nothing', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { sessionId: 7 });
    let called = 0;
    handler.registerStreamFunction(1, 1, () => void called++);
    const primary = dataPacket(1, 1, true, 0x1234, undefined, 8);
    const sent = nextSecsEvent(handler, 's9Sent');
    peer.send(primary);
    expectS9(await peer.waitFor(isSf(9, 1)), 1, primary.header, 7);
    expect((await sent)[0]).toBe(1);
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    expect(called).toBe(0);
  });

  it('answers an unknown stream with S9F3, then S{x}F0 with the primary system bytes when the W-bit is set', async () => {
    const { peer } = await secsWithRawPeer(cleanup);
    const primary = dataPacket(99, 1, true, 0x0a0b0c0d, L(A('x')));
    peer.send(primary);
    const s9 = await peer.waitFor(isSf(9, 3));
    expectS9(s9, 3, primary.header);
    const abort = await peer.waitFor(isSf(99, 0));
    expectAbort(abort, primary.header);
    expect(peer.received.indexOf(s9)).toBeLessThan(peer.received.indexOf(abort));
  });

  it('answers an unknown stream without W-bit with S9F3 only', async () => {
    const { peer } = await secsWithRawPeer(cleanup);
    const primary = dataPacket(99, 3, false, 21);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectS9(answers[0]!, 3, primary.header);
  });

  it('answers an unknown function of a stream that has a callback with S9F5 and SxF0', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => A('ok'));
    const primary = dataPacket(64, 3, true, 77);
    peer.send(primary);
    expectS9(await peer.waitFor(isSf(9, 5)), 5, primary.header);
    expectAbort(await peer.waitFor(isSf(64, 0)), primary.header);
  });

  it('counts a stream the catalogue holds as known: an unhandled S1F99 W gets S9F5, not S9F3', async () => {
    const { peer } = await secsWithRawPeer(cleanup);
    const primary = dataPacket(1, 99, true, 5);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers.map((p) => `S${p.header.stream}F${p.header.function}`)).toEqual(['S9F5', 'S1F0']);
    expectS9(answers[0]!, 5, primary.header);
  });

  it('answers S9F5 once a callback is unregistered and its stream has no other', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => A('ok'));
    handler.registerStreamFunction(64, 3, () => A('ok'));
    handler.unregisterStreamFunction(64, 1);
    const first = dataPacket(64, 1, true, 1);
    peer.send(first);
    expectS9(await peer.waitFor(isSf(9, 5)), 5, first.header);
    handler.unregisterStreamFunction(64, 3);
    const second = dataPacket(64, 3, true, 2);
    peer.send(second);
    expectS9(await peer.waitFor(isSf(9, 3)), 3, second.header);
  });

  it('answers a body that does not decode with S9F7 and SxF0 without calling the callback', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    let called = 0;
    handler.registerStreamFunction(64, 1, () => void called++);
    const primary = dataPacket(64, 1, true, 0xfeed, TRUNCATED);
    peer.send(primary);
    expectS9(await peer.waitFor(isSf(9, 7)), 7, primary.header);
    expectAbort(await peer.waitFor(isSf(64, 0)), primary.header);
    expect(called).toBe(0);
  });

  it('answers a body that does not decode with S9F7 even when only the fallback could take it', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.setFallback(async (message) => A(String(message.body)));
    const primary = dataPacket(99, 1, false, 3, TRUNCATED);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectS9(answers[0]!, 7, primary.header);
  });

  it('answers a body that does not match its catalogue entry with S9F7, and lets it through with validateBodies false', async () => {
    const strict = await secsWithRawPeer(cleanup);
    let called = 0;
    strict.handler.registerStreamFunction(1, 3, () => void called++);
    const primary = dataPacket(1, 3, true, 41, A('not a list of SVIDs'));
    strict.peer.send(primary);
    expectS9(await strict.peer.waitFor(isSf(9, 7)), 7, primary.header);
    expectAbort(await strict.peer.waitFor(isSf(1, 0)), primary.header);
    expect(called).toBe(0);
    expect(strict.logger.find('warn', /S1F3 W .*S9F7/)).toHaveLength(1);

    const lenient = await secsWithRawPeer(cleanup, { secs: { validateBodies: false } });
    lenient.handler.registerStreamFunction(1, 3, () => L());
    lenient.peer.send(primary);
    const reply = await lenient.peer.waitFor(isData);
    expect([reply.header.stream, reply.header.function, reply.system]).toEqual([1, 4, 41]);
  });

  it('passes a body that matches its catalogue entry to the callback', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(1, 3, (message) => L(...(message.body as ReturnType<typeof L>).items.map(() => U4(0))));
    peer.send(dataPacket(1, 3, true, 42, L(U4(1), U4(2))));
    const reply = await peer.waitFor(isData);
    expect([reply.header.stream, reply.header.function, reply.system]).toEqual([1, 4, 42]);
  });

  it('never answers an S9 message with another S9, whatever is wrong with it', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup);
    const header = dataPacket(1, 1, true, 9).header;
    peer.send(dataPacket(9, 1, false, 1, B(header.encode()), 5)); // another device id
    peer.send(dataPacket(9, 99, false, 2)); // an unknown function of stream 9
    peer.send(dataPacket(9, 7, false, 3, TRUNCATED)); // a body that does not decode
    peer.send(dataPacket(9, 5, true, 4, A('not a header'))); // W-bit set and a body off its structure
    const received = nextSecsEvent(handler, 's9Received', (fn) => fn === 5);
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    const [, mhead] = await received;
    expect(mhead).toBeUndefined();
  });

  it('sends S9F7 and SxF0 when a callback throws SecsAbortError asking for S9F7', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup);
    handler.registerStreamFunction(64, 1, () => {
      throw new SecsAbortError('PPID unknown', { s9: 7 });
    });
    const primary = dataPacket(64, 1, true, 0x51);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(2);
    expectS9(answers[0]!, 7, primary.header);
    expectAbort(answers[1]!, primary.header);
    expect(logger.find('error', /./)).toEqual([]);
  });

  it('sends S9F9 with the header of our request when T3 expires, and keeps the link SELECTED', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { connection: { t3: 0.2 } });
    const started = performance.now();
    const failed = handler.sendAndWaitForResponse(new SecsMessage(6, 11, true, L())).catch((e: unknown) => e);
    const request = await peer.waitFor(isSf(6, 11));
    expect(await failed).toBeInstanceOf(HsmsReplyTimeoutError);
    const s9 = await peer.waitFor(isSf(9, 9));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expectS9(s9, 9, request.header);
    expect(request.header.requireResponse).toBe(true);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});

describe('SecsHandler on the host side: SxF0, never S9', () => {
  it('answers an unhandled W-bit primary with SxF0 only and an unhandled W-bit clear one with nothing', async () => {
    const { peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' } });
    const withW = dataPacket(99, 1, true, 0x99);
    peer.send(withW);
    peer.send(dataPacket(1, 99, false, 0x98));
    peer.send(dataPacket(64, 1, true, 0x97, TRUNCATED));
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(2);
    expectAbort(answers[0]!, withW.header);
    expect([answers[1]!.header.stream, answers[1]!.header.function, answers[1]!.system]).toEqual([64, 0, 0x97]);
  });

  it('answers a W-bit primary with another device id with SxF0 and no S9F1', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, sessionId: 3 });
    handler.registerStreamFunction(5, 1, () => B(0));
    const primary = dataPacket(5, 1, true, 0x77, undefined, 4);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectAbort(answers[0]!, primary.header);
    expect(answers[0]!.header.sessionId).toBe(3);
  });

  it('does not send S9F9 when T3 expires on the host side', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: { t3: 0.1 } });
    await expect(handler.sendAndWaitForResponse(new SecsMessage(1, 1, true))).rejects.toBeInstanceOf(HsmsReplyTimeoutError);
    const sent = await receivedAfterBarrier(peer, isData);
    expect(sent.map((p) => `S${p.header.stream}F${p.header.function}`)).toEqual(['S1F1']);
  });

  it('does not send S9F7 for a SecsAbortError asking for it: SxF0 only', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' } });
    handler.registerStreamFunction(6, 11, () => {
      throw new SecsAbortError('bad report', { s9: 7 });
    });
    const primary = dataPacket(6, 11, true, 0x611);
    peer.send(primary);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectAbort(answers[0]!, primary.header);
  });
});

describe('SecsHandler options', () => {
  it('refuses a role other than host or equipment, naming the option, and leaves the connection alone', () => {
    const connection = new HsmsActiveConnection('127.0.0.1', 1, 0);
    expect(() => new SecsHandler(connection, { role: 'tool' as 'host' })).toThrow(
      /role: must be one of 'host', 'equipment', got the string "tool"/,
    );
    expect(connection.delegate).toBeUndefined();
  });

  it('is the host by default and validates bodies by default', () => {
    const handler = new SecsHandler(new HsmsActiveConnection('127.0.0.1', 1, 0));
    expect([handler.role, handler.validateBodies]).toEqual(['host', true]);
  });
});
