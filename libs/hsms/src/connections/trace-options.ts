import { HsmsOptionError } from '../protocol/hsms-error.js';
import { describeValue, readInteger, rejectUnknownKeys } from '../protocol/option-checks.js';

/**
 * What the message trace (log level 'verbose') may cost. A peer chooses what we receive, so
 * without these caps one valid 16 MiB message became an 8 s event-loop stall, 1.2 GB of memory
 * and a 60 MB log line (issue 11).
 */
export interface HsmsTraceOptions {
  /** Most values printed per item (list children, bytes, numbers, characters). Default 32. */
  maxValues?: number;
  /** Most characters of SML printed for one message; the rest is cut with a note. Default 8192. */
  maxChars?: number;
  /**
   * Bodies longer than this are not decoded for the trace at all: the line names their size and
   * the root item's type and length, read from its first bytes. Default 65536 (64 KiB).
   */
  maxBodyBytes?: number;
  /** Most traced messages per second per peer; the rest are counted and the count is logged. Default 100. */
  perSecond?: number;
}

export type ResolvedTraceOptions = Required<HsmsTraceOptions>;

export const DEFAULT_TRACE_OPTIONS: Readonly<ResolvedTraceOptions> = Object.freeze({
  maxValues: 32,
  maxChars: 8192,
  maxBodyBytes: 64 * 1024,
  perSecond: 100,
});

const LIMITS: Readonly<Record<keyof HsmsTraceOptions, readonly [number, number]>> = {
  maxValues: [0, 16_777_215],
  maxChars: [80, 1 << 30],
  maxBodyBytes: [0, 0xffffffff],
  perSecond: [1, 1_000_000],
};

/** Fills the defaults and validates (HsmsOptionError naming 'trace.maxChars', 'peers[0].trace.perSecond' ...). */
export function resolveTraceOptions(options: HsmsTraceOptions | undefined, option = 'trace'): ResolvedTraceOptions {
  if (options === undefined) return DEFAULT_TRACE_OPTIONS;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new HsmsOptionError(option, `must be { maxValues, maxChars, maxBodyBytes, perSecond }, got ${describeValue(options)}`);
  }
  rejectUnknownKeys(option, options, Object.keys(LIMITS));
  const out = { ...DEFAULT_TRACE_OPTIONS };
  for (const key of Object.keys(LIMITS) as Array<keyof HsmsTraceOptions>) {
    const value = options[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    out[key] = readInteger(`${option}.${key}`, value, min, max);
  }
  return out;
}
