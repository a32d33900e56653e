import { SecsRegistrationError } from './secs-errors.js';
import { SfTable } from './sf-table.js';

/** Callbacks by stream and function, with the streams that have any (E5: unknown stream vs unknown function). */
export class CallbackRegistry<C extends (...args: never[]) => unknown> extends SfTable<C> {
  /** Sets (or replaces) the callback of stream/function. Throws SecsRegistrationError for values out of range. */
  override set(stream: number, fn: number, callback: C): void {
    if (typeof callback !== 'function') throw new SecsRegistrationError(`the callback for S${stream}F${fn} is not a function`);
    super.set(stream, fn, callback);
  }
}
