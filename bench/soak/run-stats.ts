// Numbers for the long runs (npm run soak, npm run fuzz): percentiles of a latency sample,
// memory snapshots after a full collection, and the command-line flags both scripts take.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The p-th percentile (0..100) of `sorted` (ascending); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Memory {
  heapUsed: number;
  rss: number;
}

let gc: (() => void) | undefined;

/** Heap and RSS after a full collection (gc is turned on at run time when node ran without --expose-gc). */
export function settledMemory(): Memory {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc(); // a second pass picks up what the first one's finalizers released
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a';
}

/** `--name value` from argv as a number, else `fallback`; throws for a value that is not a positive number. */
export function numberFlag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got '${String(argv[at + 1])}'`);
  return value;
}
