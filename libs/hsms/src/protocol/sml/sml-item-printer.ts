import { C2Encoding } from '../items/item-format.js';
import {
  valueAt,
  type SecsBigInt,
  type SecsBoolean,
  type SecsFloat,
  type SecsInteger,
  type SecsItem,
  type SecsList,
  type SecsLocalized,
} from '../items/secs-item.js';
import { encodeC2Text } from '../items/text-codecs.js';
import { formatF4, formatF8, formatInteger } from './sml-number-format.js';
import { readPrintCap, type SmlPrintOptions } from './sml-print-options.js';
import { SmlPrintOutput } from './sml-print-output.js';
import { quoteSmlText } from './sml-text-format.js';

// The canonical SML form of each item type (two spaces of indent per level):
//   <L [2]                 a list: the count, then one child per line, then '>' on its own line
//     <A "x">
//   >
//   <L [0]>                an empty list
//   <A "text">  <J "text"> text, escaped as sml-text-format.ts says; no count
//   <C2 "text">            UTF-8 C2; another encoding adds [encoding=N]: <C2 [encoding=1] "text">
//   <C2 [encoding=7] 0x82 0xA0> // "..."   C2 bytes that do not survive text -> bytes are printed as
//                          bytes, with the decoded text (when there is one) as a comment
//   <B [2] 0x00 0x1F>      bytes in hex, upper-case digits
//   <BOOLEAN [2] T F>
//   <U4 [2] 1 4294967295>  integers (I8/U8 too) in decimal
//   <F8 [4] 0.1 NaN -Infinity -0>   floats as sml-number-format.ts says
//   <U4 [0]>               an empty array
// Every line parses back (parseSmlItem) to an equal item; capped prints (SmlPrintOptions) add
// `... N more`, which the parser refuses.
// This module imports types and valueAt() (called only while printing) from secs-item.ts, which imports it for item.toSml().

/** SML text of `item`, indented by `indent` levels of two spaces. */
export function printItemSml(item: SecsItem, indent = 0, options: SmlPrintOptions = {}): string {
  const out = new SmlPrintOutput(readPrintCap(options, 'maxLength'));
  writeItemSml(out, item, indent, readPrintCap(options, 'maxValues'));
  return out.toString();
}

interface OpenList {
  readonly list: SecsList;
  readonly indent: number;
  next: number;
}

/**
 * Adds the lines of `root` to `out`. Iterative rather than recursive: a tree built in code can be
 * nested deeper than the stack (decoded and parsed trees are depth-capped, built ones are not).
 */
export function writeItemSml(out: SmlPrintOutput, root: SecsItem, indent: number, maxValues: number): void {
  const open: OpenList[] = [];
  let pending: SecsItem | undefined = root;
  let level = indent;
  while (!out.full) {
    if (pending !== undefined) {
      if (pending.type === 'L' && pending.length > 0) {
        out.addLine(`${pad(level)}<L [${pending.length}]`);
        open.push({ list: pending, indent: level, next: 0 });
      } else {
        out.addLine(pad(level) + leafSml(pending, maxValues, out.remaining));
      }
      pending = undefined;
    }
    const top = open.at(-1);
    if (top === undefined) return;
    const shown = Math.min(top.list.length, maxValues);
    if (top.next < shown) {
      pending = top.list.items[top.next++];
      level = top.indent + 1;
      continue;
    }
    if (shown < top.list.length) out.addLine(`${pad(top.indent + 1)}... ${top.list.length - shown} more`);
    out.addLine(`${pad(top.indent)}>`);
    open.pop();
  }
}

function pad(level: number): string {
  return '  '.repeat(level);
}

