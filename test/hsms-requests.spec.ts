// Data transactions: every request settles exactly once (reply, Reject.req, T3, close), fresh
// system bytes, and requests made from inside a handler callback.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsConnectionClosedError,
  HsmsNotSelectedError,
  HsmsPacket,
  HsmsRejectedError,
  HsmsReplyTimeoutError,
  HsmsState,
  RejectReason,
  SecsMessage,
  SType,
} from '../libs/hsms/src/core.js';
import { activeHandler, Cleanup, nextEvent, packetsBeforeLinktest, selectedActive } from './support/hsms-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const S1F1 = () => new SecsMessage(1, 1, true);
const isData = (p: HsmsPacket) => p.sType === SType.DataMessage;

describe('sendAndWaitForResponse', () => {
  it('resolves with the reply carrying its header (session id and system bytes)', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const reply = handler.sendAndWaitForResponse(S1F1());
    const primary = await peer.waitFor(isData);
    expect(primary.header.requireResponse).toBe(true);
    expect([primary.header.stream, primary.header.function]).toEqual([1, 1]);
    peer.send(HsmsPacket.dataMessage(0, 1, 2, false, primary.system));
    const message = await reply;
    expect(message.sf).toBe('S1F2');
    expect(message.header?.system).toBe(primary.system);
    expect(handler.pendingRequestCount).toBe(0);
  });

  it('sets the W-bit on the wire even when the message was built without it', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const reply = handler.sendAndWaitForResponse(new SecsMessage(2, 17, false));
    const primary = await peer.waitFor(isData);
    expect(primary.header.requireResponse).toBe(true);
    peer.send(HsmsPacket.dataMessage(0, 2, 18, false, primary.system));
    expect((await reply).sf).toBe('S2F18');
  });

  it('fails at once with the reason when the peer answers with Reject.req, well before T3', async () => {
    const { handler, peer } = await selectedActive(cleanup, { t3: 10 });
    const reply = handler.sendAndWaitForResponse(S1F1());
    const primary = await peer.waitFor(isData);
    const rejectedAt = performance.now();
    peer.send(HsmsPacket.rejectReq(primary.header, RejectReason.EntityNotSelected));
    await expect(reply).rejects.toMatchObject({ name: HsmsRejectedError.name, reason: 4 });
    expect(performance.now() - rejectedAt).toBeLessThan(3000);
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('fails one request after T3 while the link stays SELECTED and later requests work', async () => {
    const { handler, peer } = await selectedActive(cleanup, { t3: 0.05 });
    const sentAt = performance.now();
    const error = await handler.sendAndWaitForResponse(S1F1()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HsmsReplyTimeoutError);
    expect((error as HsmsReplyTimeoutError).timer).toBe('t3');
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(45);
    expect(handler.state).toBe(HsmsState.Selected);
    const late = await peer.waitFor(isData);
    // the late reply finds no open transaction: it goes upward, it does not resolve anything
    const upward = nextEvent(handler, 'message');
    peer.send(HsmsPacket.dataMessage(0, 1, 2, false, late.system));
    expect((await upward)[0].sf).toBe('S1F2');
    const next = handler.sendAndWaitForResponse(new SecsMessage(1, 3, true));
    const primary = await peer.waitFor((p) => isData(p) && p.header.function === 3);
    peer.send(HsmsPacket.dataMessage(0, 1, 4, false, primary.system));
    expect((await next).sf).toBe('S1F4');
  });

  it('fails every pending request with the close cause when the connection drops', async () => {
    const { handler, peer } = await selectedActive(cleanup, { t5: 5 });
    const replies = [1, 3, 5].map((fn) => handler.sendAndWaitForResponse(new SecsMessage(1, fn, true)));
    const linktest = handler.sendLinktestReq();
    for (let i = 0; i < 3; i++) await peer.waitFor(isData);
    peer.destroy();
    const results = await Promise.allSettled([...replies, linktest]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as HsmsConnectionClosedError;
      expect(reason).toBeInstanceOf(HsmsConnectionClosedError);
      expect(reason.closeCause).toBe('remote');
    }
    expect(handler.pendingRequestCount).toBe(0);
  });

  it('fails pending requests with cause local when we disable', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const reply = handler.sendAndWaitForResponse(S1F1());
    await peer.waitFor(isData);
    const failed = expect(reply).rejects.toMatchObject({ name: HsmsConnectionClosedError.name, closeCause: 'local' });
    await handler.disable();
    await failed;
  });

  it('refuses data requests when not SELECTED, naming the state', async () => {
    const server = cleanup.add(await RawPeer.listen(), (s) => s.close());
    const handler = activeHandler(cleanup, server.port);
    await expect(handler.sendAndWaitForResponse(S1F1())).rejects.toThrow(/S1F1 W.*NOT_CONNECTED/);
    expect(() => handler.sendStreamFunction(S1F1())).toThrow(HsmsNotSelectedError);
    expect(() => handler.sendResponse(new SecsMessage(1, 2), 1)).toThrow(HsmsNotSelectedError);
  });
});

