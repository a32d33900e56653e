// `npm run soak -- --peers 500 --seconds 60`: the load and soak run of issue 6.
// Hundreds of equipment peers in child processes (bench/soak/equipment-child.ts) connect to one
// multi-passive port of this process from distinct 127.3.x.y addresses, plus a few that listen for
// our active peers. Each equipment sends S6F11 at a steady rate and answers S1F3, which this host
// asks of every SELECTED peer at a steady rate, while links are dropped at random and come back.
// After a warm-up it measures for --seconds and prints: messages per second, every request's
// outcome (replies lost must be 0), p50/p99 round trip, event-loop delay, heap and RSS at start and
// end with the growth bound (PASS/FAIL). Exit code 0 only when nothing was lost and memory held.
//
// Flags: --peers 500 --seconds 60 --children 2 --active 4 --rate 1 (S1F3 per peer per s)
//        --events 1 (S6F11 per peer per s) --churn <links dropped per s, default peers/50>
//        --warmup 5 --seed <n>
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CountingLogger } from '../test/support/counting-logger.js';
import { ensureCatalogueData } from './soak/catalogue-data.js';
import { EquipmentChild } from './soak/child-handle.js';
import { soakAddress } from './soak/loopback-address.js';
import { type Memory, mib, ms, numberFlag, settledMemory } from './soak/run-stats.js';
import type { ChildReport, SoakTimers, StartCommand } from './soak/soak-protocol.js';
import { SoakHost } from './soak/soak-host.js';

const argv = process.argv.slice(2);
const peers = Math.floor(numberFlag(argv, 'peers', 500));
const seconds = numberFlag(argv, 'seconds', 60);
const childCount = Math.floor(numberFlag(argv, 'children', 2));
const activeCount = Math.floor(numberFlag(argv, 'active', 4));
const requestRate = numberFlag(argv, 'rate', 1);
const eventRate = numberFlag(argv, 'events', 1);
const churnRate = numberFlag(argv, 'churn', Math.max(1, peers / 50));
const warmup = numberFlag(argv, 'warmup', 5);
const seed = Math.floor(numberFlag(argv, 'seed', Date.now() % 1_000_000));

/**
 * Heap growth allowed between the start and the end of the measured run, each after a full GC and
 * with every peer connected. The host's state is per peer and fixed (counters, a fixed-size
 * histogram), so growth means a leak: 500 peers at the default rates pass ~120,000 messages each
 * way a minute, so a leak of 70 bytes per message would cross this bound in a 60 s run.
 */
const HEAP_GROWTH_BOUND = 8 * 1024 * 1024;
/** Short T5 so dropped links come back within a second; linktest on, to run it under load too. */
const TIMERS: SoakTimers = { t3: 10, t5: 0.5, t6: 5, t7: 10, t8: 5, linktest: 5 };
const COMMAND_MS = 30_000;
/** monitorEventLoopDelay samples every this many ms and records the whole interval; the delay is what exceeds it. */
const LOOP_SAMPLE_MS = 10;

ensureCatalogueData();
const logger = new CountingLogger();
const host = new SoakHost({ ...TIMERS, logger, logLevel: 'warn' }, requestRate, peers + activeCount);
const children = Array.from({ length: childCount }, (_, i) => EquipmentChild.fork(`equipment child ${i + 1}`));
let exitCode = 1;

