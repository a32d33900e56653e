// Leases of the gateway cluster (apps/gateway, issue 13): acquire, renew, share, hand over on a
// graceful stop, take over after an owner vanished, and self-fence when renewals stop landing.
// A real nats-server (JetStream) per file, real gateways, real tools over loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Kvm } from '@nats-io/kv';
import type { NatsServerProcess } from '../apps/gateway/testing/nats-server-process.js';
import { toolLeaseKey, type LeaseValue } from '../apps/gateway/src/equipment-leases.js';
import { Cleanup, gatewayConfig, natsClient, startGateway, startNats, startTools, TEST_LEASES, waitUntil } from './support/gateway-kit.js';

describe('gateway leases', () => {
  const suite = new Cleanup();
  const cleanup = new Cleanup();
  let nats: NatsServerProcess;

  beforeAll(async () => {
    nats = await startNats(suite);
  });
  afterEach(() => cleanup.run());
  afterAll(() => suite.run());

  /** Who holds the tool's lease according to the KV bucket (undefined: nobody). */
  async function leaseOwner(equipment: string, bucket: string): Promise<string | undefined> {
    const nc = await natsClient(cleanup, nats);
    const kv = await new Kvm(nc).open(bucket);
    const entry = await kv.get(toolLeaseKey(equipment));
    if (entry?.operation !== 'PUT') return undefined;
    return (entry.json() as LeaseValue).gateway;
  }

  it('acquires every free tool, connects to it, and keeps the lease by renewing it', async () => {
    const bucket = 'leases-acquire';
    const { tools, peers } = await startTools(cleanup, 3, {}, 'acq');
    const gw = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket } }));
    await waitUntil(() => tools.every((t) => t.selected), 'every tool selected by gw-a');
    expect(gw.service.owned().sort()).toEqual(['acq-1', 'acq-2', 'acq-3']);
    // still held after several TTLs: the renewals land
    const nc = await natsClient(cleanup, nats);
    const kv = await new Kvm(nc).open(bucket);
    const first = (await kv.get(toolLeaseKey('acq-1')))!.revision;
    await waitUntil(async () => ((await kv.get(toolLeaseKey('acq-1')))?.revision ?? 0) > first + 3, 'three renewals of acq-1');
    expect(await leaseOwner('acq-1', bucket)).toBe('gw-a');
    expect(tools.every((t) => t.selections.length === 1)).toBe(true);
  });

  it('shares the tools between gateways: nobody holds more than its fair share', async () => {
    const bucket = 'leases-share';
    const { tools, peers } = await startTools(cleanup, 4, {}, 'share');
    const leases = { ...TEST_LEASES, bucket, settleMs: 400 };
    const [a, b] = await Promise.all([
      startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases })),
      startGateway(cleanup, gatewayConfig(nats, 'gw-b', peers, { leases })),
    ]);
    await waitUntil(
      () => tools.every((t) => t.selected) && a.service.owned().length === 2 && b.service.owned().length === 2,
      'two tools each',
    );
    expect([...a.service.owned(), ...b.service.owned()].sort()).toEqual(['share-1', 'share-2', 'share-3', 'share-4']);
  });

  it('hands the tools over on a graceful stop: the standby takes them and connects', async () => {
    const bucket = 'leases-handover';
    const { tools, peers } = await startTools(cleanup, 2, {}, 'hand');
    const a = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket } }));
    await waitUntil(() => a.service.owned().length === 2 && tools.every((t) => t.selected), 'gw-a holds both');
    const b = await startGateway(cleanup, gatewayConfig(nats, 'gw-b', peers, { leases: { ...TEST_LEASES, bucket, settleMs: 200 } }));
    // gw-b's fair share is 1: gw-a hands one over
    await waitUntil(() => a.service.owned().length === 1 && b.service.owned().length === 1, 'one tool each after gw-b joined');
    await a.close();
    await waitUntil(() => b.service.owned().length === 2 && tools.every((t) => t.selected), 'gw-b holds and selected both');
    expect(await leaseOwner('hand-1', bucket)).toBe('gw-b');
    expect(await leaseOwner('hand-2', bucket)).toBe('gw-b');
  });

  it('takes over the tools of an owner that vanished without releasing (after the lease TTL)', async () => {
    const bucket = 'leases-takeover';
    const { tools, peers } = await startTools(cleanup, 2, {}, 'take');
    const a = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket } }));
    await waitUntil(() => a.service.owned().length === 2 && tools.every((t) => t.selected), 'gw-a holds both');
    const c = await startGateway(cleanup, gatewayConfig(nats, 'gw-c', peers, { leases: { ...TEST_LEASES, bucket, settleMs: 200 } }));
    await waitUntil(() => c.service.owned().length === 1 && a.service.owned().length === 1, 'one tool each (fair share)');
    const orphan = a.service.owned()[0]!;
    await a.crash();
    expect(await leaseOwner(orphan, bucket)).toBe('gw-a'); // not released: it must expire
    await waitUntil(() => c.service.owned().length === 2, 'gw-c took the orphan after the TTL');
    await waitUntil(() => tools.every((t) => t.selected), 'both tools selected again');
    expect(await leaseOwner(orphan, bucket)).toBe('gw-c');
  });

  it('self-fences: when renewals stop landing it disconnects its tools before the lease can expire', async () => {
    const server = await startNats(cleanup); // its own server: this test stops it
    const { tools, peers } = await startTools(cleanup, 2, {}, 'fence');
    const gw = await startGateway(cleanup, gatewayConfig(server, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket: 'leases-fence' } }));
    await waitUntil(() => gw.service.owned().length === 2 && tools.every((t) => t.selected), 'gw-a holds both');
    const stoppedAt = Date.now();
    await server.terminate();
    await waitUntil(() => gw.service.owned().length === 0, 'gw-a gave up both leases');
    await waitUntil(() => tools.every((t) => !t.selected), 'both tools disconnected');
    // fenced within the TTL of the last renewal (the server could hand the lease over only after it)
    expect(Date.now() - stoppedAt).toBeLessThan(TEST_LEASES.ttlMs + 2000);
  });
});
