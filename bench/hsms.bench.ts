// HSMS benchmark: `npm run bench -- hsms`. Issue 10's numbers, measured between processes over loopback.
// 1. S1F1 W -> S1F2 <L <A "MDLN"> <A "SOFTREV">> round trips, sequential (1 outstanding) and
//    pipelined (64 outstanding), a host process and an equipment process per row
//    (bench/support/round-trip-child.ts + sides/*-side.ts), against the strong bare node:net pair
//    (bare-frames.ts) run in the same rounds:
//    - ours: the public path, core layers only: HsmsConnectionManager.addPeer + SecsHandler
//      (registerStreamFunction on the equipment, sendAndWaitForResponse on the host);
//    - bare-promise: the bare host with a Promise per request, awaited by the same workers as our
//      host, against the bare equipment: the floor of any Promise API (a reference, not a goal);
//      bare-promise-core: the same host in a process that also imports nest-hsms/core, unused
//      (what the import alone adds to that floor's footprint);
//    - the cross rows: our host against the bare equipment, the bare host against ours;
//    - nest: our host against an equipment whose S1F1 is answered by @MessagePattern through
//      HsmsModule + HsmsServer (createMicroservice);
//    - secs4js 0.4.7.
//    Interleaved rounds (the order rotates), every run paired with a bare run just before it;
//    medians of those ratios, CPU per message, peak RSS after the sequential and the pipelined rounds.
// 2. What importing the library costs a fresh process: the core layers vs the root entry (Nest).
// 3. 1,000 peers on one multi-passive port (HsmsConnectionManager) connecting from distinct
//    127.1.x.y addresses: time until all are SELECTED, a linktest to every peer, memory per peer
//    (bench/support/many-peers-*.ts).
// BENCH_CHILD_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every child process.
import { cpus, loadavg } from 'node:os';
import { BenchChild } from './support/child-process.js';
import type { ImportCost, ImportEntry } from './support/import-cost-child.js';
import { manyPeersTable } from './support/many-peers-bench.js';
import { ensureCatalogueData } from './soak/catalogue-data.js';
import type { RunResult } from './support/round-trip-child.js';
import type { Library } from './support/sides/side.js';
import { formatInt, formatMiB, formatRatio, median, type MemorySnapshot } from './support/stats.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 13); // rounds per case, each paired with a bare run; medians are reported
const ROUND_MS = Number(process.env['BENCH_ROUND_MS'] ?? 200);
const WARMUP_MS = 1000;
const PIPELINE_DEPTH = 64;
const IMPORT_SAMPLES = 3;

/** One host process connected to one equipment process. */
interface PairSpec {
  id: string;
  host: Library;
  equipment: Library;
  title: string;
  /** Pipelined too, or sequential only. */
  pipelined: boolean;
}

const PAIRS: readonly PairSpec[] = [
  { id: 'bare', host: 'bare', equipment: 'bare', title: 'bare node:net pair (the limit)', pipelined: true },
  {
    id: 'bare-promise',
    host: 'bare-promise',
    equipment: 'bare',
    title: 'bare host + a Promise per request -> bare equipment (the floor of a Promise API)',
    pipelined: true,
  },
  {
    id: 'bare-promise-core',
    host: 'bare-promise-core',
    equipment: 'bare',
    title: 'the same floor, nest-hsms/core imported but unused -> bare equipment',
    pipelined: true,
  },
  { id: 'ours', host: 'ours', equipment: 'ours', title: 'ours, public path (addPeer + SecsHandler; core only)', pipelined: true },
  { id: 'ours-bare', host: 'ours', equipment: 'bare', title: 'our host -> bare equipment', pipelined: false },
  { id: 'bare-ours', host: 'bare', equipment: 'ours', title: 'bare host -> our equipment', pipelined: false },
  { id: 'nest', host: 'ours', equipment: 'nest', title: 'our host -> Nest equipment (@MessagePattern, HsmsServer)', pipelined: true },
  { id: 'secs4js', host: 'secs4js', equipment: 'secs4js', title: 'secs4js 0.4.7 pair', pipelined: true },
];

/**
 * For profiling (BENCH_CHILD_FLAGS=--cpu-prof): BENCH_PAIRS=ours,nest runs only those rows (the
 * bare pair always runs: it is the reference) and BENCH_MODES=pipelined only that mode.
 */
