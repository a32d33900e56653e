// Events through the gateway cluster (apps/gateway, issue 13): a tool's S6F11 is acknowledged only
// after JetStream stored it; with NATS down it is not acknowledged at all; re-sends are stored
// once; each tool's events arrive in order with an idempotency key; a NATS restart on the same
// store keeps every acknowledged event. Real nats-server, gateways and tools over loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { B, L, SecsMessage, U4 } from '../libs/hsms/src/core.js';
import { eventSubject, type GatewayEvent, GatewayEventConsumer } from '@app/gateway-client';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsServerProcess } from '../apps/gateway/testing/nats-server-process.js';
import { readToolEvent } from '../apps/gateway/testing/resending-tool.js';
import {
  Cleanup,
  gatewayConfig,
  natsClient,
  startGateway,
  startNats,
  startTools,
  streamMessages,
  TEST_LEASES,
  waitUntil,
} from './support/gateway-kit.js';

/** Collects every event a durable consumer delivers. */
async function collect(
  cleanup: Cleanup,
  nc: Parameters<typeof GatewayEventConsumer.start>[0],
  durable: string,
  maxAckPending = 1,
): Promise<GatewayEvent[]> {
  const events: GatewayEvent[] = [];
  const consumer = await GatewayEventConsumer.start(nc, { durable, maxAckPending }, (event) => {
    events.push(event);
  });
  cleanup.add(consumer, (c) => c.stop());
  return events;
}

function seqOf(event: GatewayEvent): number {
  return readToolEvent(event.message)!.seq;
}

describe('gateway events', () => {
  const suite = new Cleanup();
  const cleanup = new Cleanup();
  let nats: NatsServerProcess;

  beforeAll(async () => {
    nats = await startNats(suite);
  });
  afterEach(() => cleanup.run());
  afterAll(() => suite.run());

  it('acknowledges a tool event (S6F12 ACKC6 0) only after JetStream has stored it', async () => {
    const { tools, peers } = await startTools(cleanup, 1, {}, 'ack');
    const tool = tools[0]!;
    await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { bucket: 'ev-ack', ...TEST_LEASES } }));
    await waitUntil(() => tool.selected, 'tool selected');
    const nc = await natsClient(cleanup, nats);
    const before = await streamMessages(nc);
    for (let i = 1; i <= 5; i++) {
      const acked = new Promise<number>((resolve) => tool.once('acked', resolve));
      tool.raise();
      expect(await acked).toBe(i);
      // read right after the tool saw its S6F12: the event must be stored already
      expect(await streamMessages(nc)).toBe(before + i);
    }
  });

  it('publishes S5F1 and configured primaries on their own subjects and answers each after the PubAck', async () => {
    const { tools, peers } = await startTools(cleanup, 1, {}, 'prim');
    const tool = tools[0]!;
    await startGateway(
      cleanup,
      gatewayConfig(nats, 'gw-a', peers, {
        leases: { bucket: 'ev-prim', ...TEST_LEASES },
        events: { primaries: ['S6F13'], publishTimeoutMs: 1000 },
      }),
    );
    await waitUntil(() => tool.selected, 'tool selected');
    const s5f2 = await tool.handler.sendAndWaitForResponse(new SecsMessage(5, 1, true, L(B(0x81), U4(7), B(65))));
    expect(s5f2.sf).toBe('S5F2');
    expect(s5f2.body?.toSml()).toBe(B(0).toSml());
    const s6f14 = await tool.handler.sendAndWaitForResponse(new SecsMessage(6, 13, true, L(U4(1), U4(5), L())));
    expect(s6f14.sf).toBe('S6F14');
    const nc = await natsClient(cleanup, nats);
    const jsm = await jetstreamManager(nc);
    const alarm = await jsm.streams.getMessage('HSMS_EVENTS', { last_by_subj: eventSubject('prim-1', 'S5F1') });
    expect(alarm?.header.get('Hsms-Equipment')).toBe('prim-1');
    expect(await jsm.streams.getMessage('HSMS_EVENTS', { last_by_subj: eventSubject('prim-1', 'S6F13') })).toBeTruthy();
  });

  it('stores a re-sent event once: by DATAID when the tool says they are unique, else by body hash', async () => {
    const { tools, peers } = await startTools(cleanup, 2, {}, 'dup');
    peers[1]!.uniqueDataIds = false;
    await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { bucket: 'ev-dup', ...TEST_LEASES } }));
    await waitUntil(() => tools.every((t) => t.selected), 'tools selected');
    const nc = await natsClient(cleanup, nats);
    const before = await streamMessages(nc);
    const event = (dataId: number, value: number): SecsMessage =>
      new SecsMessage(6, 11, true, L(U4(dataId), U4(100), L(L(U4(1), L(U4(value))))));
    for (const tool of tools) {
      for (const message of [event(1, 10), event(1, 10), event(2, 20)]) {
        expect((await tool.handler.sendAndWaitForResponse(message)).sf).toBe('S6F12');
      }
    }
    // DATAID ids: a second DATAID 1 is the same event, even with another body
    const byDataId = tools[0]!;
    expect((await byDataId.handler.sendAndWaitForResponse(event(1, 99))).sf).toBe('S6F12');
    // body-hash ids: another body is another event
    expect((await tools[1]!.handler.sendAndWaitForResponse(event(1, 99))).sf).toBe('S6F12');
    expect(await streamMessages(nc)).toBe(before + 2 + 3);
  });

  it("keeps each tool's order with several events in flight, and delivers each event once with its idempotency key", async () => {
    const { tools, peers } = await startTools(cleanup, 3, { window: 4 }, 'order');
    await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { bucket: 'ev-order', ...TEST_LEASES } }));
    const nc = await natsClient(cleanup, nats);
    const events = await collect(cleanup, nc, 'order-test', 64);
    await waitUntil(() => tools.every((t) => t.selected), 'tools selected');
    for (let i = 0; i < 30; i++) for (const tool of tools) tool.raise();
    await waitUntil(() => tools.every((t) => t.acked === 30), 'every event acknowledged');
    await waitUntil(() => events.filter((e) => e.equipment.startsWith('order-')).length >= 90, 'every event delivered');
    for (const tool of tools) {
      const mine = events.filter((e) => e.equipment === tool.name);
      expect(mine.map(seqOf)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(new Set(mine.map((e) => e.id)).size).toBe(30);
      expect(mine.every((e) => e.gateway === 'gw-a' && e.streamFunction === 'S6F11' && e.deliveryCount === 1)).toBe(true);
    }
  });
});

