import type { TraceEntry } from './trace-entry.js';

/** Called for every entry added to a TraceRing. */
export type TraceListener = (entry: TraceEntry) => void;

/**
 * The last `capacity` traced messages, oldest first, plus the live listeners (one per open trace
 * stream). Fixed memory: adding to a full ring overwrites the oldest slot.
 */
export class TraceRing {
  private readonly slots: Array<TraceEntry | undefined>;
  private next = 0;
  private count = 0;
  private readonly listeners = new Set<TraceListener>();

  constructor(readonly capacity: number) {
    this.slots = new Array<TraceEntry | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(entry: TraceEntry): void {
    this.slots[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry); // no iterator per message while nobody watches
  }

  /** The entries held, oldest first; with `afterId`, only those with a larger id. */
  entries(afterId = 0): TraceEntry[] {
    const out: TraceEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const entry = this.slots[(start + i) % this.capacity]!;
      if (entry.id > afterId) out.push(entry);
    }
    return out;
  }

  /** Adds a live listener; returns the function that removes it. */
  listen(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
