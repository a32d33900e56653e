import { BIGINT_RANGE, INTEGER_RANGE, type SecsItemType } from '../../protocol/items/item-format.js';
import { A, B, BOOLEAN, C2, F4, F8, I1, I2, I4, I8, isSecsItem, J, U1, U2, U4, U8, type SecsItem } from '../../protocol/items/secs-item.js';
import { CatalogueValueError } from './catalogue-errors.js';
import { secsCatalogue, type SecsCatalogue } from './secs-catalogue.js';

/**
 * Plain JavaScript values builders accept where a data item goes. An item passes through as is
 * (its format is then checked against the catalogue); anything else becomes an item of the data
 * item's default format when that format can hold it, else of the first allowed format that can:
 *   string      -> A; C2 (or J for half-width katakana) when the text goes beyond Latin-1
 *   number      -> integer formats (U4 for CEID by default), F4/F8, or B[1] for codes
 *   bigint      -> U8 / I8
 *   boolean     -> BOOLEAN
 *   Uint8Array  -> B
 */
export type ItemValue = SecsItem | string | number | bigint | boolean | Uint8Array;

/** An identifier (SVID, CEID, RPTID ...): a number in the item's default format, text as A, or an item. */
export type IdValue = number | bigint | string | SecsItem;

/** What a parser gives for an identifier: the number (bigint for I8/U8) or the text. */
export type IdReading = number | bigint | string;

export interface BuildOptions {
  /** The catalogue whose entries and default formats apply; the shared `secsCatalogue` by default. */
  readonly catalogue?: SecsCatalogue;
  /**
   * Formats for plain values of this call, by data item name: { CEID: 'U2', DATAID: 'U8' }. They
   * win over the catalogue's defaults (SecsCatalogue.setDefaultFormat, then the data files).
   */
  readonly formats?: Readonly<Partial<Record<string, SecsItemType>>>;
  /**
   * W-bit of a message whose W-bit rule is 'optional' (S5F1, S5F3, S6F11, S10F1, S10F3): default
   * true. Giving false for a 'required' message (or true for a 'never' one) throws.
   */
  readonly wBit?: boolean;
}

/** The catalogue and formats a builder works with. */
export interface BuildContext {
  readonly catalogue: SecsCatalogue;
  readonly formats: Readonly<Partial<Record<string, SecsItemType>>>;
}

export function buildContext(options: BuildOptions | undefined): BuildContext {
  return { catalogue: options?.catalogue ?? secsCatalogue, formats: options?.formats ?? {} };
}

type ValueKind = 'text' | 'integer' | 'float' | 'bigint' | 'boolean' | 'bytes';

/** Formats each kind of value may become, in the order tried when the default format cannot hold it. */
const KIND_FORMATS: Readonly<Record<ValueKind, readonly SecsItemType[]>> = {
  text: ['A', 'C2', 'J'],
  integer: ['U4', 'I4', 'U8', 'I8', 'U2', 'I2', 'U1', 'I1', 'F8', 'F4', 'B'],
  float: ['F8', 'F4'],
  bigint: ['U8', 'I8'],
  boolean: ['BOOLEAN'],
  bytes: ['B'],
};

/** The item for `value` where data item `name` goes (see ItemValue for the rules). */
export function itemOf(name: string, value: ItemValue, ctx: BuildContext): SecsItem {
  if (isSecsItem(value)) return value;
  const allowed = ctx.catalogue.dataItem(name).formats.map((f) => f.type);
  const preferred = preferredFormat(name, ctx, allowed);
  const kind = kindOf(value, name);
  const type = canHold(preferred, kind, value) ? preferred : KIND_FORMATS[kind].find((t) => allowed.includes(t) && canHold(t, kind, value));
  if (type === undefined) {
    throw new CatalogueValueError(`${name} cannot hold ${describeValue(value)}: it allows ${allowed.join(', ')}`);
  }
  return makeItem(type, value);
}

