import { HsmsProtocolError, SecsItemValueError } from '../errors.js';
import { ItemFormat, MAX_ITEM_LENGTH } from './item-format.js';
import type { SecsItem, SecsList } from './secs-item.js';
import { encodeJis8 } from './text-codecs.js';

/**
 * SECS-II item encoder (E5 section 6): format byte `(code << 2) | nLengthBytes`, the fewest
 * big-endian length bytes (1..3; an empty item still has one), then the data.
 *
 * Two passes: `encodedItemSize` measures the whole tree (cheap: every length is known without
 * encoding anything), then the tree is written into one buffer of exactly that size. No
 * intermediate buffers, no concatenation. Both passes walk the tree with an explicit stack, so a
 * deeply nested item built by hand cannot overflow the call stack.
 *
 * Layers that frame the body themselves (the HSMS send path writes length + header + body into
 * one buffer) use `encodedItemSize` and `encodeItemInto`; everyone else uses `encodeItem`.
 */

/** The target given to encodeItemInto has too little room after `offset` for the item. */
export class SecsEncodeSpaceError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_ENCODE_SPACE';
}

/** Bytes the encoded item takes: format byte, length bytes and data, of the item and all its children. */
export function encodedItemSize(item: SecsItem): number {
  if (item.type !== 'L') return leafSize(item);
  let total = 0;
  const lists: SecsList[] = [item];
  while (lists.length > 0) {
    const children = lists.pop()!.items;
    total += 1 + lengthByteCount(children.length);
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'L') lists.push(child);
      else total += leafSize(child);
    }
  }
  return total;
}

/** The item encoded into a new buffer of exactly its size. */
export function encodeItem(item: SecsItem): Buffer {
  const out = Buffer.allocUnsafe(encodedItemSize(item));
  writeItem(item, out, 0);
  return out;
}

/**
 * Writes the encoded item into `target` at `offset` and returns the offset just after it.
 * Throws SecsEncodeSpaceError, before writing anything, if the item does not fit. (An item made
 * with a raw constructor holding a value its format cannot carry throws SecsItemValueError,
 * possibly after part of it was written; the builders never make such items.)
 */
export function encodeItemInto(item: SecsItem, target: Uint8Array, offset = 0): number {
  const size = encodedItemSize(item);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > target.length) {
    throw new SecsEncodeSpaceError(`item of ${size} bytes does not fit at offset ${offset} of a ${target.length}-byte target`);
  }
  const out = Buffer.isBuffer(target) ? target : Buffer.from(target.buffer, target.byteOffset, target.byteLength);
  return writeItem(item, out, offset);
}

type Leaf = Exclude<SecsItem, SecsList>;

/** Data bytes of a leaf (its length field). */
function leafLength(item: Leaf): number {
  switch (item.type) {
    case 'B':
    case 'C2':
      return item.length;
    case 'A':
    case 'J':
      return item.value.length; // one byte per character (Latin-1 / JIS X 0201)
    case 'BOOLEAN':
    case 'I1':
    case 'U1':
      return item.values.length;
    case 'I2':
    case 'U2':
      return item.values.length * 2;
    case 'I4':
    case 'U4':
    case 'F4':
      return item.values.length * 4;
    case 'I8':
    case 'U8':
    case 'F8':
      return item.values.length * 8;
  }
}

function leafSize(item: Leaf): number {
  const length = leafLength(item);
  return 1 + lengthByteCount(length) + length;
}

function lengthByteCount(length: number): number {
  if (length <= 0xff) return 1;
  if (length <= 0xffff) return 2;
  if (length <= MAX_ITEM_LENGTH) return 3;
  throw new SecsItemValueError(`item length ${length} exceeds the E5 maximum of ${MAX_ITEM_LENGTH}`);
}

/** The output buffer, where to write next, and a DataView for the float formats made on first use. */
interface Output {
  readonly bytes: Buffer;
  pos: number;
  view: DataView | undefined;
}

/**
 * Writes the tree in pre-order (a list's header, then its children) and returns the end offset.
 * The open lists and the next child of each are kept on explicit stacks.
 */
function writeItem(root: SecsItem, bytes: Buffer, offset: number): number {
  const out: Output = { bytes, pos: offset, view: undefined };
  if (root.type !== 'L') {
    writeLeaf(root, out);
    return out.pos;
  }
  writeHeader(out, ItemFormat.L, root.items.length);
  const lists: Array<readonly SecsItem[]> = [root.items];
  const next: number[] = [0];
  let depth = 0;
  descend: while (depth >= 0) {
    const children = lists[depth]!;
    for (let i = next[depth]!; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'L') {
        writeHeader(out, ItemFormat.L, child.items.length);
        next[depth] = i + 1;
        depth++;
        lists[depth] = child.items;
        next[depth] = 0;
        continue descend;
      }
      writeLeaf(child, out);
    }
    depth--;
  }
  return out.pos;
}

function writeHeader(out: Output, code: number, length: number): void {
  const n = lengthByteCount(length);
  const bytes = out.bytes;
  let pos = out.pos;
  bytes[pos++] = (code << 2) | n;
  if (n === 3) bytes[pos++] = length >>> 16;
  if (n >= 2) bytes[pos++] = (length >>> 8) & 0xff;
  bytes[pos++] = length & 0xff;
  out.pos = pos;
}

/**
 * Writes a leaf's header and data. Each case names its format code as a constant (a lookup by
 * the type string would be a slow keyed load on this hot path). Uint8Array stores keep the low
 * 8 bits, which is what the integer formats want.
 */
