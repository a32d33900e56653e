import { HsmsOptionError } from '../protocol/hsms-error.js';
import { readInteger, readNumber, rejectUnknownKeys } from '../protocol/option-checks.js';

/** At most `attempts` connection attempts from one address in each window of `perSeconds`. */
export interface HsmsConnectRateLimit {
  attempts: number;
  perSeconds: number;
}

/**
 * On by default. E37 T5 keeps a well-behaved active side one attempt per T5 (typically 10 s, rarely
 * under 1 s), so 10 attempts per 10 s never refuses a real tool, even one whose link flaps; it
 * stops a script hammering the port from one address.
 */
export const DEFAULT_CONNECT_RATE_LIMIT: Readonly<HsmsConnectRateLimit> = Object.freeze({ attempts: 10, perSeconds: 10 });

/** Addresses remembered at once; past it the oldest window is dropped, so a scan from many addresses cannot grow memory. */
export const MAX_TRACKED_ADDRESSES = 10_000;

const MAX_ATTEMPTS = 1_000_000;
const MAX_SECONDS = 86_400;

/** Fills the default and validates; `false` turns the limit off (undefined is returned). */
export function resolveConnectRateLimit(
  value: HsmsConnectRateLimit | false | undefined,
  option = 'connectRateLimit',
): HsmsConnectRateLimit | undefined {
  if (value === false) return undefined;
  if (value === undefined) return DEFAULT_CONNECT_RATE_LIMIT;
  if (value === null || typeof value !== 'object') {
    throw new HsmsOptionError(option, `must be { attempts, perSeconds } or false (off), got ${String(value)}`);
  }
  rejectUnknownKeys(option, value, ['attempts', 'perSeconds']);
  const attempts = readInteger(`${option}.attempts`, value.attempts, 1, MAX_ATTEMPTS);
  const expected = `a number of seconds in (0, ${MAX_SECONDS}]`;
  const perSeconds = readNumber(`${option}.perSeconds`, value.perSeconds, expected);
  if (perSeconds <= 0 || perSeconds > MAX_SECONDS)
    throw new HsmsOptionError(`${option}.perSeconds`, `must be ${expected}, got ${String(value.perSeconds)}`);
  return { attempts, perSeconds };
}

interface Window {
  readonly start: number;
  count: number;
}

/**
 * Counts connection attempts per address in fixed windows: an address's window opens with its
 * first attempt and lasts `perSeconds`; attempts past `attempts` inside it are refused. (A fixed
 * window lets a burst of 2 x attempts straddle a boundary; that is still far from a flood and
 * needs no per-attempt log.)
 *
 * Memory is bounded: windows live in a Map in the order they opened, so expired ones are dropped
 * from its front on every call, and at most `maxAddresses` are kept (the oldest goes first).
 */
export class ConnectRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;

  constructor(
    readonly limit: Readonly<HsmsConnectRateLimit>,
    private readonly maxAddresses = MAX_TRACKED_ADDRESSES,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = limit.perSeconds * 1000;
  }

  /** Addresses with an open window. */
  get trackedAddresses(): number {
    return this.windows.size;
  }

  /** Counts an attempt from `address`; false when it is over the limit (refuse it). */
  tryAcquire(address: string): boolean {
    const now = this.now();
    this.expire(now);
    let window = this.windows.get(address);
    if (!window) {
      if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
      window = { start: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count++;
    return window.count <= this.limit.attempts;
  }

  private expire(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.start < this.windowMs) return; // the rest opened later
      this.windows.delete(address);
    }
  }
}
