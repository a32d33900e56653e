// SECS-II item codec benchmark: `npm run bench -- codec`.
// 1. encode + decode of a 100-item mixed list, ours vs secs4js (npm), interleaved rounds, median.
// 2. encode + decode of one B item of 1, 4 and 16 MiB (should scale linearly).
import * as s4 from 'secs4js';
import { A, B, decodeItem, encodeItem, F8, L, U4, type SecsItem } from './support/hsms-core.js';

const ROUNDS = 11; // interleaved rounds per library; the median is reported
const ROUND_MS = 300;
const WARMUP_MS = 1000;

interface Rate {
  /** Operations per second of elapsed (wall-clock) time. */
  wall: number;
  /** Operations per second of this process's CPU time: steadier when other work shares the cores. */
  cpu: number;
}

/** Runs `op` repeatedly for about `ms` milliseconds and returns its rates. */
function measure(op: () => void, ms: number): Rate {
  let ops = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const stop = start + ms;
  let now = start;
  while (now < stop) {
    for (let i = 0; i < 64; i++) op(); // batches keep the clock out of the measurement
    ops += 64;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (ops * 1000) / (now - start), cpu: (ops * 1e6) / (cpu.user + cpu.system) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// L[100]: 25 x (U4, A[20], F8, B[8]), the same values for both libraries.
const leaves = Array.from({ length: 25 }, (_, i) => ({
  u4: 1_000_000 + i,
  text: `LOT-${String(i).padStart(4, '0')}-ABCDEFGHIJK`.slice(0, 20),
  f8: i * 1.25 + 0.1,
  bytes: Buffer.from([i, 1, 2, 3, 4, 5, 6, 7]),
}));
const ours: SecsItem = L(...leaves.flatMap((v) => [U4(v.u4), A(v.text), F8(v.f8), B(v.bytes)]));
const theirs = s4.L(...leaves.flatMap((v) => [s4.U4(v.u4), s4.A(v.text), s4.F8(v.f8), s4.B(v.bytes)]));

let sink = 0; // consumed results, so no work is optimized away
const ourRoundTrip = () => {
  sink += decodeItem(encodeItem(ours)).length;
};
const theirRoundTrip = () => {
  sink += s4.Secs2ItemParser.fromBuffer(theirs.toBuffer()).consumed;
};

function mixedListTable(): string {
  const ourBytes = encodeItem(ours);
  const theirBytes = theirs.toBuffer();
  if (!ourBytes.equals(theirBytes))
    throw new Error('the two libraries encode the benchmark list differently; the comparison would be unfair');
  measure(ourRoundTrip, WARMUP_MS);
  measure(theirRoundTrip, WARMUP_MS);
  const ourRates: Rate[] = [];
  const theirRates: Rate[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage();
    // Alternate which library goes first, so neither always runs on a freshly collected heap.
    if (round % 2 === 0) {
      ourRates.push(measure(ourRoundTrip, ROUND_MS));
      theirRates.push(measure(theirRoundTrip, ROUND_MS));
    } else {
      theirRates.push(measure(theirRoundTrip, ROUND_MS));
      ourRates.push(measure(ourRoundTrip, ROUND_MS));
    }
  }
  const ow = median(ourRates.map((r) => r.wall));
  const tw = median(theirRates.map((r) => r.wall));
  const oc = median(ourRates.map((r) => r.cpu));
  const tc = median(theirRates.map((r) => r.cpu));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    `Encode + decode of L[100] = 25 x (U4, A[20], F8, B[8]), ${ourBytes.length} bytes (identical for both);`,
    `median of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms after ${WARMUP_MS} ms warm-up each:`,
    '',
    '| library | round trips / s (wall) | ratio | round trips / s (CPU time) | ratio |',
    '|---|---:|---:|---:|---:|',
    `| nest-hsms (ours) | ${fmt(ow)} | ${(ow / tw).toFixed(1)}x | ${fmt(oc)} | ${(oc / tc).toFixed(1)}x |`,
    `| secs4js 0.4.7 | ${fmt(tw)} | 1.0x | ${fmt(tc)} | 1.0x |`,
  ].join('\n');
}

/** Median milliseconds of `op` over `runs` runs after two warm-up runs, each on a freshly collected heap. */
function medianMs(op: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    collectGarbage();
    const start = performance.now();
    op();
    if (i >= 2) times.push(performance.now() - start);
  }
  return median(times);
}

function largeBinaryTable(): string {
  const rows = ['| B item | encode + decode (ms) | MB/s | baseline: allocUnsafe + copy (ms) |', '|---|---:|---:|---:|'];
  for (const mib of [1, 4, 16]) {
    const payload = Buffer.alloc(mib * 1024 * 1024 - (mib === 16 ? 1 : 0), 0x5a); // 16 MiB - 1: the 3-byte maximum
    const item = B(payload);
    const runs = mib === 16 ? 7 : 15;
    const ms = medianMs(() => {
      sink += decodeItem(encodeItem(item)).length;
    }, runs);
    // The least any encoder must do: fill a new buffer of that size (fresh memory costs page faults).
    const baseline = medianMs(() => {
      const copy = Buffer.allocUnsafe(payload.length + 4);
      copy.set(payload, 4);
      sink += copy.length;
    }, runs);
    const mbps = Math.round(payload.length / 1e6 / (ms / 1000)).toLocaleString('en-US');
    rows.push(`| ${mib} MiB | ${ms.toFixed(2)} | ${mbps} | ${baseline.toFixed(2)} |`);
  }
  return rows.join('\n');
}

export async function run(): Promise<void> {
  console.log(`Node ${process.version}${typeof (globalThis as { gc?: unknown }).gc === 'function' ? '' : ' (no --expose-gc)'}\n`);
  console.log(mixedListTable());
  console.log('\nOne B item (B data decodes as a view of the input; encoding copies it once):\n');
  console.log(largeBinaryTable());
  if (sink === 0) console.log('(sink is zero: nothing was measured)');
}
