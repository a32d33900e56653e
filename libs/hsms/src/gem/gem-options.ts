import type { SecsItemType } from '../protocol/items/item-format.js';
import type { SecsTimeLength } from '../secs/catalogue/index.js';
import type { SecsHandlerOptions } from '../secs/secs-options.js';
import { GemOptionError } from './gem-errors.js';

export interface GemHandlerOptions extends SecsHandlerOptions {
  /** E5 MDLN, the equipment model (at most 20 characters). Sent by the equipment in S1F2/S1F13/S1F14. Default ''. */
  mdln?: string;
  /** E5 SOFTREV, the software revision (at most 20 characters). Default ''. */
  softrev?: string;
  /**
   * E30 EstablishCommunicationsTimeout: seconds between a failed S1F13 and the next one (fractions
   * allowed). Default 10.
   */
  establishCommunicationsTimeout?: number;
  /** Send S1F13 when the link is selected (E30: either side may). Default true. */
  initiateCommunication?: boolean;
  /** E30: the communication state model starts ENABLED (true) or DISABLED. Default true. */
  communicationEnabled?: boolean;
  /** Formats for plain ids and values in the messages we build, by data item: { SVID: 'U2', CEID: 'U2' }. */
  formats?: Readonly<Partial<Record<string, SecsItemType>>>;
  /** Characters of TIME we send: 16 (YYYYMMDDhhmmsscc, default), 14, or 12 (YYMMDDhhmmss). */
  timeFormat?: SecsTimeLength;
  /** Read and write TIME as UTC instead of local time. Default false (equipment clocks run on local time). */
  utcTime?: boolean;
}

export interface ResolvedGemOptions {
  readonly mdln: string;
  readonly softrev: string;
  readonly establishCommunicationsMs: number;
  readonly initiateCommunication: boolean;
  readonly communicationEnabled: boolean;
  readonly formats: Readonly<Partial<Record<string, SecsItemType>>>;
  readonly timeFormat: SecsTimeLength;
  readonly utcTime: boolean;
}

/** Upper bound of any GEM timer (a day): anything longer is a typo for milliseconds. */
const MAX_SECONDS = 86_400;

/** Fills the defaults; throws GemOptionError naming the first bad option. */
export function resolveGemOptions(options: GemHandlerOptions): ResolvedGemOptions {
  const timeout = options.establishCommunicationsTimeout ?? 10;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_SECONDS) {
    throw new GemOptionError('establishCommunicationsTimeout', `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(timeout)}`);
  }
  const timeFormat = options.timeFormat ?? 16;
  if (timeFormat !== 12 && timeFormat !== 14 && timeFormat !== 16) throw new GemOptionError('timeFormat', `must be 12, 14 or 16, got ${String(timeFormat)}`);
  return {
    mdln: text('mdln', options.mdln),
    softrev: text('softrev', options.softrev),
    establishCommunicationsMs: timeout * 1000,
    initiateCommunication: flag('initiateCommunication', options.initiateCommunication, true),
    communicationEnabled: flag('communicationEnabled', options.communicationEnabled, true),
    formats: options.formats ?? {},
    timeFormat,
    utcTime: flag('utcTime', options.utcTime, false),
  };
}

/** A boolean option; throws GemOptionError for anything else. */
export function flag(name: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new GemOptionError(name, `must be true or false, got ${String(value)}`);
  return value;
}

/** A positive integer option; throws GemOptionError. */
export function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new GemOptionError(name, `must be a positive integer, got ${String(value)}`);
  return value;
}

/** One of `allowed`; throws GemOptionError. */
export function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw new GemOptionError(name, `must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  return value;
}

/** E5: MDLN and SOFTREV are A[..20]. */
function text(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > 20 || !/^[\x20-\x7e]*$/.test(value)) {
    throw new GemOptionError(name, `must be printable ASCII of at most 20 characters, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A duration option in seconds (fractions allowed), in (0, a day]; throws GemOptionError. */
export function seconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_SECONDS) {
    throw new GemOptionError(name, `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(value)}`);
  }
  return value;
}