try {
  const started = performance.now();
  for (let i = 0; i < peers; i++) host.addPassive(`eq-${i}`, soakAddress(i));
  await host.manager.ready();
  const port = host.manager.listeningPort(0)!;
  const answers = await Promise.all(children.map((child, c) => child.request(startCommand(c, port), 'ready', COMMAND_MS)));
  for (const answer of answers) for (const { name, port: p } of answer.listeningPorts) host.addActive(name, p, TIMERS.t5);
  await host.allSelected(30_000 + peers * 20);
  console.log(
    `soak: ${peers} multi-passive peers on 127.0.0.1:${port} + ${activeCount} active, ${childCount} equipment processes; ` +
      `S1F3 ${requestRate}/s and S6F11 ${eventRate}/s per peer, ${churnRate} links dropped/s; all SELECTED in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  await setLoad(true);
  await delay(warmup * 1000);
  const before = settledMemory();
  await Promise.all(children.map((child) => child.request({ cmd: 'report', reset: true }, 'report', COMMAND_MS)));
  host.stats.reset();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loopDelay.enable();
  const measureStart = performance.now();
  await delay(seconds * 1000);
  await setLoad(false);
  const elapsed = (performance.now() - measureStart) / 1000;
  loopDelay.disable();

  await drained(TIMERS.t3 * 1000 + 5000);
  const after = settledMemory();
  const reports = (await Promise.all(children.map((child) => child.request({ cmd: 'report', reset: false }, 'report', COMMAND_MS)))).map(
    (a) => a.report,
  );
  const pass = printResults(elapsed, before, after, reports, loopDelay);
  exitCode = pass ? 0 : 1;
} finally {
  host.stopLoad();
  await Promise.all(children.map((child) => child.stop(5000)));
  await host.manager.stop();
}
process.exit(exitCode);

function startCommand(c: number, hostPort: number): StartCommand {
  const connecting = [];
  for (let i = c; i < peers; i += childCount) connecting.push({ name: `eq-${i}`, localAddress: soakAddress(i) });
  const listening = [];
  for (let i = c; i < activeCount; i += childCount) listening.push(`act-${i}`);
  return { cmd: 'start', hostPort, connecting, listening, eventRate, churnRate: churnRate / childCount, seed: seed + c, timers: TIMERS };
}

async function setLoad(on: boolean): Promise<void> {
  if (on) host.startLoad();
  else host.stopLoad();
  await Promise.all(children.map((child) => child.request({ cmd: 'load', on }, 'ok', COMMAND_MS)));
}

/** Waits (bounded) until no request of either side is still waiting for its answer. */
async function drained(timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const reports = await Promise.all(children.map((child) => child.request({ cmd: 'report', reset: false }, 'report', COMMAND_MS)));
    if (host.stats.requests.inFlight === 0 && reports.every((r) => r.report.eventsInFlight === 0)) return;
    await delay(200);
  }
}

function delay(msToWait: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msToWait));
}

function printResults(
  elapsed: number,
  before: Memory,
  after: Memory,
  reports: ChildReport[],
  loopDelay: ReturnType<typeof monitorEventLoopDelay>,
): boolean {
  const stats = host.stats;
  const requests = stats.requests;
  const sum = (pick: (r: ChildReport) => number): number => reports.reduce((total, r) => total + pick(r), 0);
  const eventOutcomes: Record<string, number> = {};
  for (const r of reports) for (const [name, n] of Object.entries(r.eventOutcomes)) eventOutcomes[name] = (eventOutcomes[name] ?? 0) + n;
  const eventsSent = sum((r) => r.eventsSent);
  const hostSent = requests.sent + stats.eventsReceived; // S1F3 + one S6F12 per event
  const hostReceived = requests.replies + stats.eventsReceived; // S1F4 + S6F11
  const lostRequests = requests.inFlight;
  const lostEvents = sum((r) => r.eventsInFlight);
  const lat = (p: number): string => ms(stats.latency.count === 0 ? Number.NaN : stats.latency.percentile(p) / 1e6);
  const growth = after.heapUsed - before.heapUsed;
  const memoryOk = growth < HEAP_GROWTH_BOUND;
  const rate = (n: number): string => (n / elapsed).toFixed(0);

  console.log(`measured ${elapsed.toFixed(1)} s after ${warmup} s of warm-up (seed ${seed})`);
  console.log(
    `host messages: sent ${rate(hostSent)}/s, received ${rate(hostReceived)}/s (all processes together: ${rate(hostSent + eventsSent + sum((r) => r.s1f3Answered))}/s sent)`,
  );
  // outcomes count every request that settled in the window, including the few sent just before it
  console.log(`S1F3 requests: ${requests.sent} sent; settled: ${JSON.stringify(requests.counts)}; lost (never settled): ${lostRequests}`);
  console.log(
    `S6F11 events: ${eventsSent} sent, ${stats.eventsReceived} received; settled: ${JSON.stringify(eventOutcomes)}; lost (never settled): ${lostEvents}`,
  );
  console.log(`round trip S1F3->S1F4: p50 ${lat(50)}, p99 ${lat(99)}, max ${lat(100)}`);
  const loop = (ns: number): string => ms(Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS));
  console.log(
    `event-loop delay (host, beyond the ${LOOP_SAMPLE_MS} ms sampling interval): p50 ${loop(loopDelay.percentile(50))}, p99 ${loop(loopDelay.percentile(99))}, max ${loop(loopDelay.max)}`,
  );
  console.log(
    `links dropped on purpose: ${sum((r) => r.churned)}, selections: ${sum((r) => r.selections)}; SELECTED at the end: ${host.selectedCount}/${host.peerCount}`,
  );
  console.log(`host log lines: ${logger.counts.error} error, ${logger.counts.warn} warn`);
  console.log(
    `host heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)} (growth ${mib(growth)}, bound ${mib(HEAP_GROWTH_BOUND)}: ${memoryOk ? 'PASS' : 'FAIL'}); RSS ${mib(before.rss)} -> ${mib(after.rss)}`,
  );
  console.log(
    `equipment processes at the end: heap ${reports.map((r) => mib(r.heapUsed)).join(', ')}; RSS ${reports.map((r) => mib(r.rss)).join(', ')}`,
  );
  const pass = lostRequests === 0 && lostEvents === 0 && memoryOk;
  console.log(pass ? 'PASS' : 'FAIL');
  return pass;
}
