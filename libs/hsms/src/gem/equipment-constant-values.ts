import { A, BOOLEAN, F4, F8, I1, I2, I4, I8, U1, U2, U4, U8, type SecsItem } from '../protocol/items/secs-item.js';
import type { EquipmentConstantFormat, ConstantValue } from './variable-definitions.js';

// Conversions between an equipment constant's plain value and its ECV item, and the range check.

const INTEGER_BUILDERS = { I1, I2, I4, U1, U2, U4 } as const;

/** The default wire format for a value (see EquipmentConstantDefinition.format). */
export function defaultFormat(value: ConstantValue): EquipmentConstantFormat {
  switch (typeof value) {
    case 'string':
      return 'A';
    case 'boolean':
      return 'BOOLEAN';
    case 'bigint':
      return value < 0n ? 'I8' : 'U8';
    default:
      if (!Number.isInteger(value)) return 'F8';
      return value < 0 ? 'I4' : 'U4';
  }
}

/** The ECV item of `value` in `format`; throws (SecsItemValueError or TypeError) when it does not fit. */
export function toItem(format: EquipmentConstantFormat, value: ConstantValue): SecsItem {
  switch (format) {
    case 'A':
      if (typeof value !== 'string') throw new TypeError(`${String(value)} is not text`);
      return A(value);
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw new TypeError(`${String(value)} is not a boolean`);
      return BOOLEAN(value);
    case 'F4':
    case 'F8':
      if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`${String(value)} is not a number`);
      return (format === 'F4' ? F4 : F8)(Number(value));
    case 'I8':
    case 'U8':
      if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`${String(value)} is not an integer`);
      return (format === 'I8' ? I8 : U8)(value);
    default:
      if (typeof value === 'bigint') return INTEGER_BUILDERS[format](Number(value));
      if (typeof value !== 'number') throw new TypeError(`${String(value)} is not an integer`);
      return INTEGER_BUILDERS[format](value);
  }
}

/** A zero-length item of `format` (E5: ECMIN/ECMAX of a constant without that limit). */
export function emptyItem(format: EquipmentConstantFormat): SecsItem {
  switch (format) {
    case 'A':
      return A();
    case 'BOOLEAN':
      return BOOLEAN();
    case 'F4':
      return F4();
    case 'F8':
      return F8();
    case 'I8':
      return I8();
    case 'U8':
      return U8();
    default:
      return INTEGER_BUILDERS[format]();
  }
}

/**
 * The plain value a host's ECV item gives a constant of `format`, or undefined when the item cannot
 * be that constant's value: text for a number, two values, a fraction for an integer constant.
 * Any numeric format is accepted for a numeric constant (hosts often send U4 for a U2 constant).
 */
export function fromItem(format: EquipmentConstantFormat, item: SecsItem): ConstantValue | undefined {
  if (format === 'A') return item.type === 'A' || item.type === 'J' || item.type === 'C2' ? item.value : undefined;
  if (format === 'BOOLEAN') return item.type === 'BOOLEAN' && item.values.length === 1 ? item.values[0] : undefined;
  const value = numericValue(item);
  if (value === undefined) return undefined;
  if (format === 'F4' || format === 'F8') return Number(value);
  if (typeof value === 'number' && !Number.isInteger(value)) return undefined;
  return format === 'I8' || format === 'U8' ? BigInt(value) : Number(value);
}

/** Whether `value` fits `format` and lies within [min, max]. */
export function inRange(format: EquipmentConstantFormat, value: ConstantValue, min?: number | bigint, max?: number | bigint): boolean {
  try {
    toItem(format, value);
  } catch {
    return false;
  }
  if (typeof value !== 'number' && typeof value !== 'bigint') return true;
  if (min !== undefined && compare(value, min) < 0) return false;
  return max === undefined || compare(value, max) <= 0;
}

function numericValue(item: SecsItem): number | bigint | undefined {
  switch (item.type) {
    case 'L':
    case 'A':
    case 'J':
    case 'C2':
    case 'BOOLEAN':
    case 'B':
      return undefined;
    default:
      return item.values.length === 1 ? item.values[0] : undefined;
  }
}

/** Compares a number and a bigint exactly where both are integers. */
function compare(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'number' && !Number.isInteger(a)) return a < Number(b) ? -1 : a > Number(b) ? 1 : 0;
    if (typeof b === 'number' && !Number.isInteger(b)) return Number(a) < b ? -1 : Number(a) > b ? 1 : 0;
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
