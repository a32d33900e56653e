// `npm run bench -- gateway` (bench/gateway.bench.ts runs this compiled file): events through the
// gateway cluster (4 gateway processes on NATS JetStream, loopback) for 100 and 1,000 simulated
// tools, against the single-process library as the baseline in the same run.
//
// Per configuration: (1) throughput: every tool raises a burst of events at once; events/s until
// the consumer (or the baseline host) has them all. (2) latency: events raised at a steady total
// rate for a few seconds; p50/p99 from the tool raising an event to the consumer handling it
// (baseline: to the host's callback). The tools are ResendingTool (one window of events in flight).
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GatewayEventConsumer } from '@app/gateway-client';
import type { HsmsPeerConfig } from '@app/hsms';
import { ResendingTool } from '../testing/resending-tool.js';
import { parseDrillArgs } from './drill-args.js';
import { EventLedger } from './event-ledger.js';
import { GatewayCluster } from './gateway-cluster.js';

const args = parseDrillArgs(process.argv.slice(2), {
  gateways: 4,
  burst100: 40, // events per tool in the burst, 100 tools
  burst1000: 6, // events per tool in the burst, 1,000 tools
  rate: 200, // events per second in the latency phase (all tools together): below saturation on a loaded 2-core machine
  seconds: 8, // length of the latency phase
  window: 4, // events in flight per tool
  maxAckPending: 1000, // the consumer's; 1 gives strict order across consumer crashes, slower
  only: 0, // 0: both sizes; else only this number of tools
  ttl: 10000, // lease TTL (ms): 3 s fenced most of 1,000 tools during the burst on a loaded 2-core machine (README)
  renew: 2000, // lease renewal period (ms)
});

const HSMS = { t3: 10, t5: 0.5, t6: 5, t7: 10, t8: 5, linktest: 0, connectTimeout: 5 } as const;
const now = (): number => performance.timeOrigin + performance.now();
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Probe {
  delivered(): Promise<number>;
  latencies(): Promise<number[]>;
  resetLatencies(): Promise<void>;
}

interface Measured {
  /** Cluster: leases fenced / handed over during the measurement, tools re-selected (a churn that stalls their events). */
  churn?: { fenced: number; handedOver: number; taken: number; toolsReselected: number };
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  latencyEvents: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await delay(50);
  }
}

async function measure(tools: ResendingTool[], probe: Probe, burst: number): Promise<Measured> {
  const before = await probe.delivered();
  const total = tools.length * burst;
  const t0 = now();
  for (let i = 0; i < burst; i++) for (const tool of tools) tool.raise();
  await until(async () => (await probe.delivered()) - before >= total, 180_000, `burst of ${total}`);
  const eventsPerSecond = (total * 1000) / (now() - t0);

  await probe.resetLatencies();
  const tickMs = 50;
  const perTick = (args.rate * tickMs) / 1000;
  let credit = 0;
  let next = 0;
  let raised = 0;
  const base = await probe.delivered();
  const end = now() + args.seconds * 1000;
  while (now() < end) {
    credit += perTick;
    for (; credit >= 1; credit--) {
      tools[next++ % tools.length]!.raise();
      raised++;
    }
    await delay(tickMs);
  }
  await until(async () => (await probe.delivered()) - base >= raised, 120_000, 'latency phase catching up');
  const latencies = await probe.latencies();
  return { eventsPerSecond, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), latencyEvents: latencies.length };
}

/** The single-process library: one host process, every tool a peer of one HsmsConnectionManager. */
async function baseline(toolCount: number, burst: number): Promise<Measured> {
  const tools: ResendingTool[] = [];
  const peers: HsmsPeerConfig[] = [];
  for (let i = 0; i < toolCount; i++) {
    const tool = new ResendingTool({ name: `tool-${i + 1}`, sessionId: (i % 32000) + 1, window: args.window, timers: HSMS });
    tools.push(tool);
    peers.push({ name: tool.name, address: '127.0.0.1', port: await tool.start(), active: true, sessionId: (i % 32000) + 1 });
  }
  const host = await HostChild.start();
  try {
    await host.request('start', { peers, timers: HSMS });
    await until(async () => tools.every((t) => t.selected), 120_000, 'baseline: every tool selected');
    return await measure(
      tools,
      {
        delivered: async () => (await host.request<{ count: number }>('stats')).count,
        latencies: async () => (await host.request<{ latencies: number[] }>('stats')).latencies,
        resetLatencies: async () => void (await host.request('reset')),
      },
      burst,
    );
  } finally {
    await host.request('stop').catch(() => undefined);
    host.close();
    await Promise.all(tools.map((t) => t.stop()));
  }
}

