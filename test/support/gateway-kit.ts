// Helpers for the gateway tests (test/gateway-*.spec.ts): a real nats-server per test file, real
// gateways (the Nest application context of apps/gateway), real simulated tools over loopback,
// and bounded waits. Lease and HSMS timers are short so the whole suite stays quick.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_EVENT_STREAM } from '@app/gateway-client';
import { HsmsConnectionManager } from '../../libs/hsms/src/core.js';
import type { GatewayConfig, GatewayPeerConfig } from '../../apps/gateway/src/gateway-config.js';
import { GatewayNats } from '../../apps/gateway/src/gateway-nats.js';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';
import { GatewayService } from '../../apps/gateway/src/gateway.service.js';
import { NatsServerProcess } from '../../apps/gateway/testing/nats-server-process.js';
import { ResendingTool, type ResendingToolOptions } from '../../apps/gateway/testing/resending-tool.js';
import { Cleanup } from './hsms-test-kit.js';

export { Cleanup };

/** Lease timing for tests: short, with room for a loaded 2-core machine. */
export const TEST_LEASES = { ttlMs: 2000, renewMs: 400, pollMs: 100, settleMs: 0 } as const;

/** HSMS timers (s) for the gateways' peers and the tools: reconnect fast, no linktest. */
export const TEST_HSMS = { t3: 3, t5: 0.05, t6: 2, t7: 3, t8: 2, linktest: 0, connectTimeout: 1 } as const;

/** Bound on any wait in these tests. */
export const GATEWAY_WAIT_MS = 8000;

/** Polls `condition` every 20 ms until it holds; rejects after `timeoutMs` with `label`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, label: string, timeoutMs = GATEWAY_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startNats(cleanup: Cleanup): Promise<NatsServerProcess> {
  const server = await NatsServerProcess.start();
  cleanup.add(server, (s) => s.stop());
  return server;
}

export async function natsClient(cleanup: Cleanup, server: NatsServerProcess): Promise<NatsConnection> {
  const nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  cleanup.add(nc, (c) => (c.isClosed() ? undefined : c.close()));
  return nc;
}

/** Starts `count` tools listening on loopback; returns them with their peer configs. */
export async function startTools(
  cleanup: Cleanup,
  count: number,
  options: Partial<ResendingToolOptions> = {},
  prefix = 'tool',
): Promise<{ tools: ResendingTool[]; peers: GatewayPeerConfig[] }> {
  const tools: ResendingTool[] = [];
  const peers: GatewayPeerConfig[] = [];
  for (let i = 1; i <= count; i++) {
    const tool = new ResendingTool({ name: `${prefix}-${i}`, sessionId: i, timers: TEST_HSMS, ...options });
    cleanup.add(tool, (t) => t.stop());
    const port = await tool.start();
    tools.push(tool);
    peers.push({ name: tool.name, address: '127.0.0.1', port, active: true, sessionId: i, uniqueDataIds: true });
  }
  return { tools, peers };
}

export interface TestGateway {
  readonly id: string;
  /** True when this gateway's peer for `equipment` is SELECTED (the gateway side; the tool's side may be a moment earlier). */
  selected(equipment: string): boolean;
  readonly app: INestApplicationContext;
  readonly service: GatewayService;
  /** Graceful stop: tools separated, leases handed over. */
  close(): Promise<void>;
  /**
   * A crash as the cluster sees it: the NATS connection drops and the lease timers stop without
   * any release, then the process's sockets go (the tools see their TCP sessions close).
   */
  crash(): Promise<void>;
}

export function gatewayConfig(
  server: NatsServerProcess,
  id: string,
  peers: GatewayPeerConfig[],
  overrides: Partial<GatewayConfig> = {},
): GatewayConfig {
  return {
    gatewayId: id,
    nats: { servers: server.url },
    leases: TEST_LEASES,
    events: { publishTimeoutMs: 1000 },
    hsms: { ...TEST_HSMS, logLevel: 'warn' },
    peers,
    ...overrides,
  };
}

export async function startGateway(cleanup: Cleanup, config: GatewayConfig): Promise<TestGateway> {
  const app = await NestFactory.createApplicationContext(GatewayModule.forRoot(config), { logger: ['error'] });
  await app.init();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  const service = app.get(GatewayService);
  const gateway: TestGateway = {
    id: config.gatewayId,
    selected: (equipment) => app.get(HsmsConnectionManager).get(equipment)?.selected === true,
    app,
    service,
    close,
    crash: async () => {
      if (closed) return;
      service.leases.stopTimers();
      await app.get(GatewayNats).close();
      await close(); // releases fail on the closed connection: the leases stay until their TTL
    },
  };
  cleanup.add(gateway, (g) => g.close());
  return gateway;
}

/** Number of messages in the event stream now. */
export async function streamMessages(nc: NatsConnection, stream = GATEWAY_EVENT_STREAM): Promise<number> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(stream)).state.messages;
}
