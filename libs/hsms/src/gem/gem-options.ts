import type { SecsItemType } from '../protocol/items/item-format.js';
import type { SecsTimeLength } from '../secs/catalogue/index.js';
import type { SecsHandlerOptions } from '../secs/secs-options.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { optionPath, readBoolean, readInteger, readOneOf, readSeconds } from '../protocol/option-checks.js';

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

/** The keys of GemHandlerOptions beside those of SecsHandlerOptions, for unknown-key checks. */
export const GEM_OPTION_KEYS: readonly (keyof GemHandlerOptions)[] = [
  'mdln',
  'softrev',
  'establishCommunicationsTimeout',
  'initiateCommunication',
  'communicationEnabled',
  'formats',
  'timeFormat',
  'utcTime',
];

/** Fills the defaults; throws HsmsOptionError naming the first bad option (`at` prefixes its path). */
export function resolveGemOptions(options: GemHandlerOptions, at = ''): ResolvedGemOptions {
  const path = (key: string) => optionPath(at, key);
  const timeout = readSeconds(path('establishCommunicationsTimeout'), options.establishCommunicationsTimeout ?? 10, MAX_SECONDS);
  return {
    mdln: text(path('mdln'), options.mdln),
    softrev: text(path('softrev'), options.softrev),
    establishCommunicationsMs: timeout * 1000,
    initiateCommunication: readBoolean(path('initiateCommunication'), options.initiateCommunication, true),
    communicationEnabled: readBoolean(path('communicationEnabled'), options.communicationEnabled, true),
    formats: options.formats ?? {},
    timeFormat: readOneOf<SecsTimeLength>(path('timeFormat'), options.timeFormat, [12, 14, 16], 16),
    utcTime: readBoolean(path('utcTime'), options.utcTime, false),
  };
}

/** A boolean option; throws HsmsOptionError for anything else. */
export function flag(name: string, value: boolean | undefined, fallback: boolean): boolean {
  return readBoolean(name, value, fallback);
}

/** A positive integer option (a decimal string accepted); throws HsmsOptionError. */
export function count(name: string, value: number | undefined, fallback: number): number {
  return readInteger(name, value, 1, Number.MAX_SAFE_INTEGER, fallback);
}

/** One of `allowed`; throws HsmsOptionError. */
export function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  return readOneOf(name, value, allowed, fallback);
}

/** E5: MDLN and SOFTREV are A[..20]. */
function text(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > 20 || !/^[\x20-\x7e]*$/.test(value)) {
    throw new HsmsOptionError(name, `must be printable ASCII of at most 20 characters, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A duration option in seconds (fractions allowed, a decimal string accepted), in (0, a day]; throws HsmsOptionError. */
export function seconds(name: string, value: number | undefined, fallback: number): number {
  return readSeconds(name, value ?? fallback, MAX_SECONDS);
}
