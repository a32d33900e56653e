import { SecsItemValueError } from '../errors.js';
import {
  BIGINT_RANGE,
  type BigIntItemType,
  C2Encoding,
  ELEMENT_SIZE,
  type FloatItemType,
  INTEGER_RANGE,
  type IntegerItemType,
  MAX_ITEM_LENGTH,
  type SecsItemType,
} from './item-format.js';
import { decodeC2Text, encodeC2Text, encodeJis8 } from './text-codecs.js';
import { printItemSml } from '../sml/sml-item-printer.js';

/**
 * Immutable SECS-II item values. Each class is one E5 format family; `type` is the discriminant.
 * Arrays are frozen; binary data is copied in by the builders and must not be mutated through the
 * `bytes` accessors (they return the stored buffer to avoid copying megabytes).
 */
abstract class SecsItemBase {
  abstract readonly type: SecsItemType;

  /** Number of elements: items of a list, bytes of B/A/J/C2 text, values of numeric arrays. */
  abstract get length(): number;

  /** SML text of this item (indented, stable). */
  toSml(indent = 0): string {
    return printItemSml(this as unknown as SecsItem, indent);
  }

  toString(): string {
    return this.toSml();
  }

  /** Structural equality: same formats and values (floats compared with Object.is, so NaN equals NaN). */
  equals(other: SecsItem): boolean {
    return itemsEqual(this as unknown as SecsItem, other);
  }
}

export class SecsList extends SecsItemBase {
  readonly type = 'L' as const;
  readonly items: readonly SecsItem[];
  constructor(items: readonly SecsItem[]) {
    super();
    if (items.length > MAX_ITEM_LENGTH) throw new SecsItemValueError(`L holds ${items.length} items, more than ${MAX_ITEM_LENGTH}`);
    this.items = Object.isFrozen(items) ? items : Object.freeze(items.slice());
  }
  get length(): number {
    return this.items.length;
  }
  /** The child at `index` (negative counts from the end), or undefined. */
  at(index: number): SecsItem | undefined {
    return this.items.at(index);
  }
}

export class SecsBinary extends SecsItemBase {
  readonly type = 'B' as const;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super();
    checkByteLength('B', bytes.length);
    this.bytes = bytes;
  }
  get length(): number {
    return this.bytes.length;
  }
  /** The bytes as plain numbers (0..255). */
  get values(): readonly number[] {
    return Array.from(this.bytes);
  }
  /** The first byte, or undefined when empty. */
  get value(): number | undefined {
    return this.bytes[0];
  }
}

export class SecsBoolean extends SecsItemBase {
  readonly type = 'BOOLEAN' as const;
  readonly values: readonly boolean[];
  constructor(values: readonly boolean[]) {
    super();
    checkByteLength('BOOLEAN', values.length);
    this.values = freeze(values);
  }
  get length(): number {
    return unreadCount(this) ?? this.values.length;
  }
  get value(): boolean | undefined {
    return valueAt(this, 0) as boolean | undefined;
  }
}

/** A (ASCII) and J (JIS-8): single-byte text. A keeps every byte 0..255 (Latin-1) so equipment quirks round-trip. */
export class SecsText extends SecsItemBase {
  readonly type: 'A' | 'J';
  readonly value: string;
  constructor(type: 'A' | 'J', value: string) {
    super();
    this.type = type;
    this.value = value;
    checkByteLength(type, value.length);
  }
  get length(): number {
    return this.value.length;
  }
  /** The encoded bytes of the text. */
  get bytes(): Buffer {
    return this.type === 'A' ? Buffer.from(this.value, 'latin1') : encodeJis8(this.value);
  }
}

