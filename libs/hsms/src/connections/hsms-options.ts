import type { HsmsQueueFullPolicy } from './send-queue-options.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, type ItemDecodeLimits } from '../protocol/items/item-decoder.js';
import { optionPath, readInteger, readSeconds } from '../protocol/option-checks.js';
import type { HsmsLogger, HsmsLogLevel } from './hsms-logger.js';
import type { HsmsTraceOptions } from './trace-options.js';

// Every option error of the library is one class, defined in protocol/ (the lowest layer).
export { HsmsOptionError } from '../protocol/hsms-error.js';

/**
 * Timers and limits, with the standard's names and unit (seconds, fractions allowed).
 * Defaults are the E37 typical values of design/protocol.md.
 */
export interface HsmsTimerOptions {
  /** Reply timeout (s; E37 range 1..120, below 1 for tests only). Default 45. */
  t3?: number;
  /** Connect separation: least time between two connect attempts of the active side (s; E37 range 1..240). Default 10. */
  t5?: number;
  /** Control transaction timeout (s; E37 range 1..240). Default 5. */
  t6?: number;
  /** Longest time NOT SELECTED before the connection is closed (s; E37 range 1..240). Default 10. */
  t7?: number;
  /** Longest gap between bytes of one message (s; E37 range 1..120). Default 5. */
  t8?: number;
  /** Linktest period on an idle SELECTED link (s); 0 turns it off. Default 30. */
  linktest?: number;
  /** Consecutive failed linktests that close the link. Default 1. */
  linktestFailures?: number;
  /** Largest accepted message length field (header + text) in bytes. Default 16 MiB. */
  maxMessageLength?: number;
  /**
   * Timeout of one TCP connect attempt, TLS handshake included (s). A listening side with TLS
   * gives a peer this long to finish its handshake. Default: t5.
   */
  connectTimeout?: number;
  /** Deepest SECS-II list nesting decoded from a peer's message (root list = 1). Default 64. */
  maxItemDepth?: number;
  /** Most SECS-II items (lists and leaves) decoded from one message. Default 1,000,000. */
  maxItemCount?: number;
}

export interface HsmsCommonOptions extends HsmsTimerOptions {
  logger?: HsmsLogger;
  /** Most detailed level written to the logger. Default 'log'. */
  logLevel?: HsmsLogLevel;
  /**
   * Most bytes a connection may hold unsent (its batch plus the socket's buffer) before send()
   * throws HsmsSendQueueFullError: a peer that stops reading must not grow our memory without
   * bound. Default 64 MiB (four maximum-size messages).
   */
  maxQueuedBytes?: number;
  /** A send past maxQueuedBytes: 'reject' fails it (default), 'close' also closes the link. */
  onQueueFull?: HsmsQueueFullPolicy;
  /** Caps of the verbose message trace (per message and per second); see HsmsTraceOptions. */
  trace?: HsmsTraceOptions;
}

export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** Validates maxQueuedBytes (an integer number of bytes of at least 1 KiB), throwing HsmsOptionError. */
export function resolveMaxQueuedBytes(value: number | undefined, at = ''): number {
  return readInteger(optionPath(at, 'maxQueuedBytes'), value, 1024, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_QUEUED_BYTES);
}

export type ResolvedTimerOptions = Required<HsmsTimerOptions>;

export const DEFAULT_TIMERS: Readonly<ResolvedTimerOptions> = Object.freeze({
  t3: 45,
  t5: 10,
  t6: 5,
  t7: 10,
  t8: 5,
  linktest: 30,
  linktestFailures: 1,
  maxMessageLength: 16 * 1024 * 1024,
  connectTimeout: 10,
  maxItemDepth: DEFAULT_MAX_DEPTH,
  maxItemCount: DEFAULT_MAX_ITEMS,
});

/**
 * Item decoding consumers (the SML printer, validators) walk a tree recursively: a depth in the
 * thousands is a typo, and a recursion that deep would exhaust the stack.
 */
