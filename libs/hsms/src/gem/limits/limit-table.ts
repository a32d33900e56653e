import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { IdReading } from '../../secs/catalogue/index.js';
import { GemDuplicateIdError } from '../gem-errors.js';
import { idKey, type GemId } from '../gem-id.js';

/** A variable that has the E30 limits monitoring capability. */
export interface LimitMonitorDefinition {
  readonly vid: GemId;
  /** UNITS reported in S2F48. */
  readonly units?: string;
  /** LIMITMIN and LIMITMAX: the range limits may be set in. */
  readonly min: number;
  readonly max: number;
}

/** One limit of a variable: the deadband [lower, upper]. */
export interface LimitBand {
  readonly limitId: number;
  readonly upper: number;
  readonly lower: number;
}

/** E30 transition types: 0 into the upper zone (rose above UPPERDB), 1 into the lower zone (fell below LOWERDB). */
export type LimitTransitionType = 0 | 1;

export interface LimitTransition {
  readonly vid: GemId;
  readonly limitId: number;
  readonly transition: LimitTransitionType;
}

/** A limit as the host sent it in S2F45: deadbands as items (checked here), none to delete it. */
export interface LimitRequest {
  readonly limitId: number;
  readonly upper: SecsItem | undefined;
  readonly lower: SecsItem | undefined;
}

export interface VariableLimitRequest {
  readonly vid: IdReading;
  readonly limits: readonly LimitRequest[];
}

export interface VariableLimitRejection {
  readonly vid: IdReading;
  readonly lvack: number;
  readonly limit?: { readonly limitId: number; readonly limitack: number };
}

/** LIMITIDs a variable may use: E30 leaves the count to the equipment. */
export const MAX_LIMIT_ID = 7;

// E5 LVACK and LIMITACK codes.
const LVACK_UNKNOWN = 1;
const LVACK_NO_CAPABILITY = 2;
const LVACK_REPEATED = 3;
const LVACK_LIMIT_ERROR = 4;
const LIMITACK_UNKNOWN_ID = 1;
const LIMITACK_REPEATED = 2;
const LIMITACK_ABOVE_MAX = 3;
const LIMITACK_BELOW_MIN = 4;
const LIMITACK_UPPER_BELOW_LOWER = 5;
const LIMITACK_FORMAT = 6;

interface Monitored {
  readonly definition: LimitMonitorDefinition;
  readonly limits: Map<number, LimitBand>;
  /** Zone per LIMITID: true above the band (upper zone), false below; unknown until the first value. */
  readonly zones: Map<number, boolean>;
}

/**
 * E30 limits monitoring: which variables can have limits, the limits the host defined (S2F45),
 * and the zone of each limit. A value above UPPERDB puts the limit in its upper zone, below
 * LOWERDB in its lower zone; between the two (the deadband) the zone stays as it was, so a noisy
 * value near one edge does not flood the host with transitions.
 */
export class LimitTable {
  private readonly variables = new Map<string, Monitored>();

  add(definition: LimitMonitorDefinition): void {
    const key = idKey(definition.vid);
    if (this.variables.has(key)) throw new GemDuplicateIdError('limits monitoring VID', definition.vid);
    this.variables.set(key, { definition, limits: new Map(), zones: new Map() });
  }

  get monitoredVids(): GemId[] {
    return [...this.variables.values()].map((m) => m.definition.vid);
  }

  attributes(vid: IdReading): { definition: LimitMonitorDefinition; limits: LimitBand[] } | undefined {
    const monitored = this.variables.get(idKey(vid));
    return monitored === undefined
      ? undefined
      : { definition: monitored.definition, limits: [...monitored.limits.values()].sort((a, b) => a.limitId - b.limitId) };
  }

