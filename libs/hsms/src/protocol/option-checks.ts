import { HsmsOptionError } from './hsms-error.js';

/**
 * The small checks every options resolver is built from. Each throws HsmsOptionError with the
 * option's full path. Numbers may arrive as decimal strings ('15100' from an environment variable
 * is normal configuration) and are returned as numbers; '15100abc' is refused, saying it is a string.
 */

/** `at.key`, or `key` at the top level. */
export function optionPath(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** A decimal number written as text: '15100', '0.5', '-1', '1e3'. No hex, no units, no blanks inside. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How a bad value is shown in a message: strings quoted and named as strings. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** A finite number, or a decimal string read as one; HsmsOptionError otherwise. */
export function readNumber(path: string, value: unknown, expected = 'a number'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  throw new HsmsOptionError(path, `must be ${expected}, got ${describeValue(value)}`);
}

/** An integer in min..max (a decimal string accepted); `fallback` when undefined. */
export function readInteger(path: string, value: unknown, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const expected = `an integer in ${min}..${max}`;
  const n = readNumber(path, value, expected);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new HsmsOptionError(path, `must be ${expected}, got ${describeValue(value)}`);
  return n;
}

/** A TCP port: 1..65535, or 0..65535 where 0 asks the OS for a free port (listening sides). */
export function readPort(path: string, value: unknown, allowZero: boolean): number {
  return readInteger(path, value, allowZero ? 0 : 1, 65535);
}

/** E37/E5: the session id of a data message is the 15-bit device id, one rule in every layer. */
export const MAX_SESSION_ID = 0x7fff;

export function readSessionId(path: string, value: unknown, fallback = 0): number {
  return readInteger(path, value, 0, MAX_SESSION_ID, fallback);
}

/**
 * A duration in seconds in (0, max]. E37 gives its timers a range of whole seconds from 1; values
 * below 1 stay allowed because tests run the timers in milliseconds. A value over `max` that
 * looks like milliseconds is called so in the message.
 */
export function readSeconds(path: string, value: unknown, max: number, allowZero = false): number {
  const range = allowZero ? `0 (off) or a number of seconds up to ${max}` : `a number of seconds in (0, ${max}]`;
  const n = readNumber(path, value, range);
  if (n < 0 || (n === 0 && !allowZero) || n > max) {
    const hint = n > max && n >= 1000 ? ` (${n} s is ${formatHours(n)}: the unit is seconds, not milliseconds)` : '';
    throw new HsmsOptionError(path, `must be ${range}, got ${describeValue(value)}${hint}`);
  }
  return n;
}

function formatHours(seconds: number): string {
  const hours = seconds / 3600;
  return hours >= 1 ? `${Number(hours.toFixed(1))} hours` : `${Math.round(seconds / 60)} minutes`;
}

/** true or false, or `fallback` when undefined. */
export function readBoolean(path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new HsmsOptionError(path, `must be true or false, got ${describeValue(value)}`);
  return value;
}

/** One of `allowed`, or `fallback` when undefined. */
export function readOneOf<T extends string | number>(path: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new HsmsOptionError(
      path,
      `must be one of ${allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}

/** A plain object (not null, not a list); HsmsOptionError naming `path` otherwise. */
export function requireObject(path: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HsmsOptionError(path === '' ? 'options' : path, `must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Refuses a key that is not one of `known`, naming the nearest valid one: a typo such as
 * `sessionID` must not be silently ignored (the default would run instead of the configured value).
 */
export function rejectUnknownKeys(at: string, value: object, known: Iterable<string>): void {
  const names = [...known];
  for (const key of Object.keys(value)) {
    if (names.includes(key)) continue;
    const nearest = nearestName(key, names);
    const hint = nearest === undefined ? '' : ` (did you mean '${nearest}'?)`;
    throw new HsmsOptionError(optionPath(at, key), `unknown option '${key}'${hint}`);
  }
}

/** The name in `names` closest to `word` (case-insensitive edit distance), if close enough to be a typo. */
export function nearestName(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
