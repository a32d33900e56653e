import { isIP } from 'node:net';
import { CliUsageError } from './cli-errors.js';

// Readers of option values as typed on a command line. Each throws CliUsageError naming the
// option and showing what was typed, so the one-line message says what to fix.

/** Upper bound of any timer (a day), as the library's options: anything longer is a typo for milliseconds. */
const MAX_SECONDS = 86_400;
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;
const INTEGER = /^(?:\d+|0x[0-9a-f]+)$/i;

/** A TCP port; `allowZero` where 0 means "pick a free one" (a listener). */
export function readPort(option: string, text: string, allowZero: boolean): number {
  const min = allowZero ? 0 : 1;
  if (!INTEGER.test(text) || Number(text) < min || Number(text) > 0xffff) {
    throw new CliUsageError(`--${option}: must be a port number in ${min}..65535, got '${text}'`);
  }
  return Number(text);
}

/** An integer in min..max, decimal or 0x hex (device ids are often written in hex). */
export function readInteger(option: string, text: string, min: number, max: number): number {
  if (!INTEGER.test(text) || Number(text) < min || Number(text) > max) {
    throw new CliUsageError(`--${option}: must be an integer in ${min}..${max}, got '${text}'`);
  }
  return Number(text);
}

/** Seconds, fractions allowed: in (0, a day], or [0, a day] when 0 means off. */
export function readSeconds(option: string, text: string, allowZero = false): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(value <= MAX_SECONDS) || value < 0 || (value === 0 && !allowZero)) {
    const range = allowZero ? `0 (off) to ${MAX_SECONDS}` : `more than 0 and at most ${MAX_SECONDS}`;
    throw new CliUsageError(`--${option}: must be a number of seconds (fractions allowed), ${range}, got '${text}'`);
  }
  return value;
}

/** One of a few words. */
export function readChoice<T extends string>(option: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text))
    throw new CliUsageError(`--${option}: must be ${choices.join(' or ')}, got '${text}'`);
  return text as T;
}

/** An IP address, or '*' where any address is meant. */
export function readAddress(option: string, text: string, allowAny: boolean): string {
  if ((allowAny && text === '*') || isIP(text) !== 0) return text;
  throw new CliUsageError(`--${option}: must be an IP address${allowAny ? " or '*'" : ''}, got '${text}'`);
}

/** A host to connect to: an IP address or a host name. */
export function readHost(option: string, text: string): string {
  if (isIP(text) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(text)) return text;
  throw new CliUsageError(`--${option}: must be an IP address or a host name, got '${text}'`);
}

/** The value of a required option. */
export function required(option: string, text: string | undefined): string {
  if (text === undefined) throw new CliUsageError(`--${option} is required`);
  return text;
}