/** C2, localized text: an E5 encoding code and the encoded bytes, decoded to a string on demand. */
export class SecsLocalized extends SecsItemBase {
  readonly type = 'C2' as const;
  readonly encoding: number;
  /** The text bytes, without the 2-byte encoding code. */
  readonly bytes: Uint8Array;
  private decoded: string | undefined;
  constructor(encoding: number, bytes: Uint8Array) {
    super();
    if (!Number.isInteger(encoding) || encoding < 0 || encoding > 0xffff) {
      throw new SecsItemValueError(`C2 encoding code ${encoding} is not a 16-bit unsigned integer`);
    }
    checkByteLength('C2', bytes.length + 2);
    this.encoding = encoding;
    this.bytes = bytes;
  }
  /** Byte length on the wire, including the 2-byte encoding code. */
  get length(): number {
    return this.bytes.length + 2;
  }
  /** The text; throws SecsItemValueError for an encoding this runtime cannot decode. */
  get value(): string {
    this.decoded ??= decodeC2Text(this.encoding, this.bytes);
    return this.decoded;
  }
}

export class SecsInteger extends SecsItemBase {
  readonly type: IntegerItemType;
  readonly values: readonly number[];
  constructor(type: IntegerItemType, values: readonly number[]) {
    super();
    this.type = type;
    this.values = freeze(values);
    checkByteLength(type, values.length);
  }
  get length(): number {
    return unreadCount(this) ?? this.values.length;
  }
  get value(): number | undefined {
    return valueAt(this, 0) as number | undefined;
  }
}

export class SecsBigInt extends SecsItemBase {
  readonly type: BigIntItemType;
  readonly values: readonly bigint[];
  constructor(type: BigIntItemType, values: readonly bigint[]) {
    super();
    this.type = type;
    this.values = freeze(values);
    checkByteLength(type, values.length);
  }
  get length(): number {
    return unreadCount(this) ?? this.values.length;
  }
  get value(): bigint | undefined {
    return valueAt(this, 0) as bigint | undefined;
  }
}

export class SecsFloat extends SecsItemBase {
  readonly type: FloatItemType;
  readonly values: readonly number[];
  constructor(type: FloatItemType, values: readonly number[]) {
    super();
    this.type = type;
    this.values = freeze(values);
    checkByteLength(type, values.length);
  }
  get length(): number {
    return unreadCount(this) ?? this.values.length;
  }
  get value(): number | undefined {
    return valueAt(this, 0) as number | undefined;
  }
}

/** Values of a decoded numeric or BOOLEAN item that nobody has read yet: their count and how to read them. */
export interface UnreadValues<T> {
  readonly count: number;
  /** The value at `index` (0 <= index < count), read from the received bytes. */
  at(index: number): T;
}

const unread = new WeakMap<object, UnreadValues<unknown>>();

type ArrayItem = SecsBoolean | SecsInteger | SecsBigInt | SecsFloat;

/**
 * A decoded item whose values are read from the received bytes on first access of `values`, not
 * when it is decoded: 16 MiB of U1 as a JavaScript array is 16 M numbers (seconds of CPU and
 * hundreds of MB), and routing, validating a format, printing a capped trace or refusing a message
 * need none of them. The item behaves as one built with the values (equality, encoding, `values`
 * as a frozen array once read); `length`, `value` and valueAt() do not read the rest.
 * @internal the decoder's; `prototype` is the item's class.
 */
export function lazyArrayItem<T extends ArrayItem>(prototype: T, type: T['type'], values: UnreadValues<T['values'][number]>): T {
  const item = Object.create(prototype) as T;
  Object.defineProperty(item, 'type', { value: type, enumerable: true, writable: false, configurable: false });
  unread.set(item, values);
  Object.defineProperty(item, 'values', {
    enumerable: true,
    configurable: true,
    get(): readonly unknown[] {
      const all = new Array<unknown>(values.count); // preallocated: push() was 4x slower on 16 M values
      for (let i = 0; i < values.count; i++) all[i] = values.at(i);
      Object.defineProperty(item, 'values', { value: Object.freeze(all), enumerable: true, writable: false, configurable: false });
      unread.delete(item);
      return all;
    },
  });
  return item;
}

function unreadCount(item: object): number | undefined {
  return unread.get(item)?.count;
}