function writeLeaf(item: Leaf, out: Output): void {
  const bytes = out.bytes;
  switch (item.type) {
    case 'B':
      writeHeader(out, ItemFormat.B, item.bytes.length);
      copyBytes(item.bytes, bytes, out.pos);
      out.pos += item.bytes.length;
      return;
    case 'A':
      writeHeader(out, ItemFormat.A, item.value.length);
      writeLatin1(item.value, bytes, out.pos);
      out.pos += item.value.length;
      return;
    case 'J':
      writeHeader(out, ItemFormat.J, item.value.length);
      bytes.set(encodeJis8(item.value), out.pos);
      out.pos += item.value.length;
      return;
    case 'C2': {
      writeHeader(out, ItemFormat.C2, item.bytes.length + 2);
      const pos = out.pos;
      bytes[pos] = item.encoding >>> 8;
      bytes[pos + 1] = item.encoding & 0xff;
      copyBytes(item.bytes, bytes, pos + 2);
      out.pos = pos + 2 + item.bytes.length;
      return;
    }
    case 'BOOLEAN': {
      const v = item.values;
      writeHeader(out, ItemFormat.BOOLEAN, v.length);
      const pos = out.pos;
      for (let i = 0; i < v.length; i++) bytes[pos + i] = v[i] ? 1 : 0;
      out.pos = pos + v.length;
      return;
    }
    case 'I1':
    case 'U1':
    case 'I2':
    case 'U2':
    case 'I4':
    case 'U4':
      writeIntegers(item.type, item.values, out);
      return;
    case 'I8':
    case 'U8':
      writeBigInts(item.type, item.values, out);
      return;
    case 'F4': {
      const v = item.values;
      writeHeader(out, ItemFormat.F4, v.length * 4);
      const view = viewOf(out);
      for (let i = 0; i < v.length; i++) view.setFloat32(out.pos + i * 4, v[i]!);
      out.pos += v.length * 4;
      return;
    }
    case 'F8': {
      const v = item.values;
      writeHeader(out, ItemFormat.F8, v.length * 8);
      const view = viewOf(out);
      for (let i = 0; i < v.length; i++) view.setFloat64(out.pos + i * 8, v[i]!);
      out.pos += v.length * 8;
      return;
    }
  }
}

function viewOf(out: Output): DataView {
  out.view ??= new DataView(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength);
  return out.view;
}

// Below this size a plain loop beats the native call overhead of set()/write().
const SMALL_COPY = 32;

function copyBytes(bytes: Uint8Array, out: Buffer, pos: number): void {
  if (bytes.length < SMALL_COPY) {
    for (let i = 0; i < bytes.length; i++) out[pos + i] = bytes[i]!;
  } else {
    out.set(bytes, pos);
  }
}

/** A keeps characters 0x00..0xFF byte for byte (secs-item.ts: the A builder refuses wider ones). */
function writeLatin1(text: string, out: Buffer, pos: number): void {
  if (text.length < SMALL_COPY) {
    for (let i = 0; i < text.length; i++) out[pos + i] = text.charCodeAt(i);
  } else {
    out.write(text, pos, text.length, 'latin1');
  }
}

/**
 * The builders check ranges, but the item classes can be constructed directly; a value that does
 * not fit its format would otherwise be silently truncated on the wire, so it is refused here.
 * Each check is one integer operation that round-trips exactly the representable values.
 */
function writeIntegers(type: 'I1' | 'U1' | 'I2' | 'U2' | 'I4' | 'U4', values: readonly number[], out: Output): void {
  const bytes = out.bytes;
  const n = values.length;
  switch (type) {
    case 'I1':
    case 'U1': {
      writeHeader(out, type === 'I1' ? ItemFormat.I1 : ItemFormat.U1, n);
      const pos = out.pos;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        checked(type, v, type === 'I1' ? (v << 24) >> 24 : v & 0xff);
        bytes[pos + i] = v;
      }
      out.pos = pos + n;
      return;
    }
    case 'I2':
    case 'U2': {
      writeHeader(out, type === 'I2' ? ItemFormat.I2 : ItemFormat.U2, n * 2);
      let pos = out.pos;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        checked(type, v, type === 'I2' ? (v << 16) >> 16 : v & 0xffff);
        bytes[pos++] = v >> 8;
        bytes[pos++] = v;
      }
      out.pos = pos;
      return;
    }
    case 'I4':
    case 'U4': {
      writeHeader(out, type === 'I4' ? ItemFormat.I4 : ItemFormat.U4, n * 4);
      let pos = out.pos;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        checked(type, v, type === 'I4' ? v | 0 : v >>> 0);
        bytes[pos++] = v >>> 24;
        bytes[pos++] = v >>> 16;
        bytes[pos++] = v >>> 8;
        bytes[pos++] = v;
      }
      out.pos = pos;
      return;
    }
  }
}

function checked(type: string, value: number, wrapped: number): void {
  if (wrapped !== value) throw new SecsItemValueError(`${type} value ${value} does not fit the format`);
}

function writeBigInts(type: 'I8' | 'U8', values: readonly bigint[], out: Output): void {
  writeHeader(out, type === 'I8' ? ItemFormat.I8 : ItemFormat.U8, values.length * 8);
  const view = viewOf(out);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const fits = typeof v === 'bigint' && (type === 'I8' ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v)) === v;
    if (!fits) throw new SecsItemValueError(`${type} value ${String(v)} does not fit the format`);
    view.setBigUint64(out.pos + i * 8, BigInt.asUintN(64, v)); // two's complement for I8
  }
  out.pos += values.length * 8;
}
