import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureEventStream } from '@app/gateway-client';
import type { ResolvedGatewayConfig } from './gateway-config.js';

/**
 * The gateway's one NATS connection and what it uses on it: the JetStream client (events), the
 * lease bucket (KV, TTL = lease lifetime, one revision kept per key). Creates the stream and the
 * bucket when they are missing. Drained after everything else has shut down.
 */
export class GatewayNats implements OnApplicationShutdown {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly leases: KV,
  ) {}

  static async connect(config: ResolvedGatewayConfig): Promise<GatewayNats> {
    const logger = new Logger('GatewayNats');
    const nc = await connect({
      servers: config.nats.servers,
      name: `hsms-gateway-${config.gatewayId}`,
      maxReconnectAttempts: -1, // keep trying: the leases fence the tools meanwhile
      reconnectTimeWait: 250,
    });
    try {
      const jsm = await jetstreamManager(nc);
      await ensureEventStream(jsm, { name: config.events.stream, duplicateWindowMs: config.events.duplicateWindowMs });
      const kv = await new Kvm(nc).create(config.leases.bucket, { ttl: config.leases.ttlMs, history: 1 });
      logger.log(`connected to ${nc.getServer()}: stream ${config.events.stream}, lease bucket ${config.leases.bucket} (TTL ${config.leases.ttlMs} ms)`);
      return new GatewayNats(nc, jetstream(nc), kv);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc.isClosed()) return;
    // drain() waits for the server; with NATS unreachable a bounded wait, then a plain close
    const drained = this.nc.drain().then(() => true, () => false);
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000).unref());
    if (!(await Promise.race([drained, timer]))) await this.nc.close().catch(() => undefined);
  }
}
