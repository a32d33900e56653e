import { HsmsOptionError } from '../hsms-error.js';
import { ELEMENT_SIZE, ItemFormat, itemTypeOfCode, type SecsItemType } from './item-format.js';
import {
  SecsElementSizeError,
  SecsEmptyInputError,
  SecsLocalizedTooShortError,
  SecsMaxBytesExceededError,
  SecsMaxDepthExceededError,
  SecsMaxItemsExceededError,
  SecsTrailingBytesError,
  SecsTruncatedItemError,
  SecsUnknownFormatError,
  SecsZeroLengthBytesError,
} from './item-decode-errors.js';
import {
  SecsBigInt,
  SecsBinary,
  SecsBoolean,
  SecsFloat,
  SecsInteger,
  SecsList,
  SecsLocalized,
  SecsText,
  lazyArrayItem,
  type SecsItem,
} from './secs-item.js';
import { decodeJis8 } from './text-codecs.js';

// The decode errors are part of this module's surface (protocol/index.ts re-exports this file).
export * from './item-decode-errors.js';

export interface ItemDecodeLimits {
  /** Deepest list nesting accepted (root = 1). Default 64. */
  maxDepth?: number;
  /** Most items (lists and leaves) in one tree. Default 1,000,000. */
  maxItems?: number;
  /** Most bytes the decoder reads. Default: the input length. */
  maxBytes?: number;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_ITEMS = 1_000_000;

/** A list being filled: its children so far and how many are still to come. */
interface OpenList {
  readonly items: SecsItem[];
  remaining: number;
}

/**
 * Decodes exactly one SECS-II item (E5 section 6) from `bytes`.
 *
 * Every malformation throws a SecsDecodeError subclass carrying the byte offset; no other
 * exception escapes for any input. The walk is iterative (an explicit stack of open lists, at
 * most maxDepth deep), reads each byte once, and never allocates by a declared count: a list
 * grows as children arrive, and a count that cannot fit in the remaining bytes (every item takes
 * at least 2) is refused up front.
 *
 * Depth: the root list is at nesting level 1; a list at a level above maxDepth is refused. Leaves
 * do not count, so recursive consumers of a decoded tree recurse at most maxDepth + 1 deep.
 *
 * Zero copy: B data and C2 text bytes are views (plain Uint8Arrays over the memory of `bytes`),
 * not copies, because copying a 16 MiB B would double the cost of decoding it. This is safe
 * because the frame decoder gives every frame its own buffer; a caller that reuses its input
 * buffer after decoding must copy those bytes first. (A small B also keeps its whole input
 * buffer alive while it lives.)
 */
export function decodeItem(bytes: Uint8Array, limits?: ItemDecodeLimits): SecsItem {
  const maxDepth = limit(limits?.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH);
  const maxItems = limit(limits?.maxItems, 'maxItems', DEFAULT_MAX_ITEMS);
  const maxBytes = limit(limits?.maxBytes, 'maxBytes', Number.MAX_SAFE_INTEGER);
  const end = bytes.length;
  if (end === 0) throw new SecsEmptyInputError();
  if (end > maxBytes) throw new SecsMaxBytesExceededError(end, maxBytes);
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const memory = buf.buffer;
  const input: Input = { buf, view: new DataView(memory, buf.byteOffset, end), memory, base: buf.byteOffset };

  const open: OpenList[] = [];
  let pos = 0;
  let count = 0;
  for (;;) {
    // --- one item header at pos ---
    const start = pos;
    if (pos >= end) throw new SecsTruncatedItemError('list element', pos, 2, 0);
    if (++count > maxItems) throw new SecsMaxItemsExceededError(start, maxItems);
    const formatByte = buf[pos]!;
    const lengthBytes = formatByte & 3;
    if (lengthBytes === 0) throw new SecsZeroLengthBytesError(start, formatByte);
    const code = formatByte >> 2;
    const type = itemTypeOfCode(code);
    if (type === undefined) throw new SecsUnknownFormatError(start, formatByte);
    if (pos + 1 + lengthBytes > end) throw new SecsTruncatedItemError(`${type} length field`, start, 1 + lengthBytes, end - start);
    let length = buf[pos + 1]!;
    if (lengthBytes >= 2) length = (length << 8) | buf[pos + 2]!;
    if (lengthBytes === 3) length = (length << 8) | buf[pos + 3]!;
    pos += 1 + lengthBytes;

    let item: SecsItem;
    if (code === ItemFormat.L) {
      if (open.length + 1 > maxDepth) throw new SecsMaxDepthExceededError(start, maxDepth);
      if (length > 0) {
        if (length * 2 > end - pos)
          throw new SecsTruncatedItemError(`L of ${length} elements`, start, pos - start + length * 2, end - start);
        open.push({ items: [], remaining: length });
        continue;
      }
      item = new SecsList(NO_ITEMS);
    } else {
      if (length > end - pos) throw new SecsTruncatedItemError(`${type} item`, start, pos - start + length, end - start);
      item = readLeaf(code, input, pos, length, start);
      pos += length;
    }

    // --- hand the finished item to its list, closing every list it completes ---
    for (;;) {
      const parent = open[open.length - 1];
      if (parent === undefined) {
        if (pos !== end) throw new SecsTrailingBytesError(pos, end - pos);
        return item;
      }
      parent.items.push(item);
      if (--parent.remaining > 0) break;
      open.pop();
      item = new SecsList(Object.freeze(parent.items));
    }
  }
}

const NO_ITEMS: readonly SecsItem[] = Object.freeze([]);

/**
 * Numeric and BOOLEAN items of at least this many bytes keep their values in the received bytes
 * until first read (lazyArrayItem): decoding 16 MiB of U1 into an array took seconds and 300 MB.
 */
const LAZY_BYTES = 4096;

/** A numeric or BOOLEAN leaf of LAZY_BYTES or more, its values read on first access (length already checked). */
function lazyLeaf(code: number, input: Input, pos: number, length: number, start: number): SecsItem {
  const { buf, view } = input;
  const size = ELEMENT_SIZE[itemTypeOfCode(code) as Exclude<SecsItemType, 'L'>];
  const type = itemTypeOfCode(code)!;
  if (length % size !== 0) throw new SecsElementSizeError(type, start, length, size);
  const count = length / size;
  const at = (read: (p: number) => number) => (i: number) => read(pos + i * size);
  switch (code) {
    case ItemFormat.BOOLEAN:
      return lazyArrayItem(SecsBoolean.prototype, 'BOOLEAN', { count, at: (i) => buf[pos + i] !== 0 });
    case ItemFormat.I1:
      return lazyArrayItem(SecsInteger.prototype, 'I1', { count, at: at((p) => view.getInt8(p)) });
    case ItemFormat.U1:
      return lazyArrayItem(SecsInteger.prototype, 'U1', { count, at: at((p) => buf[p]!) });
    case ItemFormat.I2:
      return lazyArrayItem(SecsInteger.prototype, 'I2', { count, at: at((p) => view.getInt16(p)) });
    case ItemFormat.U2:
      return lazyArrayItem(SecsInteger.prototype, 'U2', { count, at: at((p) => view.getUint16(p)) });
    case ItemFormat.I4:
      return lazyArrayItem(SecsInteger.prototype, 'I4', { count, at: at((p) => view.getInt32(p)) });
    case ItemFormat.U4:
      return lazyArrayItem(SecsInteger.prototype, 'U4', { count, at: at((p) => view.getUint32(p)) });
    case ItemFormat.F4:
      return lazyArrayItem(SecsFloat.prototype, 'F4', { count, at: at((p) => view.getFloat32(p)) });
    case ItemFormat.F8:
      return lazyArrayItem(SecsFloat.prototype, 'F8', { count, at: at((p) => view.getFloat64(p)) });
    case ItemFormat.I8:
      return lazyArrayItem(SecsBigInt.prototype, 'I8', { count, at: (i) => view.getBigInt64(pos + i * 8) });
    default:
      return lazyArrayItem(SecsBigInt.prototype, 'U8', { count, at: (i) => view.getBigUint64(pos + i * 8) });
  }
}

/** Codes lazyLeaf handles: the numeric formats and BOOLEAN. */
const LAZY_CODES = new Set<number>([
  ItemFormat.BOOLEAN,
  ItemFormat.I1,
  ItemFormat.U1,
  ItemFormat.I2,
  ItemFormat.U2,
  ItemFormat.I4,
  ItemFormat.U4,
  ItemFormat.I8,
  ItemFormat.U8,
  ItemFormat.F4,
  ItemFormat.F8,
]);

/** The input seen three ways: bytes, numbers, and the memory under it (for zero-copy views). */
interface Input {
  readonly buf: Buffer;
  readonly view: DataView;
  readonly memory: ArrayBufferLike;
  /** Where `buf` starts in `memory`. */
  readonly base: number;
}

/** A window of the input that shares its memory (a plain Uint8Array costs half a Buffer subarray). */
function window(input: Input, pos: number, stop: number): Uint8Array {
  return new Uint8Array(input.memory, input.base + pos, stop - pos);
}

/**
 * The leaf with format `code` from `length` bytes at `pos` (the length is already checked
 * against the input). Switches on the numeric code, and reads numbers through a DataView, because
 * this is the decoder's hot path.
 */
function readLeaf(code: number, input: Input, pos: number, length: number, start: number): SecsItem {
  if (length >= LAZY_BYTES && LAZY_CODES.has(code)) return lazyLeaf(code, input, pos, length, start);
  const { buf, view } = input;
  const stop = pos + length;
  switch (code) {
    case ItemFormat.B:
      return new SecsBinary(window(input, pos, stop)); // a view: see decodeItem
    case ItemFormat.A:
      return new SecsText('A', buf.toString('latin1', pos, stop)); // Latin-1 keeps every byte (secs-item.ts)
    case ItemFormat.J:
      return new SecsText('J', decodeJis8(window(input, pos, stop)));
    case ItemFormat.C2:
      if (length < 2) throw new SecsLocalizedTooShortError(start, length);
      return new SecsLocalized((buf[pos]! << 8) | buf[pos + 1]!, window(input, pos + 2, stop));
    case ItemFormat.BOOLEAN: {
      const values: boolean[] = [];
      for (let p = pos; p < stop; p++) values.push(buf[p] !== 0); // E5: 0 is false, anything else true
      return new SecsBoolean(Object.freeze(values));
    }
    case ItemFormat.I1: {
      const values: number[] = [];
      for (let p = pos; p < stop; p++) values.push((buf[p]! << 24) >> 24);
      return new SecsInteger('I1', Object.freeze(values));
    }
    case ItemFormat.U1: {
      const values: number[] = [];
      for (let p = pos; p < stop; p++) values.push(buf[p]!);
      return new SecsInteger('U1', Object.freeze(values));
    }
    case ItemFormat.I2: {
      checkElementSize('I2', start, length, 2);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 2) values.push(view.getInt16(p));
      return new SecsInteger('I2', Object.freeze(values));
    }
    case ItemFormat.U2: {
      checkElementSize('U2', start, length, 2);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 2) values.push(view.getUint16(p));
      return new SecsInteger('U2', Object.freeze(values));
    }
    case ItemFormat.I4: {
      checkElementSize('I4', start, length, 4);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 4) values.push(view.getInt32(p));
      return new SecsInteger('I4', Object.freeze(values));
    }
    case ItemFormat.U4: {
      checkElementSize('U4', start, length, 4);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 4) values.push(view.getUint32(p));
      return new SecsInteger('U4', Object.freeze(values));
    }
    case ItemFormat.I8: {
      checkElementSize('I8', start, length, 8);
      const values: bigint[] = [];
      for (let p = pos; p < stop; p += 8) values.push(view.getBigInt64(p));
      return new SecsBigInt('I8', Object.freeze(values));
    }
    case ItemFormat.U8: {
      checkElementSize('U8', start, length, 8);
      const values: bigint[] = [];
      for (let p = pos; p < stop; p += 8) values.push(view.getBigUint64(p));
      return new SecsBigInt('U8', Object.freeze(values));
    }
    case ItemFormat.F4: {
      checkElementSize('F4', start, length, 4);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 4) values.push(view.getFloat32(p));
      return new SecsFloat('F4', Object.freeze(values));
    }
    case ItemFormat.F8: {
      checkElementSize('F8', start, length, 8);
      const values: number[] = [];
      for (let p = pos; p < stop; p += 8) values.push(view.getFloat64(p));
      return new SecsFloat('F8', Object.freeze(values));
    }
    default: // the caller refuses unknown codes first; kept so a new code cannot be misread
      throw new SecsUnknownFormatError(start, buf[start]!);
  }
}

/** E5: a numeric item's byte count is a whole number of elements. */
function checkElementSize(type: string, start: number, length: number, size: number): void {
  if (length % size !== 0) throw new SecsElementSizeError(type, start, length, size);
}

function limit(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new HsmsOptionError(name, `must be a positive integer, got ${String(value)}`);
  return value;
}