function selectedPairs(): readonly PairSpec[] {
  const wanted = (process.env['BENCH_PAIRS'] ?? '').split(',').filter((w) => w !== '');
  return wanted.length === 0 ? PAIRS : PAIRS.filter((p) => p.id === 'bare' || wanted.includes(p.id));
}

type Mode = 'sequential' | 'pipelined';
const MODES: readonly Mode[] = (['sequential', 'pipelined'] as const).filter((m) =>
  (process.env['BENCH_MODES'] ?? m).split(',').includes(m),
);
const DEPTH: Readonly<Record<Mode, number>> = { sequential: 1, pipelined: PIPELINE_DEPTH };

interface Pair {
  spec: PairSpec;
  host: BenchChild;
  equipment: BenchChild;
}

interface Sample {
  rate: number;
  /** Host + equipment CPU time per message, in microseconds. */
  cpuPerMessage: number;
}

async function startPair(spec: PairSpec): Promise<Pair> {
  const equipment = await BenchChild.start(`${spec.id} equipment`, './round-trip-child.js', ['equipment', spec.equipment], 60_000);
  let host: BenchChild | undefined;
  try {
    const port = await equipment.request<number>('listen', undefined, 30_000);
    host = await BenchChild.start(`${spec.id} host`, './round-trip-child.js', ['host', spec.host], 60_000);
    await host.request('connect', port, 30_000);
    return { spec, host, equipment };
  } catch (error) {
    await Promise.all([equipment.close(), host?.close()]);
    throw error;
  }
}

async function measure(pair: Pair, depth: number, ms: number): Promise<Sample> {
  const equipmentCpu = await pair.equipment.request<NodeJS.CpuUsage>('cpu');
  const result = await pair.host.request<RunResult>('run', { depth, ms }, ms + 20_000);
  const equipmentCpuAfter = await pair.equipment.request<NodeJS.CpuUsage>('cpu');
  const equipmentMicros = equipmentCpuAfter.user - equipmentCpu.user + equipmentCpuAfter.system - equipmentCpu.system;
  if (result.count === 0) throw new Error(`${pair.spec.id}: no round trip completed`);
  return { rate: (result.count * 1000) / result.elapsedMs, cpuPerMessage: (result.cpuMicros + equipmentMicros) / result.count };
}

interface Case {
  pair: Pair;
  mode: Mode;
  samples: Sample[];
}

function quartiles(values: readonly number[]): [number, number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
  return [at(0.25), median(values), at(0.75)];
}

interface Peaks {
  host: number;
  equipment: number;
}

async function peaks(pairs: Pair[]): Promise<Map<string, Peaks>> {
  const out = new Map<string, Peaks>();
  for (const pair of pairs) {
    const host = await pair.host.request<MemorySnapshot>('memory');
    const equipment = await pair.equipment.request<MemorySnapshot>('memory');
    out.set(pair.spec.id, { host: host.maxRss, equipment: equipment.maxRss });
  }
  return out;
}

/**
 * Runs the sequential cases' rounds, then the pipelined cases' rounds (each set interleaved and
 * rotated), taking every process's peak RSS after each set: the first is the footprint of a
 * process doing request/reply work, the second adds what 64 requests in flight make the garbage
 * collector keep (V8 grows its young generation under a high allocation rate).
 */