describe('system bytes and one-way sends', () => {
  it('gives every open request distinct system bytes and matches replies out of order', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const replies = Array.from({ length: 20 }, (_, i) => handler.sendAndWaitForResponse(new SecsMessage(7, 1 + 2 * (i % 30), true)));
    const primaries: HsmsPacket[] = [];
    for (let i = 0; i < 20; i++) primaries.push(await peer.waitFor(isData));
    expect(new Set(primaries.map((p) => p.system)).size).toBe(20);
    for (const p of [...primaries].reverse()) peer.send(HsmsPacket.dataMessage(0, 7, p.header.function + 1, false, p.system));
    const messages = await Promise.all(replies);
    messages.forEach((m, i) => {
      expect(m.header?.system).toBe(primaries[i]!.system);
    });
  });

  it('sendStreamFunction returns the system bytes it used and opens no transaction', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const system = handler.sendStreamFunction(new SecsMessage(6, 11, false));
    const sent = await peer.waitFor(isData);
    expect(sent.system).toBe(system);
    expect(sent.header.requireResponse).toBe(false);
    expect(handler.pendingRequestCount).toBe(0);
  });

  it('sendResponse answers a received primary with its system bytes', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    handler.on('message', (m) => handler.sendResponse(new SecsMessage(m.stream, m.function + 1), m.header!.system));
    peer.send(HsmsPacket.dataMessage(0, 1, 1, true, 0xdead));
    const reply = await peer.waitFor(isData);
    expect([reply.header.function, reply.system, reply.header.requireResponse]).toEqual([2, 0xdead, false]);
  });

  it('lets a message listener await its own request to the same peer (no deadlock)', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    const answered = new Promise<string>((resolve, reject) => {
      handler.on('message', (m) => {
        if (m.sf !== 'S6F11') return;
        handler.sendAndWaitForResponse(new SecsMessage(1, 3, true)).then((reply) => {
          handler.sendResponse(new SecsMessage(6, 12), m.header!.system);
          resolve(reply.sf);
        }, reject);
      });
    });
    peer.send(HsmsPacket.dataMessage(0, 6, 11, true, 100));
    const inner = await peer.waitFor((p) => isData(p) && p.header.function === 3);
    peer.send(HsmsPacket.dataMessage(0, 1, 4, false, inner.system));
    expect(await answered).toBe('S1F4');
    const outer = await peer.waitFor((p) => isData(p) && p.header.function === 12);
    expect(outer.system).toBe(100);
  });

  it('keeps working after a message listener throws', async () => {
    const { handler, peer } = await selectedActive(cleanup);
    handler.on('message', () => {
      throw new Error('listener bug');
    });
    peer.send(HsmsPacket.dataMessage(0, 1, 1, true, 1));
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});
