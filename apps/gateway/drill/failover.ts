// `npm run failover -- --gateways 3 --tools 60 --seconds 30 --kill 1`: the failover drill of
// issue 13. Starts a nats-server, G gateway processes and T simulated tools that re-send
// unacknowledged events; one durable consumer reads the event stream while the tools raise events
// and a client sends commands; K gateways are SIGKILLed midway. Prints one JSON line.
//
// The tools are ResendingTool (apps/gateway/testing); once issue 12's spooling EquipmentSimulator
// is merged it can stand in for them in GatewayCluster.start.
import { performance } from 'node:perf_hooks';
import { SecsMessage } from '@app/hsms';
import { GatewayClient, GatewayCommandTimeoutError, GatewayEventConsumer, GatewayToolUnavailableError } from '@app/gateway-client';
import { parseDrillArgs } from './drill-args.js';
import { EventLedger } from './event-ledger.js';
import { GatewayCluster } from './gateway-cluster.js';

const args = parseDrillArgs(process.argv.slice(2), {
  gateways: 3,
  tools: 60,
  seconds: 30,
  kill: 1,
  rate: 5, // events per second per tool
  commandRate: 20, // commands per second, round robin over the tools
  ttl: 3000,
  renew: 1000,
  poll: 500,
  window: 1,
});
if (args.kill >= args.gateways) throw new Error(`--kill ${args.kill} leaves no gateway of ${args.gateways}`);

type Outcome = 'answered' | 'failedFast' | 'timedOut' | 'failedOther';
interface CommandRecord {
  tool: string;
  sentAt: number;
  ms: number;
  outcome: Outcome;
}

const now = (): number => performance.timeOrigin + performance.now();
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text: string): void => void process.stderr.write(`[failover] ${text}\n`);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

function tally(records: CommandRecord[]): Record<Outcome, number> & { sent: number; failFastMaxMs: number } {
  const out = { sent: records.length, answered: 0, failedFast: 0, timedOut: 0, failedOther: 0, failFastMaxMs: 0 };
  for (const r of records) {
    out[r.outcome]++;
    if (r.outcome === 'failedFast') out.failFastMaxMs = Math.max(out.failFastMaxMs, Math.round(r.ms));
  }
  return out;
}

async function main(): Promise<void> {
  const cluster = await GatewayCluster.start({
    gateways: args.gateways,
    tools: args.tools,
    leases: { ttlMs: args.ttl, renewMs: args.renew, pollMs: args.poll },
    hsms: { t3: 5, t5: 0.2, t6: 2, t7: 5, t8: 2, linktest: 0, connectTimeout: 1 },
    toolWindow: args.window,
  });
  let consumer: GatewayEventConsumer | undefined;
  let keepLogs = true;
  try {
    log(`${args.gateways} gateways, ${args.tools} tools; waiting for the cluster to settle (logs: ${cluster.dir})`);
    await cluster.settled(90_000);
    const nc = await cluster.connection();
    const ledger = new EventLedger();
    consumer = await GatewayEventConsumer.start(nc, { durable: 'failover-drill' }, (event) => ledger.record(event));
    const client = new GatewayClient(nc, { defaultTimeoutMs: 2000 });

    const commands: CommandRecord[] = [];
    const inFlight = new Set<Promise<void>>();
    let nextTool = 0;
    const sendCommand = (): void => {
      const tool = cluster.tools[nextTool++ % cluster.tools.length]!.name;
      const sentAt = now();
      const done = client
        .command(tool, new SecsMessage(1, 1, true))
        .then(
          () => commands.push({ tool, sentAt, ms: now() - sentAt, outcome: 'answered' }),
          (error: unknown) => {
            const outcome: Outcome =
              error instanceof GatewayToolUnavailableError
                ? 'failedFast'
                : error instanceof GatewayCommandTimeoutError
                  ? 'timedOut'
                  : 'failedOther';
            commands.push({ tool, sentAt, ms: now() - sentAt, outcome });
          },
        )
        .then(() => void inFlight.delete(done));
      inFlight.add(done);
    };

    const tickMs = 100;
    let credit = 0;
    const raising = setInterval(() => {
      credit += (args.rate * tickMs) / 1000;
      while (credit >= 1) {
        for (const tool of cluster.tools) tool.raise();
        credit -= 1;
      }
    }, tickMs);
    const commanding = args.commandRate > 0 ? setInterval(sendCommand, 1000 / args.commandRate) : undefined;

    log(`settled; raising ${args.rate} events/s per tool, ${args.commandRate} commands/s`);
    await delay((args.seconds * 1000) / 2);
    const owners = await cluster.owners();
    const victims = cluster.gateways.slice(0, args.kill).map((g) => g.id);
    const orphans = cluster.tools.filter((t) => victims.includes(owners.get(t.name) ?? ''));
    const killAt = now();
    for (const id of victims) cluster.kill(id);
    log(`SIGKILLed ${victims.join(', ')}: ${orphans.length} tools orphaned`);
    await delay((args.seconds * 1000) / 2);
    clearInterval(raising);
    if (commanding) clearInterval(commanding);

    const takeoverAt = orphans.map((t) => t.selections.find((at) => at > killAt));
    const recovered = takeoverAt.filter((at): at is number => at !== undefined);
    const lastTakeover = recovered.length === orphans.length && orphans.length > 0 ? Math.max(...recovered) : undefined;

    log('draining: waiting for every tool to have its events acknowledged and the consumer to catch up');
    const drained = await waitFor(() => cluster.tools.every((t) => t.pending === 0), 60_000);
    const acked = new Map(cluster.tools.map((t) => [t.name, t.acked]));
    const published = [...acked.values()].reduce((a, b) => a + b, 0);
    const caughtUp = await waitFor(() => ledger.delivered >= published, 60_000);
    await Promise.all([...inFlight]);

    const orphanNames = new Set(orphans.map((t) => t.name));
    const toOrphans = commands.filter((c) => orphanNames.has(c.tool) && c.sentAt >= killAt);
    const result = {
      drill: 'failover',
      gateways: args.gateways,
      tools: args.tools,
      seconds: args.seconds,
      kill: args.kill,
      leaseTtlMs: args.ttl,
      leaseRenewMs: args.renew,
      killed: victims,
      orphanedTools: orphans.length,
      raised: cluster.tools.reduce((a, t) => a + t.raised, 0),
      published,
      ...ledger.summary(acked),
      takeoverMs: lastTakeover === undefined ? null : Math.round(lastTakeover - killAt),
      orphansNotReselected: orphans.length - recovered.length,
      drained,
      caughtUp,
      commands: {
        all: tally(commands),
        orphansDuringFailover: tally(toOrphans.filter((c) => lastTakeover === undefined || c.sentAt < lastTakeover)),
        orphansAfterTakeover: tally(toOrphans.filter((c) => lastTakeover !== undefined && c.sentAt >= lastTakeover)),
        // when each timed-out command to an orphan was sent, relative to the kill: sent while the
        // dead gateway's subscription was still registered at the server, it had nobody to answer
        timedOutSentMsAfterKill: toOrphans.filter((c) => c.outcome === 'timedOut').map((c) => Math.round(c.sentAt - killAt)),
      },
    };
    keepLogs = !(result.lost === 0 && result.reordered === 0 && drained && caughtUp);
    console.log(JSON.stringify(result));
  } finally {
    await consumer?.stop();
    await cluster.stop(keepLogs);
    if (keepLogs) log(`gateway logs kept in ${cluster.dir}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