async function roundTripTable(
  pairs: Pair[],
): Promise<{ text: string; ratios: Map<string, number>; memory: Map<Mode, Map<string, Peaks>> }> {
  const memory = new Map<Mode, Map<string, Peaks>>();
  const cases: Case[] = [];
  const ratioSamples = new Map<Case, number[]>();
  for (const mode of MODES) {
    const ofMode: Case[] = [];
    for (const pair of pairs) if (mode === 'sequential' || pair.spec.pipelined) ofMode.push({ pair, mode, samples: [] });
    for (const c of ofMode) await measure(c.pair, DEPTH[c.mode], WARMUP_MS);
    const bare = ofMode.find((c) => c.pair.spec.id === 'bare')!;
    const others = ofMode.filter((c) => c !== bare);
    for (const c of others) ratioSamples.set(c, []);
    for (let round = 0; round < ROUNDS; round++) {
      // Each case runs right after a bare run of its own, so the ratio of the two sees the same
      // machine load (on a shared machine the load moves within seconds); the order rotates.
      for (let i = 0; i < others.length; i++) {
        const c = others[(i + round) % others.length]!;
        const reference = await measure(bare.pair, DEPTH[mode], ROUND_MS);
        bare.samples.push(reference);
        const sample = await measure(c.pair, DEPTH[c.mode], ROUND_MS);
        c.samples.push(sample);
        ratioSamples.get(c)!.push(sample.rate / reference.rate);
      }
    }
    memory.set(mode, await peaks(pairs));
    cases.push(...ofMode);
  }
  const ratios = new Map<string, number>();
  const rows = [
    `S1F1 W -> S1F2 <L <A "MDLN"> <A "SOFTREV">>, a host and an equipment process per row over 127.0.0.1;`,
    `${ROUNDS} rounds of ${ROUND_MS} ms per case, each preceded by a bare-pair run, after ${WARMUP_MS} ms of warm-up; pipelined keeps ${PIPELINE_DEPTH} requests outstanding.`,
    'Rate: median of the rounds. vs bare: median (quartiles) of the ratios to a bare-pair run made right before each run, same mode.',
    'CPU: host + equipment CPU time per message (median).',
    '',
    '| row (host -> equipment) | mode | round trips / s | vs bare | CPU µs / msg |',
    '|---|---|---:|---:|---:|',
  ];
  for (const c of cases) {
    const [q1, mid, q3] = quartiles(ratioSamples.get(c) ?? [1]);
    ratios.set(`${c.pair.spec.id}/${c.mode}`, mid);
    rows.push(
      `| ${c.pair.spec.title} | ${c.mode} | ${formatInt(median(c.samples.map((s) => s.rate)))} | ` +
        `${formatRatio(mid)} (${q1.toFixed(2)}-${q3.toFixed(2)}) | ${median(c.samples.map((s) => s.cpuPerMessage)).toFixed(2)} |`,
    );
  }
  return { text: rows.join('\n'), ratios, memory };
}

function memoryTable(pairs: Pair[], memory: Map<Mode, Map<string, Peaks>>): { text: string; coreRatio: Map<Mode, number> } {
  const modes = [...memory.keys()];
  const rows = [
    'Peak RSS (maxRSS) of each process, MiB, after the sequential rounds and after the pipelined ones too:',
    '',
    `| row | ${modes.map((m) => `host (${m})`).join(' | ')} | ${modes.map((m) => `equipment (${m})`).join(' | ')} |`,
    `|---|${modes.map(() => '---:|').join('')}${modes.map(() => '---:|').join('')}`,
  ];
  for (const pair of pairs) {
    const of = (m: Mode) => memory.get(m)!.get(pair.spec.id)!;
    rows.push(
      `| ${pair.spec.title} | ${modes.map((m) => formatMiB(of(m).host)).join(' | ')} | ${modes.map((m) => formatMiB(of(m).equipment)).join(' | ')} |`,
    );
  }
  const coreRatio = new Map<Mode, number>();
  rows.push('');
  for (const mode of modes) {
    const bare = memory.get(mode)!.get('bare')!;
    const ours = memory.get(mode)!.get('ours');
    if (!ours) continue;
    coreRatio.set(mode, Math.max(ours.host / bare.host, ours.equipment / bare.equipment));
    rows.push(
      `Core-only processes (the 'ours' row imports bench/support/hsms-core.ts, no Nest) vs the bare pair, after the ${mode} rounds: ` +
        `host ${formatRatio(ours.host / bare.host)}, equipment ${formatRatio(ours.equipment / bare.equipment)}.`,
    );
    const floor = memory.get(mode)!.get('bare-promise');
    if (floor) {
      rows.push(
        `  The floor of a Promise API (the bare host with a Promise per request) after the ${mode} rounds: host ${formatRatio(floor.host / bare.host)} the bare host; ` +
          `our host is ${formatRatio(ours.host / floor.host)} that floor.`,
      );
    }
    const imported = memory.get(mode)!.get('bare-promise-core');
    if (imported) {
      rows.push(
        `  That floor with nest-hsms/core imported but unused, after the ${mode} rounds: host ${formatRatio(imported.host / bare.host)} the bare host.`,
      );
    }
  }
  return { text: rows.join('\n'), coreRatio };
}

async function importCost(entry: ImportEntry): Promise<ImportCost> {
  const child = await BenchChild.start(`import ${entry}`, './import-cost-child.js', [entry], 30_000);
  try {
    return await child.request<ImportCost>('import', undefined, 30_000);
  } finally {
    await child.close();
  }
}

