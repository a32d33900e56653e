// T7 and the idle-link linktest over real sockets, with timers of tens of milliseconds.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsPacket, HsmsState, SType } from '../libs/hsms/src/core.js';
import { Cleanup, nextEvent, passiveHandler, reachState, requestSelect, selectedActive } from './support/hsms-test-kit.js';
import { type RawPeer, RawPeer as Raw } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const isLinktestReq = (p: HsmsPacket) => p.sType === SType.LinktestReq;

/** Answers every Linktest.req the raw peer receives; returns how many it answered so far. */
function answerLinktests(peer: RawPeer): () => number {
  let cursor = peer.received.length;
  let answered = 0;
  peer.socket.on('data', () =>
    setImmediate(() => {
      for (; cursor < peer.received.length; cursor++) {
        const p = peer.received[cursor]!;
        if (!isLinktestReq(p)) continue;
        peer.send(HsmsPacket.linktestRsp(p.system));
        answered++;
      }
    }),
  );
  return () => answered;
}

/** performance.now() at which each packet of peer.received arrived (from now on). */
function arrivalTimes(peer: RawPeer): number[] {
  const times: number[] = [];
  // registered after RawPeer's own 'data' listener, so `received` already holds this chunk's packets
  peer.socket.on('data', () => {
    while (times.length < peer.received.length) times.push(performance.now());
  });
  return times;
}

describe('T7', () => {
  it('closes a connection that never selects once T7 has passed', async () => {
    const { handler, port } = await passiveHandler(cleanup, { t7: 0.1 });
    let establishedAt = 0;
    handler.once('established', () => (establishedAt = performance.now()));
    const closed = nextEvent(handler, 'closed');
    const peer = cleanup.add(await Raw.connect(port), (p) => p.destroy());
    expect(await closed).toEqual(['t7']);
    expect(performance.now() - establishedAt).toBeGreaterThanOrEqual(95);
    await peer.waitForClose();
    expect(handler.state).toBe(HsmsState.NotConnected);
  });

  it('does not close a connection that selected in time', async () => {
    const { handler, port } = await passiveHandler(cleanup, { t7: 0.1 });
    const peer = cleanup.add(await Raw.connect(port), (p) => p.destroy());
    await requestSelect(peer);
    await reachState(handler, HsmsState.Selected);
    // three T7 periods later the link still answers (each Linktest.req is a fresh round trip)
    const until = performance.now() + 300;
    for (let i = 1; performance.now() < until && i < 100; i++) {
      peer.send(HsmsPacket.linktestReq(i));
      await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === i);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('starts T7 again after a Deselect', async () => {
    const { handler, port } = await passiveHandler(cleanup, { t7: 0.1 });
    const peer = cleanup.add(await Raw.connect(port), (p) => p.destroy());
    await requestSelect(peer);
    await reachState(handler, HsmsState.Selected);
    const closed = nextEvent(handler, 'closed');
    peer.send(HsmsPacket.deselectReq(2));
    await peer.waitFor((p) => p.sType === SType.DeselectRsp);
    expect(await closed).toEqual(['t7']);
  });
});

describe('idle-link linktest', () => {
  it('probes an idle SELECTED link and keeps it while the peer answers', async () => {
    const { handler, peer } = await selectedActive(cleanup, { linktest: 0.03, t6: 1 });
    const answered = answerLinktests(peer);
    for (let i = 0; i < 3; i++) await peer.waitFor(isLinktestReq);
    expect(answered()).toBeGreaterThanOrEqual(2);
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('probes only after a full period in which nothing was received', async () => {
    const { handler, peer } = await selectedActive(cleanup, { linktest: 0.1 });
    const arrivals = arrivalTimes(peer);
    const sentAt = new Map<number, number>();
    const until = performance.now() + 400;
    for (let i = 1; performance.now() < until && i < 200; i++) {
      sentAt.set(i, performance.now());
      peer.send(HsmsPacket.linktestReq(i));
      await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === i);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sentAt.size).toBeGreaterThan(3);
    // A probe that did go out (the scheduler may stall past the period under load) must come a
    // full period after the handler received the request it answered last before the probe.
    peer.received.forEach((p, k) => {
      if (!isLinktestReq(p) || arrivals[k] === undefined) return;
      const lastAnswer = peer.received.slice(0, k).findLast((q) => q.sType === SType.LinktestRsp);
      if (lastAnswer) expect(arrivals[k]! - sentAt.get(lastAnswer.system)!).toBeGreaterThanOrEqual(99);
    });
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('closes after linktestFailures unanswered probes, then the active side reconnects after T5', async () => {
    const { server, handler, peer } = await selectedActive(cleanup, { linktest: 0.03, t6: 0.05, linktestFailures: 2, t5: 0.1 });
    let closedAt = 0;
    handler.once('closed', () => (closedAt = performance.now()));
    const closed = nextEvent(handler, 'closed');
    // the peer stays connected but never answers
    expect(await closed).toEqual(['linktest']);
    expect(peer.received.filter(isLinktestReq)).toHaveLength(2);
    await peer.waitForClose();
    const next = await server.nextPeer();
    expect(server.acceptTimes[1]! - closedAt).toBeGreaterThanOrEqual(95);
    await next.waitFor((p) => p.sType === SType.SelectReq);
  });

  it('does not probe at all with linktest 0', async () => {
    const { handler, peer } = await selectedActive(cleanup, { linktest: 0 });
    const started = performance.now();
    while (performance.now() - started < 200) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const barrierAt = peer.received.length;
    peer.send(HsmsPacket.linktestReq(9));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(peer.received.slice(0, barrierAt).filter(isLinktestReq)).toEqual([]);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});
