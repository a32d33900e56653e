import { HsmsProtocolError } from '../errors.js';

/**
 * Base of every error decodeItem throws for malformed bytes. `offset` is the byte offset (into the
 * input given to decodeItem) where the problem was found: the format byte of the offending item,
 * or the first byte that should not be there.
 */
export class SecsDecodeError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_DECODE';
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte offset ${offset})`);
    this.offset = offset;
  }
}

/** decodeItem was given 0 bytes; E5 has no empty item (even an empty list is 2 bytes). */
export class SecsEmptyInputError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_EMPTY_INPUT';
  constructor() {
    super('item input is empty (0 bytes)', 0);
  }
}

/** An item's length bytes or data, or a list's remaining elements, run past the end of the input. */
export class SecsTruncatedItemError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_TRUNCATED';
  /** Bytes the item still needs from `offset` on. */
  readonly needed: number;
  /** Bytes the input has from `offset` on. */
  readonly available: number;
  constructor(what: string, offset: number, needed: number, available: number) {
    super(`${what} needs ${needed} bytes but only ${available} remain`, offset);
    this.needed = needed;
    this.available = available;
  }
}

/** E5: a numeric item's byte count must be a whole number of elements (3 bytes of U2 is not). */
export class SecsElementSizeError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_ELEMENT_SIZE';
  readonly byteCount: number;
  readonly elementSize: number;
  constructor(type: string, offset: number, byteCount: number, elementSize: number) {
    super(`${type} item of ${byteCount} bytes is not a multiple of its ${elementSize}-byte element size`, offset);
    this.byteCount = byteCount;
    this.elementSize = elementSize;
  }
}

/** C2 data starts with a 2-byte encoding code, so fewer than 2 data bytes is malformed. */
export class SecsLocalizedTooShortError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_LOCALIZED_TOO_SHORT';
  readonly byteCount: number;
  constructor(offset: number, byteCount: number) {
    super(`C2 item of ${byteCount} bytes is shorter than its 2-byte encoding code`, offset);
    this.byteCount = byteCount;
  }
}

/** Bytes follow the root item: a message body is exactly one item. */
export class SecsTrailingBytesError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_TRAILING_BYTES';
  readonly count: number;
  constructor(offset: number, count: number) {
    super(`${count} trailing bytes after the root item`, offset);
    this.count = count;
  }
}

/** The 6-bit format code of a format byte is none of the E5 codes (item-format.ts). */
export class SecsUnknownFormatError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_UNKNOWN_FORMAT';
  readonly formatByte: number;
  constructor(offset: number, formatByte: number) {
    super(`format byte 0x${hex2(formatByte)} has unknown format code 0o${(formatByte >> 2).toString(8).padStart(2, '0')}`, offset);
    this.formatByte = formatByte;
  }
}

/** E5: the low 2 bits of a format byte give 1..3 length bytes; 0 is illegal. */
export class SecsZeroLengthBytesError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_ZERO_LENGTH_BYTES';
  readonly formatByte: number;
  constructor(offset: number, formatByte: number) {
    super(`format byte 0x${hex2(formatByte)} declares 0 length bytes (E5 allows 1..3)`, offset);
    this.formatByte = formatByte;
  }
}

/** A list nests deeper than ItemDecodeLimits.maxDepth (guards every recursive consumer's stack). */
export class SecsMaxDepthExceededError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_MAX_DEPTH';
  readonly maxDepth: number;
  constructor(offset: number, maxDepth: number) {
    super(`list nesting exceeds maxDepth ${maxDepth}`, offset);
    this.maxDepth = maxDepth;
  }
}

/** The tree holds more items (lists and leaves) than ItemDecodeLimits.maxItems. */
export class SecsMaxItemsExceededError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_MAX_ITEMS';
  readonly maxItems: number;
  constructor(offset: number, maxItems: number) {
    super(`item count exceeds maxItems ${maxItems}`, offset);
    this.maxItems = maxItems;
  }
}

/** The input is longer than ItemDecodeLimits.maxBytes; `offset` is the first byte over the limit. */
export class SecsMaxBytesExceededError extends SecsDecodeError {
  static override readonly code: string = 'HSMS_DECODE_MAX_BYTES';
  readonly byteLength: number;
  readonly maxBytes: number;
  constructor(byteLength: number, maxBytes: number) {
    super(`item input of ${byteLength} bytes exceeds maxBytes ${maxBytes}`, maxBytes);
    this.byteLength = byteLength;
    this.maxBytes = maxBytes;
  }
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
