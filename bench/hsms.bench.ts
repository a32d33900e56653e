// HSMS benchmark: `npm run bench -- hsms`. Issue 3's numbers, measured between processes over loopback.
// 1. S1F1 W -> S1F2 round trips, sequential (1 outstanding) and pipelined (64 outstanding), for
//    our HsmsHandler pair, a bare node:net pair with the same framing (the limit) and secs4js:
//    a client process and a server process per library (bench/support/round-trip-peer.ts; each
//    server answers with an S1F2 built once, as an equipment's MDLN/SOFTREV is), interleaved
//    rounds, medians; CPU time per message and peak RSS of every process.
// 2. 1,000 peers on one multi-passive port (HsmsConnectionManager) connecting from distinct
//    127.1.x.y addresses: time until all are SELECTED, a linktest to every peer, memory per peer
//    (bench/support/many-peers-*.ts).
import { cpus, loadavg } from 'node:os';
import { BenchChild } from './support/child-process.js';
import { manyPeersTable } from './support/many-peers-bench.js';
import type { Library, RunResult } from './support/round-trip-peer.js';
import { formatInt, formatMiB, formatRatio, median, type MemorySnapshot } from './support/stats.js';

const ROUNDS = 31; // interleaved rounds per library and mode; medians are reported
const ROUND_MS = 200;
const WARMUP_MS = 1000;
const PIPELINE_DEPTH = 64;

const LIBRARIES: readonly Library[] = ['ours', 'bare', 'secs4js'];
const TITLES: Readonly<Record<Library, string>> = {
  ours: 'nest-hsms (ours): HsmsHandler pair',
  bare: 'bare node:net pair, same framing (the limit)',
  secs4js: 'secs4js 0.4.7 communicators',
};

interface Pair {
  library: Library;
  server: BenchChild;
  client: BenchChild;
}

interface Sample {
  rate: number;
  /** Client + server CPU time per message, in microseconds. */
  cpuPerMessage: number;
}

async function startPair(library: Library): Promise<Pair> {
  const server = await BenchChild.start(`${library} server`, './round-trip-peer.js', ['server', library]);
  let client: BenchChild | undefined;
  try {
    const port = await server.request<number>('listen');
    client = await BenchChild.start(`${library} client`, './round-trip-peer.js', ['client', library]);
    await client.request('connect', port, 15_000);
    return { library, server, client };
  } catch (error) {
    await Promise.all([server.close(), client?.close()]);
    throw error;
  }
}

async function measure(pair: Pair, depth: number, ms: number): Promise<Sample> {
  const serverCpu = await pair.server.request<NodeJS.CpuUsage>('cpu');
  const result = await pair.client.request<RunResult>('run', { depth, ms }, ms + 20_000);
  const serverCpuAfter = await pair.server.request<NodeJS.CpuUsage>('cpu');
  const serverMicros = serverCpuAfter.user - serverCpu.user + serverCpuAfter.system - serverCpu.system;
  if (result.count === 0) throw new Error(`${pair.library}: no round trip completed`);
  return { rate: (result.count * 1000) / result.elapsedMs, cpuPerMessage: (result.cpuMicros + serverMicros) / result.count };
}

type Mode = 'sequential' | 'pipelined';
type Samples = Record<Library, Record<Mode, Sample[]>>;

async function roundTripTable(pairs: Pair[]): Promise<string> {
  for (const pair of pairs) {
    await measure(pair, 1, WARMUP_MS);
    await measure(pair, PIPELINE_DEPTH, WARMUP_MS);
  }
  const samples = Object.fromEntries(LIBRARIES.map((l) => [l, { sequential: [], pipelined: [] }])) as unknown as Samples;
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order, so no library always runs right after the same other one.
    const order = pairs.map((_, i) => pairs[(i + round) % pairs.length]!);
    for (const pair of order) samples[pair.library].sequential.push(await measure(pair, 1, ROUND_MS));
    for (const pair of order) samples[pair.library].pipelined.push(await measure(pair, PIPELINE_DEPTH, ROUND_MS));
  }
  const memory = await Promise.all(
    pairs.map(async (p) => ({
      library: p.library,
      client: await p.client.request<MemorySnapshot>('memory'),
      server: await p.server.request<MemorySnapshot>('memory'),
    })),
  );
  const med = (l: Library, mode: Mode, key: keyof Sample) => median(samples[l][mode].map((s) => s[key]));
  // Each round measures the libraries back to back, so a round's ratio sees the same machine load:
  // the median of those ratios is steadier than the ratio of the medians on a shared machine.
  const ratio = (l: Library, mode: Mode) => median(samples[l][mode].map((s, round) => s.rate / samples.bare[mode][round]!.rate));
  const rows = [
    `S1F1 W -> S1F2 <L <A "MDLN"> <A "SOFTREV">> between a client and a server process over 127.0.0.1, per library;`,
    `${ROUNDS} interleaved rounds of ${ROUND_MS} ms per library and mode after ${WARMUP_MS} ms of warm-up; pipelined keeps ${PIPELINE_DEPTH} requests outstanding.`,
    'Rates: median of the rounds; vs bare: median of the per-round ratios. CPU: client + server CPU time per message.',
    'Peak RSS: maxRSS of the client and the server process at the end.',
    '',
    '| pair | sequential round trips / s | vs bare | pipelined messages / s | vs bare | CPU µs / msg (seq, pipe) | peak RSS MiB (client, server) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const library of LIBRARIES) {
    const m = memory.find((x) => x.library === library)!;
    rows.push(
      `| ${TITLES[library]} | ${formatInt(med(library, 'sequential', 'rate'))} | ${formatRatio(ratio(library, 'sequential'))} | ` +
        `${formatInt(med(library, 'pipelined', 'rate'))} | ${formatRatio(ratio(library, 'pipelined'))} | ` +
        `${med(library, 'sequential', 'cpuPerMessage').toFixed(1)}, ${med(library, 'pipelined', 'cpuPerMessage').toFixed(2)} | ` +
        `${formatMiB(m.client.maxRss)}, ${formatMiB(m.server.maxRss)} |`,
    );
  }
  const ourSeq = ratio('ours', 'sequential');
  const ourPipe = ratio('ours', 'pipelined');
  rows.push(
    '',
    `Goals: sequential >= 0.9x bare: ${formatRatio(ourSeq)} ${ourSeq >= 0.9 ? 'met' : 'MISSED'}; ` +
      `pipelined >= 0.5x bare: ${formatRatio(ourPipe)} ${ourPipe >= 0.5 ? 'met' : 'MISSED'}.`,
    `Round-to-round spread (min..max rate): ours ${spread(samples.ours.sequential)} sequential, ${spread(samples.ours.pipelined)} pipelined; ` +
      `bare ${spread(samples.bare.sequential)}, ${spread(samples.bare.pipelined)}.`,
  );
  return rows.join('\n');
}

function spread(samples: Sample[]): string {
  const rates = samples.map((s) => s.rate);
  return `${formatInt(Math.min(...rates))}..${formatInt(Math.max(...rates))}`;
}

export async function run(): Promise<void> {
  // The machine's load matters: every process here competes for the same cores.
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, load average ${load}\n`);
  const started = performance.now();
  const pairs: Pair[] = [];
  try {
    for (const library of LIBRARIES) pairs.push(await startPair(library));
    console.log(await roundTripTable(pairs));
  } finally {
    await Promise.all(pairs.flatMap((p) => [p.client.close(), p.server.close()]));
  }
  console.log('');
  console.log(await manyPeersTable());
  console.log(`\n(hsms benchmark took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
