// A local gateway cluster for the failover drill and the benchmark: a nats-server (temporary
// store, free port), G gateway processes (the compiled apps/gateway main.js, one config file for
// all), T simulated tools in this process. Everything it starts, stop() ends (bounded).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { HsmsTimerOptions } from '@app/hsms';
import type { GatewayConfig, GatewayLeaseConfig, GatewayPeerConfig } from '../src/gateway-config.js';
import { type LeaseValue, toolLeaseKey } from '../src/equipment-leases.js';
import { NatsServerProcess } from '../testing/nats-server-process.js';
import { ResendingTool } from '../testing/resending-tool.js';

export interface ClusterOptions {
  gateways: number;
  tools: number;
  leases: GatewayLeaseConfig;
  /** HSMS timers of the gateways' peers and the tools (s). */
  hsms: HsmsTimerOptions;
  /** Events a tool keeps in flight. */
  toolWindow: number;
  /** Loopback address tool i listens on (many tools: many addresses, as bench/support does). */
  toolAddress?: (i: number) => string;
}

export interface GatewayProcess {
  readonly id: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

const GATEWAY_MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

export class GatewayCluster {
  readonly gateways: GatewayProcess[] = [];
  private nc: NatsConnection | undefined;

  private constructor(
    readonly options: ClusterOptions,
    readonly nats: NatsServerProcess,
    readonly tools: ResendingTool[],
    readonly dir: string,
    readonly configPath: string,
  ) {}

  static async start(options: ClusterOptions): Promise<GatewayCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-cluster-'));
    const nats = await NatsServerProcess.start();
    const tools: ResendingTool[] = [];
    const peers: GatewayPeerConfig[] = [];
    try {
      for (let i = 0; i < options.tools; i++) {
        const address = options.toolAddress?.(i) ?? '127.0.0.1';
        const tool = new ResendingTool({
          name: `tool-${i + 1}`,
          sessionId: (i % 32000) + 1,
          bindAddress: address,
          window: options.toolWindow,
          timers: options.hsms,
        });
        tools.push(tool);
        const port = await tool.start();
        peers.push({ name: tool.name, address, port, active: true, sessionId: (i % 32000) + 1, uniqueDataIds: true });
      }
      const config: Omit<GatewayConfig, 'gatewayId'> & { gatewayId: string } = {
        gatewayId: 'from-env',
        nats: { servers: nats.url },
        leases: options.leases,
        events: { publishTimeoutMs: 2000 },
        hsms: { ...options.hsms, logLevel: 'warn' },
        peers,
      };
      const configPath = join(dir, 'gateway.json');
      writeFileSync(configPath, JSON.stringify(config));
      const cluster = new GatewayCluster(options, nats, tools, dir, configPath);
      for (let g = 1; g <= options.gateways; g++) cluster.spawnGateway(`gw-${g}`);
      return cluster;
    } catch (error) {
      await Promise.all(tools.map((t) => t.stop()));
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private spawnGateway(id: string): void {
    const log = openSync(join(this.dir, `${id}.log`), 'a');
    // extra node flags for the gateways, e.g. GATEWAY_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
    const flags = (process.env['GATEWAY_NODE_FLAGS'] ?? '').split(' ').filter((f) => f !== '');
    const child = spawn(process.execPath, [...flags, GATEWAY_MAIN], {
      env: { ...process.env, GATEWAY_CONFIG: this.configPath, GATEWAY_ID: id, NATS_URL: this.nats.url },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.gateways.push({ id, child, exited });
  }

  /** A NATS connection of the drill itself (for the consumer, commands and lease reads). */
  async connection(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: this.nats.url, name: 'gateway-drill', maxReconnectAttempts: -1 });
    return this.nc;
  }

  /** Who holds each tool's lease now (tool name -> gateway id). */
  async owners(): Promise<Map<string, string>> {
    const kv = await new Kvm(await this.connection()).open(this.options.leases.bucket ?? 'hsms-gateway-leases');
    const owners = new Map<string, string>();
    for (const tool of this.tools) {
      const entry = await kv.get(toolLeaseKey(tool.name));
      if (entry && entry.operation === 'PUT') owners.set(tool.name, (entry.json() as LeaseValue).gateway);
    }
    return owners;
  }

  /** Waits until every tool is SELECTED and no gateway holds more than its fair share (a settled cluster). */
  async settled(timeoutMs: number): Promise<void> {
    const share = Math.ceil(this.tools.length / this.gateways.length);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.tools.every((t) => t.selected)) {
        const counts = new Map<string, number>();
        for (const owner of (await this.owners()).values()) counts.set(owner, (counts.get(owner) ?? 0) + 1);
        if (counts.size === this.gateways.length && [...counts.values()].every((n) => n <= share)) return;
      }
      for (const g of this.gateways) {
        if (g.child.exitCode !== null) throw new Error(`gateway ${g.id} exited with code ${g.child.exitCode}; see ${this.dir}/${g.id}.log`);
      }
      if (Date.now() > deadline)
        throw new Error(
          `cluster not settled within ${timeoutMs} ms (${this.tools.filter((t) => t.selected).length}/${this.tools.length} tools selected); logs in ${this.dir}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** How often the gateways' logs say a lease was fenced (not renewed in time) or handed over, so far. */
  leaseChurn(): { fenced: number; handedOver: number; taken: number } {
    const out = { fenced: 0, handedOver: 0, taken: 0 };
    for (const g of this.gateways) {
      let text = '';
      try {
        text = readFileSync(join(this.dir, `${g.id}.log`), 'utf8');
      } catch {
        continue;
      }
      out.fenced += text.match(/fencing/g)?.length ?? 0;
      out.handedOver += text.match(/handed over/g)?.length ?? 0;
      out.taken += text.match(/taken by another gateway/g)?.length ?? 0;
    }
    return out;
  }

  kill(id: string): void {
    this.gateways.find((g) => g.id === id)?.child.kill('SIGKILL');
  }

  /** SIGTERM every gateway (SIGKILL after 5 s), stops the tools and NATS, removes the temporary files unless `keepLogs`. */
  async stop(keepLogs = false): Promise<void> {
    await Promise.all(
      this.gateways.map(async (g) => {
        if (g.child.exitCode !== null || g.child.signalCode !== null) return;
        g.child.kill('SIGTERM');
        const timer = setTimeout(() => g.child.kill('SIGKILL'), 5_000);
        await g.exited;
        clearTimeout(timer);
      }),
    );
    await this.nc?.close().catch(() => undefined);
    await Promise.all(this.tools.map((t) => t.stop()));
    await this.nats.stop();
    if (!keepLogs) rmSync(this.dir, { recursive: true, force: true });
  }
}
