import { HsmsProtocolError } from '../errors.js';

/** An SML print or parse option out of its range; the message names the option and the value. */
export class SmlOptionError extends HsmsProtocolError {}

/** `value` checked as a whole number >= `min` (Infinity allowed when `allowInfinity`), or `fallback` when undefined. */
export function readWholeNumberOption(name: string, value: number | undefined, fallback: number, min: number, allowInfinity: boolean): number {
  if (value === undefined) return fallback;
  const whole = Number.isInteger(value) || (allowInfinity && value === Infinity);
  if (!whole || value < min) {
    throw new SmlOptionError(`SML option ${name} must be a whole number >= ${min}${allowInfinity ? ' or Infinity' : ''}, got ${String(value)}`);
  }
  return value;
}
