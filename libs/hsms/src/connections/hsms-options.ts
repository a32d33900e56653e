import type { HsmsQueueFullPolicy } from './send-queue-options.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, type ItemDecodeLimits } from '../protocol/items/item-decoder.js';
import type { HsmsLogger, HsmsLogLevel } from './hsms-logger.js';
import type { HsmsTraceOptions } from './trace-options.js';

/** A configuration value outside its allowed range; the message names the option. */
export class HsmsOptionError extends Error {
  constructor(readonly option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'HsmsOptionError';
  }
}

/**
 * Timers and limits, with the standard's names and unit (seconds, fractions allowed).
 * Defaults are the E37 typical values of design/protocol.md.
 */
export interface HsmsTimerOptions {
  /** Reply timeout (s). Default 45. */
  t3?: number;
  /** Connect separation: least time between two connect attempts of the active side (s). Default 10. */
  t5?: number;
  /** Control transaction timeout (s). Default 5. */
  t6?: number;
  /** Longest time NOT SELECTED before the connection is closed (s). Default 10. */
  t7?: number;
  /** Longest gap between bytes of one message (s). Default 5. */
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

/** Validates maxQueuedBytes (an integer of at least 1 KiB), throwing HsmsOptionError. */
export function resolveMaxQueuedBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_QUEUED_BYTES;
  if (!Number.isSafeInteger(value) || value < 1024) {
    throw new HsmsOptionError('maxQueuedBytes', `must be an integer number of bytes of at least 1024, got ${String(value)}`);
  }
  return value;
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

/** Upper bound of every timer (a day): anything longer is a typo for milliseconds. */
const MAX_SECONDS = 86_400;

/** Fills defaults and validates every option, throwing HsmsOptionError naming the first bad one. */
export function resolveTimerOptions(options: HsmsTimerOptions = {}, base: Readonly<ResolvedTimerOptions> = DEFAULT_TIMERS): ResolvedTimerOptions {
  const out: ResolvedTimerOptions = { ...base, connectTimeout: options.connectTimeout ?? options.t5 ?? base.connectTimeout };
  for (const key of ['t3', 't5', 't6', 't7', 't8'] as const) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_SECONDS) {
      throw new HsmsOptionError(key, `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(v)}`);
    }
    out[key] = v;
  }
  if (options.linktest !== undefined) {
    const v = options.linktest;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_SECONDS) {
      throw new HsmsOptionError('linktest', `must be 0 (off) or a number of seconds up to ${MAX_SECONDS}, got ${String(v)}`);
    }
    out.linktest = v;
  }
  if (options.linktestFailures !== undefined) {
    const v = options.linktestFailures;
    if (!Number.isInteger(v) || v < 1 || v > 1000) throw new HsmsOptionError('linktestFailures', `must be an integer in 1..1000, got ${String(v)}`);
    out.linktestFailures = v;
  }
  if (options.maxMessageLength !== undefined) {
    const v = options.maxMessageLength;
    if (!Number.isInteger(v) || v < 10 || v > 0xffffffff) {
      throw new HsmsOptionError('maxMessageLength', `must be an integer number of bytes in 10..4294967295, got ${String(v)}`);
    }
    out.maxMessageLength = v;
  }
  out.maxItemDepth = readLimit('maxItemDepth', options.maxItemDepth, out.maxItemDepth, MAX_ITEM_DEPTH);
  out.maxItemCount = readLimit('maxItemCount', options.maxItemCount, out.maxItemCount, MAX_ITEM_COUNT);
  const ct = out.connectTimeout;
  if (typeof ct !== 'number' || !Number.isFinite(ct) || ct <= 0 || ct > MAX_SECONDS) {
    throw new HsmsOptionError('connectTimeout', `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(ct)}`);
  }
  return out;
}

function readLimit(option: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new HsmsOptionError(option, `must be an integer in 1..${max}, got ${String(value)}`);
  return value;
}

/** The decoder limits of resolved options, for SecsMessage.fromPacket(packet, limits). */
export function itemDecodeLimits(options: Pick<ResolvedTimerOptions, 'maxItemDepth' | 'maxItemCount'>): ItemDecodeLimits {
  return { maxDepth: options.maxItemDepth, maxItems: options.maxItemCount };
}
