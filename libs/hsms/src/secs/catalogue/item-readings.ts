import type { SecsItem, SecsList } from '../../protocol/items/secs-item.js';
import { SecsBodyMismatchError } from './catalogue-errors.js';
import type { IdReading } from './item-values.js';

/**
 * Plain values out of items a parser has already validated against the catalogue: the formats are
 * known to be allowed, but a numeric identifier may still hold zero or several values, which a
 * reader of one id refuses with the same SecsBodyMismatchError a structure mismatch gets.
 */

/** Where a reader looks, for its error message: S6F11 body[1] CEID. */
export interface ReadingPlace {
  readonly sf: string;
  readonly path: string;
  readonly dataItem: string;
}

/** One identifier: the text of A/J/C2, else the single numeric value (bigint for I8/U8). */
export function readId(item: SecsItem, at: ReadingPlace): IdReading {
  switch (item.type) {
    case 'A':
    case 'J':
    case 'C2':
      return item.value;
    case 'L':
    case 'B':
    case 'BOOLEAN':
      throw mismatch(at, 'a number or text', item.type);
    default:
      if (item.values.length !== 1) throw mismatch(at, `${item.type}[1]`, `${item.type}[${item.values.length}]`);
      return item.values[0]!;
  }
}

/** Every value of a numeric identifier vector (S5F5's ALID); text gives one id. */
export function readIdVector(item: SecsItem, at: ReadingPlace): IdReading[] {
  switch (item.type) {
    case 'A':
    case 'J':
    case 'C2':
      return [item.value];
    case 'L':
    case 'B':
    case 'BOOLEAN':
      throw mismatch(at, 'numbers or text', item.type);
    default:
      return [...item.values];
  }
}

/** A code byte (B[1] ack codes) or the first value of a numeric code. */
export function readCode(item: SecsItem, at: ReadingPlace): number {
  switch (item.type) {
    case 'B':
    case 'U1':
    case 'U2':
    case 'U4':
    case 'I1':
    case 'I2':
    case 'I4':
    case 'F4':
    case 'F8':
      if (item.value !== undefined) return item.value;
      break;
    case 'U8':
    case 'I8':
      if (item.value !== undefined) return Number(item.value);
      break;
    default:
      break;
  }
  throw mismatch(at, 'one code value', `${item.type}[${item.length}]`);
}

/** The text of A, J or C2. */
export function readText(item: SecsItem, at: ReadingPlace): string {
  if (item.type === 'A' || item.type === 'J' || item.type === 'C2') return item.value;
  throw mismatch(at, 'text', item.type);
}

/** The first value of BOOLEAN. */
export function readBoolean(item: SecsItem, at: ReadingPlace): boolean {
  if (item.type === 'BOOLEAN' && item.values.length > 0) return item.values[0]!;
  throw mismatch(at, 'BOOLEAN[1]', `${item.type}[${item.length}]`);
}

/** Text for A/J/C2 identifiers, the bytes for B ones (PPID may be either). */
export function readTextOrBytes(item: SecsItem, at: ReadingPlace): string | Uint8Array {
  return item.type === 'B' ? item.bytes : readText(item, at);
}

/** Children of a list the validator has already checked to be a list. */
export function children(item: SecsItem | undefined): readonly SecsItem[] {
  return (item as SecsList).items;
}

function mismatch(at: ReadingPlace, expected: string, actual: string): SecsBodyMismatchError {
  return new SecsBodyMismatchError({
    ok: false,
    sf: at.sf,
    path: at.path,
    dataItem: at.dataItem,
    expected,
    actual,
    message: `${at.sf} ${at.path}: ${at.dataItem} expected ${expected}, got ${actual}`,
  });
}
