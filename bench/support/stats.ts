// Small numeric helpers shared by the HSMS benchmark's parent and children.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds since the epoch with sub-millisecond resolution, comparable between processes of one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** 12,345 */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

/** 0.93x */
export function formatRatio(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a';
}

/** Bytes as MiB with one decimal. */
export function formatMiB(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  /** Memory of Buffers and other off-heap objects V8 knows about. */
  external: number;
  /** Highest resident set size of the process so far, in bytes (getrusage). */
  maxRss: number;
}

/** Memory now, after a full collection when the process runs with --expose-gc. */
export function memorySnapshot(collect = true): MemorySnapshot {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    gc(); // a second pass picks up what the first one's finalizers released
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, maxRss: process.resourceUsage().maxRSS * 1024 };
}