describe('gateway events when NATS goes away', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());

  it('does not acknowledge a tool event while NATS is down; after NATS returns the tool re-sends it and it is stored once', async () => {
    const first = await NatsServerProcess.start();
    cleanup.add(first, (s) => s.stop());
    const { tools, peers } = await startTools(cleanup, 1, {}, 'down');
    const tool = tools[0]!;
    await startGateway(
      cleanup,
      gatewayConfig(first, 'gw-a', peers, {
        leases: { bucket: 'ev-down', ...TEST_LEASES },
        events: { publishTimeoutMs: 300 },
      }),
    );
    await waitUntil(() => tool.selected, 'tool selected');
    tool.raise();
    await waitUntil(() => tool.acked === 1, 'first event acknowledged');
    await first.terminate();
    const sentBefore = tool.sent;
    tool.raise();
    // the gateway answers S6F0 (no PubAck) and then fences and disconnects; the tool keeps the event
    await waitUntil(() => tool.sent > sentBefore && !tool.selected, 'event sent, refused, link closed by the fence');
    expect(tool.acked).toBe(1);
    expect(tool.pending).toBe(1);

    const second = await NatsServerProcess.start({ storeDir: first.storeDir, port: first.port });
    cleanup.add(second, (s) => s.terminate());
    await waitUntil(() => tool.acked === 2, 'the event acknowledged after NATS returned', 15_000);
    const nc = await natsClient(cleanup, second);
    const delivered = await collect(cleanup, nc, 'down-test');
    await waitUntil(() => delivered.length >= 2, 'both events delivered');
    expect(delivered.map(seqOf)).toEqual([1, 2]);
  });

  it('keeps every acknowledged event across a NATS restart (SIGTERM, same store)', async () => {
    const first = await NatsServerProcess.start();
    cleanup.add(first, (s) => s.stop());
    const { tools, peers } = await startTools(cleanup, 2, { window: 4 }, 'restart');
    await startGateway(cleanup, gatewayConfig(first, 'gw-a', peers, { leases: { bucket: 'ev-restart', ...TEST_LEASES } }));
    await waitUntil(() => tools.every((t) => t.selected), 'tools selected');
    for (let i = 0; i < 20; i++) for (const tool of tools) tool.raise();
    await waitUntil(() => tools.every((t) => t.acked === 20), 'every event acknowledged');

    await first.terminate();
    const second = await NatsServerProcess.start({ storeDir: first.storeDir, port: first.port });
    cleanup.add(second, (s) => s.terminate());
    for (const tool of tools) tool.raise(); // one more each, after the restart
    const nc = await natsClient(cleanup, second);
    const delivered = await collect(cleanup, nc, 'restart-test', 64);
    await waitUntil(() => delivered.length >= 42, 'all 42 events delivered', 15_000);
    for (const tool of tools) {
      expect(delivered.filter((e) => e.equipment === tool.name).map(seqOf)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    }
  });
});
