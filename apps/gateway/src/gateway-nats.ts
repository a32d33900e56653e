import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureEventStream } from '@app/gateway-client';
import type { ResolvedGatewayConfig } from './gateway-config.js';

/**
 * The gateway's NATS connections: one for the data plane (events to JetStream, commands), one for
 * the leases (KV bucket, TTL = lease lifetime, one revision kept per key). Two, because the
 * server reads each connection in order: a renewal must not queue behind a burst of event
 * publishes on the same connection. (It does not help when this process's event loop itself is
 * starved: see the README's sizing note.) Creates the stream and the bucket when they are
 * missing; drained after everything else has shut down.
 */
export class GatewayNats implements OnApplicationShutdown {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    private readonly leaseConnection: NatsConnection,
    readonly leases: KV,
  ) {}

  static async connect(config: ResolvedGatewayConfig): Promise<GatewayNats> {
    const logger = new Logger('GatewayNats');
    const options = {
      servers: config.nats.servers,
      maxReconnectAttempts: -1, // keep trying: the leases fence the tools meanwhile
      reconnectTimeWait: 250,
    };
    const nc = await connect({ ...options, name: `hsms-gateway-${config.gatewayId}` });
    let leaseNc: NatsConnection | undefined;
    try {
      leaseNc = await connect({ ...options, name: `hsms-gateway-${config.gatewayId}-leases` });
      const jsm = await jetstreamManager(nc);
      await ensureEventStream(jsm, { name: config.events.stream, duplicateWindowMs: config.events.duplicateWindowMs });
      const kv = await new Kvm(leaseNc).create(config.leases.bucket, { ttl: config.leases.ttlMs, history: 1 });
      logger.log(
        `connected to ${nc.getServer()}: stream ${config.events.stream}, lease bucket ${config.leases.bucket} (TTL ${config.leases.ttlMs} ms)`,
      );
      return new GatewayNats(nc, jetstream(nc), leaseNc, kv);
    } catch (error) {
      await Promise.all([nc.close(), leaseNc?.close()]);
      throw error;
    }
  }

  /** Closes both connections at once, without draining (what a crash looks like to the server). */
  async close(): Promise<void> {
    await Promise.all([this.nc.close(), this.leaseConnection.close()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([drainBounded(this.nc), drainBounded(this.leaseConnection)]);
  }
}

/** drain() waits for the server; with NATS unreachable a bounded wait, then a plain close. */
async function drainBounded(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) return;
  const drained = nc.drain().then(
    () => true,
    () => false,
  );
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000).unref());
  if (!(await Promise.race([drained, timer]))) await nc.close().catch(() => undefined);
}
