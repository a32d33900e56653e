import { SecsRegistrationError } from './secs-errors.js';

/** Callbacks by stream and function, with the streams that have any (E5: unknown stream vs unknown function). */
export class CallbackRegistry<C extends (...args: never[]) => unknown> {
  private readonly byKey = new Map<number, C>();
  private readonly perStream = new Map<number, number>();

  /** Sets (or replaces) the callback of stream/function. Throws SecsRegistrationError for values out of range. */
  set(stream: number, fn: number, callback: C): void {
    const key = keyOf(stream, fn);
    if (typeof callback !== 'function') throw new SecsRegistrationError(`the callback for S${stream}F${fn} is not a function`);
    if (!this.byKey.has(key)) this.perStream.set(stream, (this.perStream.get(stream) ?? 0) + 1);
    this.byKey.set(key, callback);
  }

  /** Removes the callback of stream/function; false when there was none. */
  delete(stream: number, fn: number): boolean {
    const key = keyOf(stream, fn);
    if (!this.byKey.delete(key)) return false;
    const left = this.perStream.get(stream)! - 1;
    if (left === 0) this.perStream.delete(stream);
    else this.perStream.set(stream, left);
    return true;
  }

  get(stream: number, fn: number): C | undefined {
    return this.byKey.get(stream * 256 + fn);
  }

  hasStream(stream: number): boolean {
    return this.perStream.has(stream);
  }
}

function keyOf(stream: number, fn: number): number {
  if (!Number.isInteger(stream) || stream < 0 || stream > 127) throw new SecsRegistrationError(`stream ${String(stream)} is outside 0..127`);
  if (!Number.isInteger(fn) || fn < 0 || fn > 255) throw new SecsRegistrationError(`function ${String(fn)} is outside 0..255`);
  return stream * 256 + fn;
}