  /**
   * S2F45: applies every request or none (E30). Returns the variables in error (empty: accepted).
   * `exists` says whether a VID names any variable (LVACK 1 otherwise).
   */
  define(requests: readonly VariableLimitRequest[], exists: (vid: IdReading) => boolean): VariableLimitRejection[] {
    const errors: VariableLimitRejection[] = [];
    const seen = new Set<string>();
    const changes: Array<{ monitored: Monitored; limits: readonly LimitRequest[]; bands: LimitBand[] }> = [];
    for (const request of requests) {
      const key = idKey(request.vid);
      const monitored = this.variables.get(key);
      if (seen.has(key)) errors.push({ vid: request.vid, lvack: LVACK_REPEATED });
      else if (monitored === undefined) errors.push({ vid: request.vid, lvack: exists(request.vid) ? LVACK_NO_CAPABILITY : LVACK_UNKNOWN });
      else {
        const checked = checkLimits(monitored.definition, request.limits);
        if ('limitack' in checked)
          errors.push({ vid: request.vid, lvack: LVACK_LIMIT_ERROR, limit: { limitId: checked.limitId, limitack: checked.limitack } });
        else changes.push({ monitored, limits: request.limits, bands: checked.bands });
      }
      seen.add(key);
    }
    if (errors.length > 0) return errors;
    for (const { monitored, limits, bands } of changes) {
      if (limits.length === 0) {
        monitored.limits.clear(); // E5: no limits deletes every limit of the variable
        monitored.zones.clear();
      }
      for (const limit of limits) {
        monitored.zones.delete(limit.limitId);
        const band = bands.find((b) => b.limitId === limit.limitId);
        if (band === undefined) monitored.limits.delete(limit.limitId);
        else monitored.limits.set(limit.limitId, band);
      }
    }
    return [];
  }

  /** Checks a new value of a monitored variable; returns the zone transitions it caused. */
  update(vid: GemId, value: number): LimitTransition[] {
    const monitored = this.variables.get(idKey(vid));
    if (monitored === undefined || Number.isNaN(value)) return [];
    const transitions: LimitTransition[] = [];
    for (const band of monitored.limits.values()) {
      const zone = monitored.zones.get(band.limitId);
      const upper = value > band.upper ? true : value < band.lower ? false : zone;
      if (upper === undefined) continue; // first value inside the deadband: no zone yet
      monitored.zones.set(band.limitId, upper);
      if (zone !== undefined && zone !== upper)
        transitions.push({ vid: monitored.definition.vid, limitId: band.limitId, transition: upper ? 0 : 1 });
    }
    return transitions;
  }
}

function checkLimits(
  definition: LimitMonitorDefinition,
  limits: readonly LimitRequest[],
): { bands: LimitBand[] } | { limitId: number; limitack: number } {
  const seen = new Set<number>();
  const bands: LimitBand[] = [];
  for (const limit of limits) {
    const fail = (limitack: number): { limitId: number; limitack: number } => ({ limitId: limit.limitId, limitack });
    if (seen.has(limit.limitId)) return fail(LIMITACK_REPEATED);
    seen.add(limit.limitId);
    if (limit.limitId > MAX_LIMIT_ID) return fail(LIMITACK_UNKNOWN_ID);
    if (limit.upper === undefined || limit.lower === undefined) continue; // deletion
    const upper = numberOf(limit.upper);
    const lower = numberOf(limit.lower);
    if (upper === undefined || lower === undefined) return fail(LIMITACK_FORMAT);
    if (upper > definition.max) return fail(LIMITACK_ABOVE_MAX);
    if (lower < definition.min) return fail(LIMITACK_BELOW_MIN);
    if (upper < lower) return fail(LIMITACK_UPPER_BELOW_LOWER);
    bands.push({ limitId: limit.limitId, upper, lower });
  }
  return { bands };
}

/** A deadband's number: one numeric value, or A text that reads as a number (E5 allows A for it). */
export function numberOf(item: SecsItem): number | undefined {
  switch (item.type) {
    case 'A':
      return item.value.trim() !== '' && Number.isFinite(Number(item.value)) ? Number(item.value) : undefined;
    case 'L':
    case 'B':
    case 'BOOLEAN':
    case 'J':
    case 'C2':
      return undefined;
    default:
      return item.values.length === 1 ? Number(item.values[0]) : undefined;
  }
}
