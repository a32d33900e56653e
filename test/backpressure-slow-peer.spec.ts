// Backpressure end to end (issue 6): an equipment peer on a multi-passive port whose host stops
// reading. Our requests to it fill its send queue up to maxQueuedBytes and then fail with
// HsmsSendQueueFullError (or close the link under onQueueFull 'close'); our memory stays bounded;
// another peer on the same port keeps its round trips; once the slow host reads again, so do we.
import { afterEach, describe, expect, it } from 'vitest';
import {
  B,
  HsmsConnectionClosedError,
  HsmsPacket,
  type HsmsPeerOptions,
  HsmsSendQueueFullError,
  type HsmsSendQueueOptions,
  HsmsState,
  type SecsHandler,
  SecsMessage,
  SType,
} from '../libs/hsms/src/core.js';
import { Cleanup, nextEvent, reachState, requestSelect } from './support/hsms-test-kit.js';
import { goodHost, liveEquipment, roundTrip, RoundTripLoop, type TestEquipment } from './support/live-equipment.js';
import { collectGarbage } from './support/process-health.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const MAX_QUEUED = 1024 * 1024;
/** An S6F11 W with a 64 KiB body: sixteen of them fill the queue. */
const EVENT = new SecsMessage(6, 11, true, B(Buffer.alloc(64 * 1024, 0x5a)));

/** How one request ended. */
type Outcome = { kind: 'pending' } | { kind: 'replied' } | { kind: 'failed'; error: unknown };

interface Flooding {
  outcomes: Outcome[];
  settled: Array<Promise<void>>;
  /** Highest queuedBytes seen after a send. */
  highest: number;
}

/**
 * Sends EVENT to the slow peer once per loop turn (so each batch reaches the socket) until one
 * request fails; bounded by 500 requests. Every request's outcome is recorded as it settles.
 */
async function requestUntilRefused(equipment: SecsHandler): Promise<Flooding> {
  const flooding: Flooding = { outcomes: [], settled: [], highest: 0 };
  for (let i = 0; i < 500; i++) {
    const outcome = { kind: 'pending' } as Outcome; // 'as': settled later, by the callbacks below
    flooding.outcomes.push(outcome);
    flooding.settled.push(
      equipment.sendAndWaitForResponse(EVENT).then(
        () => void Object.assign(outcome, { kind: 'replied' }),
        (error: unknown) => void Object.assign(outcome, { kind: 'failed', error }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve)); // the refusal is a rejection: it has settled by now
    flooding.highest = Math.max(flooding.highest, equipment.connection.queuedBytes);
    if (outcome.kind === 'failed') return flooding;
  }
  throw new Error('500 requests of 64 KiB to a peer that does not read were all queued');
}

/** A raw host at 127.0.0.3, SELECTED with the 'slow' equipment, that then stops reading. */
async function slowHost(port: number, equipment: TestEquipment): Promise<RawPeer> {
  const peer = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.3' }), (p) => p.destroy());
  await requestSelect(peer);
  await reachState(equipment, HsmsState.Selected);
  peer.socket.pause();
  return peer;
}

describe('a host that stops reading', () => {
  it('gets requests refused with HsmsSendQueueFullError near maxQueuedBytes while another peer keeps its round trips, and is served again once it reads', async () => {
    const live = await liveEquipment(
      cleanup,
      [
        { name: 'good', address: '127.0.0.2' },
        { name: 'slow', address: '127.0.0.3' },
      ],
      { maxQueuedBytes: MAX_QUEUED },
    );
    const host = await goodHost(cleanup, live.port, '127.0.0.2');
    const slowEquipment = live.equipment('slow');
    const slow = await slowHost(live.port, slowEquipment);
    collectGarbage();
    const buffersBefore = process.memoryUsage().arrayBuffers;
    const good = new RoundTripLoop(host);

    const flooding = await requestUntilRefused(slowEquipment);
    const refused = flooding.outcomes.at(-1) as { kind: 'failed'; error: unknown };
    expect(refused.error).toBeInstanceOf(HsmsSendQueueFullError);
    expect(flooding.highest).toBeLessThanOrEqual(MAX_QUEUED);
    expect(flooding.highest).toBeGreaterThan(MAX_QUEUED - 2 * EVENT.encodeBody().length); // it filled up, then refused
    const accepted = flooding.outcomes.length - 1;
    expect(slowEquipment.pendingRequestCount).toBe(accepted); // a refused request opened no transaction
    await expect(slowEquipment.sendAndWaitForResponse(EVENT)).rejects.toBeInstanceOf(HsmsSendQueueFullError);
    // What we hold for the slow peer is bounded by the limit, whatever the kernel took besides.
    collectGarbage();
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(MAX_QUEUED + 4 * 1024 * 1024);

    // The good peer is not held up by the congested one: 20 round trips more, now.
    for (let i = 0; i < 20; i++) await roundTrip(host);

    // The slow host reads again and answers every request it got; each one resolves.
    slow.socket.resume();
    for (let i = 0; i < accepted; i++) {
      const request = await slow.waitFor((p) => p.sType === SType.DataMessage && p.header.stream === 6 && p.header.function === 11, 10_000);
      slow.send(HsmsPacket.dataMessage(0, 6, 12, false, request.system, Buffer.from([0x21, 0x01, 0x00])));
    }
    await Promise.all(flooding.settled);
    expect(flooding.outcomes.filter((o) => o.kind === 'replied')).toHaveLength(accepted);
    const again = slowEquipment.sendAndWaitForResponse(new SecsMessage(6, 11, true, B(Buffer.alloc(10))));
    const request = await slow.waitFor((p) => p.sType === SType.DataMessage && p.header.function === 11);
    slow.send(HsmsPacket.dataMessage(0, 6, 12, false, request.system, Buffer.from([0x21, 0x01, 0x00])));
    expect((await again).sf).toBe('S6F12');

    await good.stop();
    expect(good.failures).toEqual([]);
    expect(good.completed).toBeGreaterThan(0);
    expect(live.logger.counts.error).toBe(0);
  });

  it("closes only the slow peer's link under onQueueFull 'close': the refused request fails with HsmsSendQueueFullError, the queued ones with the close", async () => {
    const slowOptions: HsmsPeerOptions & HsmsSendQueueOptions = { maxQueuedBytes: MAX_QUEUED, onQueueFull: 'close' };
    const live = await liveEquipment(cleanup, [
      { name: 'good', address: '127.0.0.2' },
      { name: 'slow', address: '127.0.0.3', options: slowOptions },
    ]);
    const host = await goodHost(cleanup, live.port, '127.0.0.2');
    const slowEquipment = live.equipment('slow');
    await slowHost(live.port, slowEquipment);
    const closed = nextEvent(live.manager, 'closed', (e) => e.peer === 'slow');
    const good = new RoundTripLoop(host);

    const flooding = await requestUntilRefused(slowEquipment);
    await Promise.all(flooding.settled);
    const errors = flooding.outcomes.map((o) => (o.kind === 'failed' ? o.error : o));
    expect(errors.at(-1)).toBeInstanceOf(HsmsSendQueueFullError);
    for (const error of errors.slice(0, -1)) expect(error).toBeInstanceOf(HsmsConnectionClosedError);
    expect((await closed)[0].cause).toBe('queue-full');
    expect(slowEquipment.state).toBe(HsmsState.NotConnected);

    for (let i = 0; i < 20; i++) await roundTrip(host);
    await good.stop();
    expect(good.failures).toEqual([]);
    expect(live.manager.get('good')!.state).toBe(HsmsState.Selected);
  });
});