/** The value at `index` of a numeric or BOOLEAN item without reading the others (undefined past the end). */
export function valueAt(item: ArrayItem, index: number): ArrayItem['values'][number] | undefined {
  const pending = unread.get(item);
  if (pending === undefined) return item.values[index];
  return index >= 0 && index < pending.count ? (pending.at(index) as ArrayItem['values'][number]) : undefined;
}

/** Any SECS-II item; switch on `type` to narrow. */
export type SecsItem = SecsList | SecsBinary | SecsBoolean | SecsText | SecsLocalized | SecsInteger | SecsBigInt | SecsFloat;

export function isSecsItem(value: unknown): value is SecsItem {
  return value instanceof SecsItemBase;
}

function freeze<T>(values: readonly T[]): readonly T[] {
  return Object.isFrozen(values) ? values : Object.freeze(Array.isArray(values) ? values.slice() : Array.from(values));
}

/** `count` is in elements (characters, bytes or values); ELEMENT_SIZE turns it into wire bytes. */
function checkByteLength(type: Exclude<SecsItemType, 'L'>, count: number): void {
  if (count <= MAX_ITEM_LENGTH >>> 3) return; // fits at any element size; skips the lookup on the decoder's hot path
  const bytes = count * ELEMENT_SIZE[type];
  if (bytes > MAX_ITEM_LENGTH) {
    throw new SecsItemValueError(`${type} item of ${bytes} bytes exceeds the E5 maximum of ${MAX_ITEM_LENGTH}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Builders, named after the formats: L(A('x'), U4(1)), B(buffer), BOOLEAN(true), C2('text') ...
// Each checks its values and throws SecsItemValueError naming the format and the bad value.
// ---------------------------------------------------------------------------------------------

export function L(...items: SecsItem[]): SecsList {
  return listOf(items);
}

/**
 * L from an array of items. Use it (or `L.of`) for lists whose length depends on data: spreading
 * a large array into `L(...rows)` passes every row as a call argument, and a few hundred thousand
 * of them overflow the stack (RangeError), whatever the list would have been.
 */
export function listOf(items: readonly SecsItem[]): SecsList {
  if (!Array.isArray(items)) throw new SecsItemValueError('L.of takes an array of SECS-II items');
  for (let i = 0; i < items.length; i++) {
    if (!isSecsItem(items[i])) throw new SecsItemValueError(`L element ${i} is not a SECS-II item`);
  }
  return new SecsList(items);
}

/** `L.of(rows)`: the same as listOf(rows). */
L.of = listOf;

/** B from bytes (copied), or from numbers 0..255. */
export function B(...values: Array<number | Uint8Array | readonly number[]>): SecsBinary {
  if (values.length === 1 && values[0] instanceof Uint8Array) return new SecsBinary(Uint8Array.prototype.slice.call(values[0]));
  const flat = values.flatMap((v) => (v instanceof Uint8Array ? Array.from(v) : typeof v === 'number' ? [v] : [...v]));
  for (const v of flat) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new SecsItemValueError(`B value ${v} is not a byte (0..255)`);
  }
  return new SecsBinary(Uint8Array.from(flat));
}

export function BOOLEAN(...values: Array<boolean | readonly boolean[]>): SecsBoolean {
  const flat = values.flat();
  for (const v of flat) {
    if (typeof v !== 'boolean') throw new SecsItemValueError(`BOOLEAN value ${String(v)} is not a boolean`);
  }
  return new SecsBoolean(flat);
}

/** A: ASCII text; characters 0x00..0xFF are kept byte for byte (Latin-1), anything wider is refused. */
export function A(value = ''): SecsText {
  if (typeof value !== 'string') throw new SecsItemValueError(`A value ${String(value)} is not a string`);
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) {
      throw new SecsItemValueError(
        `A value has character U+${value.charCodeAt(i).toString(16).padStart(4, '0')} at ${i}, outside 0x00..0xFF; use C2 for wider text`,
      );
    }
  }
  return new SecsText('A', value);
}

/** J: JIS-8 (JIS X 0201) text: ASCII plus half-width katakana. */
export function J(value = ''): SecsText {
  if (typeof value !== 'string') throw new SecsItemValueError(`J value ${String(value)} is not a string`);
  encodeJis8(value); // throws for characters outside JIS X 0201
  return new SecsText('J', value);
}

/** C2: localized text, UTF-8 (code 2) unless another E5 encoding code is given. */
export function C2(value = '', encoding: number = C2Encoding.UTF8): SecsLocalized {
  if (typeof value !== 'string') throw new SecsItemValueError(`C2 value ${String(value)} is not a string`);
  return new SecsLocalized(encoding, encodeC2Text(encoding, value));
}

type NumberArgs = Array<number | readonly number[]>;
type BigArgs = Array<bigint | number | readonly (bigint | number)[]>;

function integerBuilder(type: IntegerItemType) {
  const [min, max] = INTEGER_RANGE[type];
  return (...values: NumberArgs): SecsInteger => {
    const flat = values.flat();
    for (const v of flat) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        throw new SecsItemValueError(`${type} value ${String(v)} is outside ${min}..${max}`);
      }
    }
    return new SecsInteger(type, flat);
  };
}

function bigIntBuilder(type: BigIntItemType) {
  const [min, max] = BIGINT_RANGE[type];
  return (...values: BigArgs): SecsBigInt => {
    const flat = values.flat().map((v) => {
      if (typeof v === 'number' && !Number.isSafeInteger(v)) {
        throw new SecsItemValueError(`${type} value ${v} is not a safe integer; pass a bigint`);
      }
      if (typeof v !== 'number' && typeof v !== 'bigint') throw new SecsItemValueError(`${type} value ${String(v)} is not an integer`);
      const b = BigInt(v);
      if (b < min || b > max) throw new SecsItemValueError(`${type} value ${b} is outside ${min}..${max}`);
      return b;
    });
    return new SecsBigInt(type, flat);
  };
}

function floatBuilder(type: FloatItemType) {
  return (...values: NumberArgs): SecsFloat => {
    const flat = values.flat();
    for (const v of flat) {
      if (typeof v !== 'number') throw new SecsItemValueError(`${type} value ${String(v)} is not a number`);
    }
    // F4 stores what the wire will carry, so an item equals its own decoded copy.
    return new SecsFloat(type, type === 'F4' ? flat.map(Math.fround) : flat);
  };
}

export const I1 = integerBuilder('I1');
export const I2 = integerBuilder('I2');
export const I4 = integerBuilder('I4');
export const U1 = integerBuilder('U1');
export const U2 = integerBuilder('U2');
export const U4 = integerBuilder('U4');
export const I8 = bigIntBuilder('I8');
export const U8 = bigIntBuilder('U8');
export const F4 = floatBuilder('F4');
export const F8 = floatBuilder('F8');

/** Structural equality of two items (floats by Object.is, so NaN equals NaN and -0 differs from 0). */
export function itemsEqual(a: SecsItem, b: SecsItem): boolean {
  if (a === b) return true;
  if (a.type !== b.type || a.length !== b.length) return false;
  switch (a.type) {
    case 'L': {
      const bi = (b as SecsList).items;
      return a.items.every((child, i) => itemsEqual(child, bi[i]!));
    }
    case 'B':
      return Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.length).equals((b as SecsBinary).bytes);
    case 'C2':
      return a.encoding === (b as SecsLocalized).encoding && Buffer.from(a.bytes).equals((b as SecsLocalized).bytes);
    case 'A':
    case 'J':
      return a.value === (b as SecsText).value;
    case 'F4':
    case 'F8': {
      const bv = (b as SecsFloat).values;
      return a.values.every((v, i) => Object.is(v, bv[i]));
    }
    default: {
      // Integers compare with ===: the wire has no -0, so I4(-0) equals its decoded copy I4(0).
      const bv = (b as SecsInteger | SecsBigInt | SecsBoolean).values as readonly unknown[];
      return (a.values as readonly unknown[]).every((v, i) => v === bv[i]);
    }
  }
}
