import type { IdReading } from '../secs/catalogue/index.js';

/**
 * An identifier as the equipment defines it (SVID, DVID, ECID, CEID, RPTID, ALID): a number, or
 * text for equipment that names its variables. E5 allows both for most ids.
 */
export type GemId = number | string;

/**
 * The map key of an id, so that the host's U2 5, U4 5 and U8 5n all find the variable defined as
 * 5, while the text '5' stays a different id (E5 keeps numeric and text ids apart).
 */
export function idKey(id: GemId | IdReading): string {
  return typeof id === 'string' ? `A:${id}` : `N:${typeof id === 'bigint' ? id.toString() : String(id)}`;
}