/** The cluster: G gateway processes, nats-server, one durable consumer in this process. */
async function cluster(toolCount: number, burst: number): Promise<Measured> {
  const c = await GatewayCluster.start({
    gateways: args.gateways,
    tools: toolCount,
    leases: { ttlMs: args.ttl, renewMs: args.renew, pollMs: 500 },
    hsms: HSMS,
    toolWindow: args.window,
  });
  let consumer: GatewayEventConsumer | undefined;
  try {
    await c.settled(180_000);
    const ledger = new EventLedger();
    consumer = await GatewayEventConsumer.start(
      await c.connection(),
      { durable: 'bench', maxAckPending: args.maxAckPending, batch: 500 },
      (e) => ledger.record(e),
    );
    const before = c.leaseChurn();
    const selections = c.tools.map((t) => t.selections.length);
    const measured = await measure(
      c.tools,
      {
        delivered: async () => ledger.delivered,
        latencies: async () => ledger.latenciesMs.slice(),
        resetLatencies: async () => void ledger.latenciesMs.splice(0),
      },
      burst,
    );
    const after = c.leaseChurn();
    measured.churn = {
      fenced: after.fenced - before.fenced,
      handedOver: after.handedOver - before.handedOver,
      taken: after.taken - before.taken,
      toolsReselected: c.tools.filter((t, i) => t.selections.length > selections[i]!).length,
    };
    return measured;
  } finally {
    await consumer?.stop();
    await c.stop();
  }
}

class HostChild {
  private nextId = 1;
  private readonly waiters = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiters.get(m.id);
      this.waiters.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
  }

  static async start(): Promise<HostChild> {
    const child = fork(fileURLToPath(new URL('./baseline-host.js', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const host = new HostChild(child);
    await new Promise<void>((resolve, reject) => {
      host.waiters.set(0, { resolve: () => resolve(), reject });
      child.once('exit', (code) => reject(new Error(`baseline host exited (${String(code)})`)));
    });
    return host;
  }

  request<T>(cmd: string, extra: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baseline host: no answer to ${cmd}`)), 30_000);
      this.waiters.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, cmd, ...extra });
    });
  }

  close(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

function row(label: string, m: Measured): string {
  return `${label.padEnd(44)} ${Math.round(m.eventsPerSecond).toLocaleString('en-US').padStart(9)} ev/s   p50 ${m.p50Ms.toFixed(1).padStart(7)} ms   p99 ${m.p99Ms.toFixed(1).padStart(7)} ms   (${m.latencyEvents} events at ${args.rate}/s)`;
}

async function main(): Promise<void> {
  console.log(
    `gateway cluster vs single-process library, loopback; ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `throughput: a burst of events per tool; latency: ${args.rate} events/s for ${args.seconds} s, tool raise -> consumer (baseline: -> host callback)`,
  );
  const results: Record<string, unknown>[] = [];
  for (const tools of [100, 1000].filter((n) => args.only === 0 || n === args.only)) {
    const burst = tools === 100 ? args.burst100 : args.burst1000;
    const single = await baseline(tools, burst);
    console.log(row(`${tools} tools, single-process library`, single));
    const clustered = await cluster(tools, burst);
    console.log(row(`${tools} tools, ${args.gateways} gateways + JetStream + consumer`, clustered));
    if (clustered.churn) console.log(`${''.padEnd(44)} lease churn while measuring: ${JSON.stringify(clustered.churn)}`);
    results.push({ tools, burstPerTool: burst, baseline: single, cluster: clustered });
  }
  console.log(
    JSON.stringify({
      bench: 'gateway',
      gateways: args.gateways,
      window: args.window,
      maxAckPending: args.maxAckPending,
      rate: args.rate,
      results,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