async function importTable(): Promise<string> {
  const entries: ImportEntry[] = ['none', 'core', 'root'];
  const results = new Map<ImportEntry, ImportCost[]>(entries.map((e) => [e, []]));
  for (let i = 0; i < IMPORT_SAMPLES; i++) for (const entry of entries) results.get(entry)!.push(await importCost(entry));
  const med = (entry: ImportEntry, key: keyof ImportCost) => median(results.get(entry)!.map((r) => r[key]));
  const none = med('none', 'maxRss');
  const rows = [
    `Import cost in a fresh process (median of ${IMPORT_SAMPLES}): time of the dynamic import, peak RSS after it, and what it adds to a process that imports nothing.`,
    '',
    '| entry | import ms | peak RSS MiB | + MiB | exported names |',
    '|---|---:|---:|---:|---:|',
    `| nothing (Node + the IPC channel) | - | ${formatMiB(none)} | - | - |`,
    `| core entry (nest-hsms/core: the built dist/libs/hsms/core.js, no Nest) | ${med('core', 'ms').toFixed(0)} | ${formatMiB(med('core', 'maxRss'))} | ${formatMiB(med('core', 'maxRss') - none)} | ${med('core', 'exports')} |`,
    `| root entry, Nest included (the built dist/libs/hsms/index.js) | ${med('root', 'ms').toFixed(0)} | ${formatMiB(med('root', 'maxRss'))} | ${formatMiB(med('root', 'maxRss') - none)} | ${med('root', 'exports')} |`,
  ];
  return rows.join('\n');
}

function goals(ratios: Map<string, number>, coreRatio: Map<Mode, number>): string {
  const line = (what: string, value: number | undefined, goal: number, unit = 'x', atMost = false): string => {
    if (value === undefined || !Number.isFinite(value)) return `- ${what}: not measured in this run`;
    const met = atMost ? value <= goal : value >= goal;
    return `- ${what}: ${formatRatio(value)} (goal ${atMost ? '<=' : '>='} ${goal}${unit}) ${met ? 'met' : 'MISSED'}`;
  };
  return [
    'Goals (issue 10):',
    line('public path, sequential vs bare', ratios.get('ours/sequential'), 0.9),
    line('public path, 64 in flight vs bare pipelined', ratios.get('ours/pipelined'), 0.6),
    line('Nest path (@MessagePattern equipment), sequential vs bare', ratios.get('nest/sequential'), 0.8),
    line(
      'core-only peak RSS vs bare pair after the sequential rounds (worse of host, equipment)',
      coreRatio.get('sequential'),
      1.25,
      'x',
      true,
    ),
    line(
      'core-only peak RSS vs bare pair after the pipelined rounds too (worse of host, equipment)',
      coreRatio.get('pipelined'),
      1.25,
      'x',
      true,
    ),
    'Reference, not a goal: the bare host with a Promise per request, awaited like ours (the floor of any Promise API):',
    `- pipelined vs bare: ${formatRatio(ratios.get('bare-promise/pipelined') ?? Number.NaN)}; our host is ${formatRatio((ratios.get('ours/pipelined') ?? Number.NaN) / (ratios.get('bare-promise/pipelined') ?? Number.NaN))} of that floor`,
  ].join('\n');
}

function machineLoad(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export async function run(): Promise<void> {
  // The machine's load matters: every process here competes for the same cores.
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, ${machineLoad()} at the start\n`);
  const started = performance.now();
  // plain tsc copies no YAML: without it every equipment look-up in the catalogue fails (and retries)
  ensureCatalogueData();
  const pairs: Pair[] = [];
  try {
    for (const spec of selectedPairs()) pairs.push(await startPair(spec));
    const { text, ratios, memory } = await roundTripTable(pairs);
    console.log(text);
    console.log('');
    const footprint = memoryTable(pairs, memory);
    console.log(footprint.text);
    console.log('');
    console.log(goals(ratios, footprint.coreRatio));
  } finally {
    await Promise.all(pairs.flatMap((p) => [p.host.close(), p.equipment.close()]));
  }
  console.log(`(${machineLoad()} after the rounds)\n`);
  if (process.env['BENCH_SKIP_IMPORTS'] !== '1') console.log(await importTable());
  if (process.env['BENCH_SKIP_MANY_PEERS'] !== '1') {
    console.log('');
    console.log(await manyPeersTable());
  }
  console.log(`\n(hsms benchmark took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
