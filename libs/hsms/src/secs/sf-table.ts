import { SecsRegistrationError } from './secs-errors.js';

/** Entries by stream and function, with the streams that have any (E5: unknown stream vs unknown function). */
export class SfTable<T> {
  private readonly byKey = new Map<number, T>();
  private readonly perStream = new Map<number, number>();

  /** Sets (or replaces) the entry of stream/function. Throws SecsRegistrationError for values out of range. */
  set(stream: number, fn: number, entry: T): void {
    const key = sfKey(stream, fn);
    if (!this.byKey.has(key)) this.perStream.set(stream, (this.perStream.get(stream) ?? 0) + 1);
    this.byKey.set(key, entry);
  }

  /** Removes the entry of stream/function; false when there was none. */
  delete(stream: number, fn: number): boolean {
    const key = sfKey(stream, fn);
    if (!this.byKey.delete(key)) return false;
    const left = this.perStream.get(stream)! - 1;
    if (left === 0) this.perStream.delete(stream);
    else this.perStream.set(stream, left);
    return true;
  }

  get(stream: number, fn: number): T | undefined {
    return this.byKey.get(stream * 256 + fn);
  }

  hasStream(stream: number): boolean {
    return this.perStream.has(stream);
  }

  /** Every entry as ['SxFy', entry], in the order set. */
  *entries(): IterableIterator<[sf: string, entry: T]> {
    for (const [key, entry] of this.byKey) yield [`S${Math.floor(key / 256)}F${key % 256}`, entry];
  }
}

/** stream * 256 + function, checked: E5 streams are 0..127, functions 0..255. */
export function sfKey(stream: number, fn: number): number {
  if (!Number.isInteger(stream) || stream < 0 || stream > 127)
    throw new SecsRegistrationError(`stream ${String(stream)} is outside 0..127`);
  if (!Number.isInteger(fn) || fn < 0 || fn > 255) throw new SecsRegistrationError(`function ${String(fn)} is outside 0..255`);
  return stream * 256 + fn;
}
