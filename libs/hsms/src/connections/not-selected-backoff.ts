import { HsmsOptionError } from '../protocol/hsms-error.js';
import { rejectUnknownKeys } from '../protocol/option-checks.js';

/**
 * How a listening side treats an address whose connections keep being closed by T7 (they never
 * selected). With HSMS-SS there is one session: a client that
 * reconnects each time T7 closes it holds the only slot for good (issue 11). After `after` such
 * connections in a row, the address is refused for `initialSeconds`, doubling with each further
 * one up to `maxSeconds`; one connection that selects clears its record. The cap keeps a good
 * client that shares the address from being locked out for longer than that.
 */
export interface HsmsNotSelectedBackoff {
  /** T7 closes in a row before the address is refused. Default 3. */
  after: number;
  /** The first refusal period (s). Default 10 (one default T7). */
  initialSeconds: number;
  /** The longest refusal period (s). Default 120. */
  maxSeconds: number;
}

export const DEFAULT_NOT_SELECTED_BACKOFF: Readonly<HsmsNotSelectedBackoff> = Object.freeze({
  after: 3,
  initialSeconds: 10,
  maxSeconds: 120,
});

/** Addresses remembered at once; past it the one seen longest ago is dropped. */
const MAX_TRACKED_ADDRESSES = 10_000;
const MAX_SECONDS = 86_400;

/** Fills the default and validates; `false` turns it off (undefined). */
export function resolveNotSelectedBackoff(
  value: Partial<HsmsNotSelectedBackoff> | false | undefined,
  option = 'notSelectedBackoff',
): HsmsNotSelectedBackoff | undefined {
  if (value === false) return undefined;
  if (value === undefined) return DEFAULT_NOT_SELECTED_BACKOFF;
  if (value === null || typeof value !== 'object')
    throw new HsmsOptionError(option, `must be { after, initialSeconds, maxSeconds } or false (off), got ${String(value)}`);
  rejectUnknownKeys(option, value, Object.keys(DEFAULT_NOT_SELECTED_BACKOFF));
  const out = { ...DEFAULT_NOT_SELECTED_BACKOFF, ...value };
  if (!Number.isInteger(out.after) || out.after < 1 || out.after > 1000)
    throw new HsmsOptionError(`${option}.after`, `must be an integer in 1..1000, got ${String(out.after)}`);
  for (const key of ['initialSeconds', 'maxSeconds'] as const) {
    const v = out[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_SECONDS)
      throw new HsmsOptionError(`${option}.${key}`, `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(v)}`);
  }
  if (out.maxSeconds < out.initialSeconds)
    throw new HsmsOptionError(`${option}.maxSeconds`, `must be at least initialSeconds (${out.initialSeconds}), got ${out.maxSeconds}`);
  return out;
}

interface Record {
  /** T7 closes in a row. */
  strikes: number;
  /** performance.now() until which the address is refused. */
  until: number;
}

/** The per-address record of NotSelectedBackoff (bounded memory: at most MAX_TRACKED_ADDRESSES). */
export class NotSelectedBackoff {
  private readonly records = new Map<string, Record>();

  constructor(
    readonly policy: Readonly<HsmsNotSelectedBackoff>,
    private readonly now: () => number = () => performance.now(),
    private readonly maxAddresses = MAX_TRACKED_ADDRESSES,
  ) {}

  /** Milliseconds `address` is still refused for (0: let it in). */
  refusedForMs(address: string): number {
    const record = this.records.get(address);
    return record === undefined ? 0 : Math.max(0, record.until - this.now());
  }

  /** T7 closes of `address` in a row. */
  strikes(address: string): number {
    return this.records.get(address)?.strikes ?? 0;
  }

  /** A connection from `address` selected (clears its record) or was closed by T7 (a strike). Returns the new refusal (ms, 0: none). */
  ended(address: string, selected: boolean): number {
    if (selected) {
      this.records.delete(address);
      return 0;
    }
    let record = this.records.get(address);
    if (record === undefined) {
      if (this.records.size >= this.maxAddresses) this.records.delete(this.records.keys().next().value!);
      record = { strikes: 0, until: 0 };
    }
    this.records.delete(address); // re-inserted last: the map stays in the order addresses were last seen
    this.records.set(address, record);
    record.strikes++;
    const over = record.strikes - this.policy.after;
    if (over < 0) return 0;
    const seconds = Math.min(this.policy.maxSeconds, this.policy.initialSeconds * 2 ** Math.min(over, 30));
    record.until = this.now() + seconds * 1000;
    return seconds * 1000;
  }
}
