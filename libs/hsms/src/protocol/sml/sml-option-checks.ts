import { HsmsOptionError } from '../hsms-error.js';

/** `value` checked as a whole number >= `min` (Infinity allowed when `allowInfinity`), or `fallback` when undefined. */
export function readWholeNumberOption(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  allowInfinity: boolean,
): number {
  if (value === undefined) return fallback;
  const whole = Number.isInteger(value) || (allowInfinity && value === Infinity);
  if (!whole || value < min) {
    throw new HsmsOptionError(name, `must be a whole number >= ${min}${allowInfinity ? ' or Infinity' : ''}, got ${String(value)}`);
  }
  return value;
}