/** One item holding several numbers, as S5F5's ALID vector: the item's default integer format. */
export function vectorOf(name: string, values: readonly (number | bigint)[], ctx: BuildContext): SecsItem {
  const allowed = ctx.catalogue.dataItem(name).formats.map((f) => f.type);
  const type = preferredFormat(name, ctx, allowed);
  switch (type) {
    case 'U1':
    case 'U2':
    case 'U4':
    case 'I1':
    case 'I2':
    case 'I4':
    case 'F4':
    case 'F8':
      return NUMBER_BUILDERS[type](values.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    case 'U8':
    case 'I8':
      return (type === 'U8' ? U8 : I8)(values.slice());
    default:
      throw new CatalogueValueError(`${name} default format ${type} cannot hold a vector of numbers`);
  }
}

function preferredFormat(name: string, ctx: BuildContext, allowed: readonly SecsItemType[]): SecsItemType {
  const override = ctx.formats[name];
  if (override === undefined) return ctx.catalogue.defaultFormat(name);
  if (!allowed.includes(override))
    throw new CatalogueValueError(`${name} does not allow format ${override}; it allows ${allowed.join(', ')}`);
  return override;
}

function kindOf(value: Exclude<ItemValue, SecsItem>, name: string): ValueKind {
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'float';
    case 'bigint':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    default:
      if (value instanceof Uint8Array) return 'bytes';
      throw new CatalogueValueError(`${name} cannot hold ${describeValue(value)}`);
  }
}

function canHold(type: SecsItemType, kind: ValueKind, value: Exclude<ItemValue, SecsItem>): boolean {
  if (!KIND_FORMATS[kind].includes(type)) return false;
  switch (kind) {
    case 'text':
      return textFits(type, value as string);
    case 'integer':
      return integerFits(type, value as number);
    case 'bigint':
      return type === 'U8'
        ? (value as bigint) >= 0n && (value as bigint) <= BIGINT_RANGE.U8[1]
        : (value as bigint) >= BIGINT_RANGE.I8[0] && (value as bigint) <= BIGINT_RANGE.I8[1];
    default:
      return true;
  }
}

function integerFits(type: SecsItemType, value: number): boolean {
  switch (type) {
    case 'U1':
    case 'U2':
    case 'U4':
    case 'I1':
    case 'I2':
    case 'I4': {
      const [min, max] = INTEGER_RANGE[type];
      return value >= min && value <= max;
    }
    case 'U8':
      return value >= 0 && Number.isSafeInteger(value);
    case 'I8':
      return Number.isSafeInteger(value);
    case 'B':
      return value >= 0 && value <= 0xff;
    default:
      return true; // F4, F8
  }
}

/** A keeps Latin-1 only and J only JIS X 0201, so wider text moves on to C2 when the item allows it. */
function textFits(type: SecsItemType, text: string): boolean {
  if (type === 'C2') return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff && (type === 'A' || c < 0xff61 || c > 0xff9f)) return false;
  }
  return true;
}

const NUMBER_BUILDERS = { U1, U2, U4, I1, I2, I4, F4, F8 } as const;

function makeItem(type: SecsItemType, value: Exclude<ItemValue, SecsItem>): SecsItem {
  switch (type) {
    case 'A':
      return A(value as string);
    case 'J':
      return J(value as string);
    case 'C2':
      return C2(value as string);
    case 'B':
      return value instanceof Uint8Array ? B(value) : B(value as number);
    case 'BOOLEAN':
      return BOOLEAN(value as boolean);
    case 'U8':
      return U8(value as number | bigint);
    case 'I8':
      return I8(value as number | bigint);
    case 'L':
      throw new CatalogueValueError('a list cannot be built from a plain value');
    default:
      return NUMBER_BUILDERS[type](value as number);
  }
}

function describeValue(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'string') return `text '${value}'`;
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol')
    return `a value of type ${value === null ? 'null' : typeof value}`;
  return `${typeof value} ${String(value)}`;
}

/** A code item (ack codes, B[1]) from its number, its constant name ('ok') or an item. */
export function codeOf(name: string, value: number | string | SecsItem, ctx: BuildContext): SecsItem {
  if (typeof value !== 'string') return itemOf(name, value, ctx);
  const code = ctx.catalogue.constantValue(name, value);
  if (code === undefined) {
    const names = Object.values(ctx.catalogue.constants(name)).join(', ');
    throw new CatalogueValueError(`${name} has no constant named '${value}' (it has ${names || 'none'})`);
  }
  return itemOf(name, code, ctx);
}