/** One line for a leaf (or an empty list), at most about `budget` characters of values. */
function leafSml(item: SecsItem, maxValues: number, budget: number): string {
  switch (item.type) {
    case 'L':
      return '<L [0]>';
    case 'A':
    case 'J':
      return `<${item.type} ${cappedText(item.type, item.value, maxValues, budget)}>`;
    case 'C2':
      return localizedSml(item, maxValues, budget);
    case 'B': {
      const shown = Math.min(item.length, maxValues, Math.ceil(budget / 5));
      return arraySml('B', item.length, shown, hexBytes(item.bytes, shown));
    }
    case 'BOOLEAN': {
      const shown = Math.min(item.length, maxValues, Math.ceil(budget / 2));
      return arraySml(
        'BOOLEAN',
        item.length,
        shown,
        joinFirst(item, shown, (v) => (v ? 'T' : 'F')),
      );
    }
    case 'F4':
    case 'F8': {
      const shown = Math.min(item.length, maxValues, Math.ceil(budget / 2));
      return arraySml(item.type, item.length, shown, joinFirst(item, shown, item.type === 'F4' ? formatF4 : formatF8));
    }
    default: {
      const shown = Math.min(item.length, maxValues, Math.ceil(budget / 2));
      return arraySml(item.type, item.length, shown, joinFirst<number | bigint>(item, shown, formatInteger));
    }
  }
}

/** `<TYPE [total] values>`, with `... N more` when only `shown` of `total` values are printed. */
function arraySml(type: string, total: number, shown: number, values: string): string {
  const more = shown < total ? ` ... ${total - shown} more` : '';
  return `<${type} [${total}]${shown > 0 ? ' ' : ''}${values}${more}>`;
}

/** The first `count` values, read one by one (valueAt): a capped print of a decoded 16 MiB U1 reads only those. */
function joinFirst<T>(item: SecsBoolean | SecsInteger | SecsBigInt | SecsFloat, count: number, format: (value: T) => string): string {
  const parts = new Array<string>(count);
  for (let i = 0; i < count; i++) parts[i] = format(valueAt(item, i) as T);
  return parts.join(' ');
}

const HEX_DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');

/** The first `count` bytes as `0x00 0x1F ...`, written into one buffer: linear for 16 MiB. */
function hexBytes(bytes: Uint8Array, count: number): string {
  if (count === 0) return '';
  const out = Buffer.allocUnsafe(count * 5 - 1);
  for (let i = 0, o = 0; i < count; i++, o += 5) {
    const b = bytes[i]!;
    out[o] = 0x30; // '0'
    out[o + 1] = 0x78; // 'x'
    out[o + 2] = HEX_DIGITS[b >> 4]!;
    out[o + 3] = HEX_DIGITS[b & 0x0f]!;
    if (i + 1 < count) out[o + 4] = 0x20; // ' '
  }
  return out.toString('latin1');
}

function cappedText(type: 'A' | 'J' | 'C2', text: string, maxValues: number, budget: number): string {
  const shown = Math.min(text.length, maxValues, budget);
  const quoted = quoteSmlText(type, shown < text.length ? text.slice(0, shown) : text);
  return shown < text.length ? `${quoted} ... ${text.length - shown} more` : quoted;
}

function localizedSml(item: SecsLocalized, maxValues: number, budget: number): string {
  const head = item.encoding === C2Encoding.UTF8 ? '<C2' : `<C2 [encoding=${item.encoding}]`;
  const text = decodedText(item);
  if (text !== undefined && reencodes(item, text)) return `${head} ${cappedText('C2', text, maxValues, budget)}>`;
  const shown = Math.min(item.bytes.length, maxValues, Math.ceil(budget / 5));
  const more = shown < item.bytes.length ? ` ... ${item.bytes.length - shown} more` : '';
  const line = `${head}${shown > 0 ? ' ' : ''}${hexBytes(item.bytes, shown)}${more}>`;
  // Bytes we can decode but not write back from text (Shift-JIS, invalid UTF-8): show the text too.
  return text === undefined ? line : `${line} // ${cappedText('C2', text, maxValues, budget)}`;
}

// Both helpers catch every error, not only SecsItemValueError: a runtime without full ICU throws
// RangeError from TextDecoder, and the bytes form they fall back to is always exact, so a log line
// never fails because of an exotic encoding.

function decodedText(item: SecsLocalized): string | undefined {
  try {
    return item.value;
  } catch {
    return undefined; // an encoding this runtime cannot decode
  }
}

/** Whether printing `text` loses nothing: parsing it encodes it back to exactly the item's bytes. */
function reencodes(item: SecsLocalized, text: string): boolean {
  try {
    return Buffer.compare(encodeC2Text(item.encoding, text), item.bytes) === 0;
  } catch {
    return false; // an encoding we decode but cannot encode
  }
}