const MAX_ITEM_DEPTH = 1000;
/** Well above what a 16 MiB message can hold at 2 bytes per item; larger is a typo. */
const MAX_ITEM_COUNT = 100_000_000;

/** Upper bound of the linktest period (a day): E37 gives it no range; longer is a typo for milliseconds. */
const MAX_LINKTEST_SECONDS = 86_400;

/**
 * E37's ranges, in seconds: T3 1..120, T5/T6/T7 1..240, T8 1..120. Values below 1 stay allowed
 * (tests run the timers in milliseconds); above the range is a unit slip such as `t3: 45000`.
 * connectTimeout (not an E37 timer) defaults to T5 and shares its range.
 */
export const E37_TIMER_MAX_SECONDS = Object.freeze({ t3: 120, t5: 240, t6: 240, t7: 240, t8: 120, connectTimeout: 240 });

/** Every key of HsmsTimerOptions, for the unknown-key checks of the resolvers that include them. */
export const TIMER_OPTION_KEYS: readonly (keyof HsmsTimerOptions)[] = [
  't3',
  't5',
  't6',
  't7',
  't8',
  'linktest',
  'linktestFailures',
  'maxMessageLength',
  'connectTimeout',
  'maxItemDepth',
  'maxItemCount',
];

/** Every key of HsmsCommonOptions (a connection's options beside its own). */
export const COMMON_OPTION_KEYS: readonly (keyof HsmsCommonOptions)[] = [
  ...TIMER_OPTION_KEYS,
  'logger',
  'logLevel',
  'maxQueuedBytes',
  'onQueueFull',
  'trace',
];

/**
 * Fills defaults and validates every option, throwing HsmsOptionError naming the first bad one
 * (`at` prefixes its path: 'peers[1].t3'). Numbers may be decimal strings ('15', from env).
 */
export function resolveTimerOptions(
  options: HsmsTimerOptions = {},
  base: Readonly<ResolvedTimerOptions> = DEFAULT_TIMERS,
  at = '',
): ResolvedTimerOptions {
  const out: ResolvedTimerOptions = { ...base };
  for (const key of ['t3', 't5', 't6', 't7', 't8'] as const) {
    if (options[key] !== undefined) out[key] = readSeconds(optionPath(at, key), options[key], E37_TIMER_MAX_SECONDS[key]);
  }
  if (options.linktest !== undefined) out.linktest = readSeconds(optionPath(at, 'linktest'), options.linktest, MAX_LINKTEST_SECONDS, true);
  out.linktestFailures = readInteger(optionPath(at, 'linktestFailures'), options.linktestFailures, 1, 1000, out.linktestFailures);
  out.maxMessageLength = readInteger(optionPath(at, 'maxMessageLength'), options.maxMessageLength, 10, 0xffffffff, out.maxMessageLength);
  out.maxItemDepth = readInteger(optionPath(at, 'maxItemDepth'), options.maxItemDepth, 1, MAX_ITEM_DEPTH, out.maxItemDepth);
  out.maxItemCount = readInteger(optionPath(at, 'maxItemCount'), options.maxItemCount, 1, MAX_ITEM_COUNT, out.maxItemCount);
  const connectTimeout = options.connectTimeout ?? options.t5;
  out.connectTimeout =
    connectTimeout === undefined
      ? base.connectTimeout
      : readSeconds(optionPath(at, 'connectTimeout'), connectTimeout, E37_TIMER_MAX_SECONDS.connectTimeout);
  return out;
}

/** The decoder limits of resolved options, for SecsMessage.fromPacket(packet, limits). */
export function itemDecodeLimits(options: Pick<ResolvedTimerOptions, 'maxItemDepth' | 'maxItemCount'>): ItemDecodeLimits {
  return { maxDepth: options.maxItemDepth, maxItems: options.maxItemCount };
}
