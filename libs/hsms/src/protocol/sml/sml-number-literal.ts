// Number words of SML values. Integers: decimal, 0x hex, 0b binary, 0o octal, each with an optional
// sign. Floats: decimal with optional fraction and exponent, NaN, Infinity/inf (any case, signed),
// or any integer form. Both readers are single passes over the word, so a word of a million digits
// costs a million steps, never more (BigInt only sees words short enough to matter).

interface IntegerParts {
  readonly negative: boolean;
  readonly radix: number;
  /** Offsets of the digits in the text, after sign, prefix and leading zeros (at least one digit). */
  readonly from: number;
  readonly to: number;
}

/** Beyond this many significant digits a value is larger than any 64-bit integer. */
const MAX_INTEGER_DIGITS: Readonly<Record<number, number>> = { 2: 64, 8: 22, 10: 20, 16: 16 };
/** Up to this many digits the value stays below 2^53, so plain arithmetic is exact. */
const SAFE_DIGITS: Readonly<Record<number, number>> = { 2: 53, 8: 17, 10: 15, 16: 13 };
/** Beyond this many binary digits (or the equivalent) a float is infinite anyway. */
const MAX_FLOAT_BITS = 1100;
const BITS_PER_DIGIT: Readonly<Record<number, number>> = { 2: 1, 8: 3, 16: 4 };
/** Stands for any integer too large for 64 bits, so range checks reject it (messages quote the word). */
const TOO_LARGE = 1n << 70n;

const PREFIX_OF_RADIX: Readonly<Record<number, string>> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** The value of digit character `c` in `radix`, or -1. */
function digitValue(c: number, radix: number): number {
  const value = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
  return value < radix ? value : -1;
}

function radixOfPrefix(c: number): number | undefined {
  switch (c) {
    case 0x78:
    case 0x58:
      return 16; // x X
    case 0x62:
    case 0x42:
      return 2; // b B
    case 0x6f:
    case 0x4f:
      return 8; // o O
    default:
      return undefined;
  }
}

function splitIntegerLiteral(text: string, start: number, end: number): IntegerParts | undefined {
  let i = start;
  const sign = text.charCodeAt(i);
  const negative = sign === 0x2d; // '-'
  if (negative || sign === 0x2b) i++; // '+'
  let radix = 10;
  const prefixRadix = text.charCodeAt(i) === 0x30 && i + 1 < end ? radixOfPrefix(text.charCodeAt(i + 1)) : undefined;
  if (prefixRadix !== undefined) {
    radix = prefixRadix;
    i += 2;
  }
  if (i >= end) return undefined;
  for (let k = i; k < end; k++) if (digitValue(text.charCodeAt(k), radix) < 0) return undefined;
  while (i < end - 1 && text.charCodeAt(i) === 0x30) i++;
  return { negative, radix, from: i, to: end };
}

/**
 * The integer that `text` (or its part from `start` to `end`) spells, or undefined when it is not an
 * integer literal. A number when below 2^53 in magnitude (the common case: no slicing, no BigInt),
 * a bigint otherwise. Offsets let the parser read a value in place in the source text.
 */
export function readIntegerLiteral(text: string, start = 0, end = text.length): number | bigint | undefined {
  const parts = splitIntegerLiteral(text, start, end);
  if (parts === undefined) return undefined;
  const { negative, radix, from, to } = parts;
  if (to - from > MAX_INTEGER_DIGITS[radix]!) return negative ? -TOO_LARGE : TOO_LARGE;
  if (to - from <= SAFE_DIGITS[radix]!) {
    let value = 0;
    for (let k = from; k < to; k++) value = value * radix + digitValue(text.charCodeAt(k), radix);
    return negative && value !== 0 ? -value : value; // the integer "-0" is 0, not the float -0
  }
  const value = BigInt(PREFIX_OF_RADIX[radix]! + text.slice(from, to));
  return negative ? -value : value;
}

// No nested quantifiers that can split the same digits two ways: linear on any word.
const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOATS = new Map<string, number>([
  ['nan', NaN],
  ['+nan', NaN],
  ['-nan', NaN],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

/** The float a word spells (as a double, correctly rounded), or undefined when it is not a number. */
export function readFloatLiteral(word: string): number | undefined {
  if (DECIMAL_FLOAT.test(word)) return Number(word);
  if (word.length <= 9) {
    const special = SPECIAL_FLOATS.get(word.toLowerCase());
    if (special !== undefined) return special;
  }
  const parts = splitIntegerLiteral(word, 0, word.length);
  if (parts === undefined) return undefined;
  const { negative, radix, from, to } = parts;
  const magnitude =
    (to - from) * (BITS_PER_DIGIT[radix] ?? 4) > MAX_FLOAT_BITS ? Infinity : Number(BigInt(PREFIX_OF_RADIX[radix]! + word.slice(from, to))); // Number(bigint) rounds to nearest
  return negative ? -magnitude : magnitude;
}
