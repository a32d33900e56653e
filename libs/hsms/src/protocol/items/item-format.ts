/**
 * SECS-II item formats (SEMI E5 section 6). The format byte is `(code << 2) | nLengthBytes`;
 * the codes below are the 6-bit format codes (written octal in the standard).
 */
export const ItemFormat = {
  L: 0o00, // list: length counts elements
  B: 0o10, // binary
  BOOLEAN: 0o11, // boolean, one byte each
  A: 0o20, // ASCII
  J: 0o21, // JIS-8
  C2: 0o22, // localized: 2-byte encoding code, then text
  I8: 0o30, // signed 8-byte
  I1: 0o31, // signed 1-byte
  I2: 0o32, // signed 2-byte
  I4: 0o34, // signed 4-byte
  F8: 0o40, // IEEE 754 double
  F4: 0o44, // IEEE 754 single
  U8: 0o50, // unsigned 8-byte
  U1: 0o51, // unsigned 1-byte
  U2: 0o52, // unsigned 2-byte
  U4: 0o54, // unsigned 4-byte
} as const;

export type SecsItemType = keyof typeof ItemFormat;
export type IntegerItemType = 'I1' | 'I2' | 'I4' | 'U1' | 'U2' | 'U4';
export type BigIntItemType = 'I8' | 'U8';
export type FloatItemType = 'F4' | 'F8';
export type NumericItemType = IntegerItemType | BigIntItemType | FloatItemType;

/** Bytes per element of each fixed-size format (L counts items, so it has none). */
export const ELEMENT_SIZE: Readonly<Record<Exclude<SecsItemType, 'L'>, number>> = {
  B: 1,
  BOOLEAN: 1,
  A: 1,
  J: 1,
  C2: 1,
  I1: 1,
  I2: 2,
  I4: 4,
  I8: 8,
  U1: 1,
  U2: 2,
  U4: 4,
  U8: 8,
  F4: 4,
  F8: 8,
};

/** Largest length a 3-byte length field can hold (E5: 0xFFFFFF). */
export const MAX_ITEM_LENGTH = 0xffffff;

const codeToType = new Array<SecsItemType | undefined>(64);
for (const [name, code] of Object.entries(ItemFormat)) codeToType[code] = name as SecsItemType;

/** The item type for a 6-bit format code, or undefined for a code E5 does not define. */
export function itemTypeOfCode(code: number): SecsItemType | undefined {
  return codeToType[code & 0x3f];
}

/** Inclusive ranges of the integer formats. */
export const INTEGER_RANGE: Readonly<Record<IntegerItemType, readonly [number, number]>> = {
  I1: [-0x80, 0x7f],
  I2: [-0x8000, 0x7fff],
  I4: [-0x80000000, 0x7fffffff],
  U1: [0, 0xff],
  U2: [0, 0xffff],
  U4: [0, 0xffffffff],
};

export const BIGINT_RANGE: Readonly<Record<BigIntItemType, readonly [bigint, bigint]>> = {
  I8: [-(1n << 63n), (1n << 63n) - 1n],
  U8: [0n, (1n << 64n) - 1n],
};

/** C2 encoding codes this library can convert to and from text (E5 table of localized codes). */
export const C2Encoding = {
  /** ISO 10646 UCS-2 (big-endian 16-bit code units). */
  UCS2: 1,
  /** UTF-8. */
  UTF8: 2,
  /** ISO 646 (7-bit ASCII). */
  ASCII: 3,
  /** ISO 8859-1 (Latin-1). */
  LATIN1: 4,
} as const;
export type C2EncodingCode = number;
