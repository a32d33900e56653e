import { SecsItemValueError } from '../errors.js';
import { ELEMENT_SIZE, type SecsItemType } from '../items/item-format.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS } from '../items/item-decoder.js';
import type { SecsItem } from '../items/secs-item.js';
import { readIntegerLiteral } from './sml-number-literal.js';
import { readWholeNumberOption } from './sml-option-checks.js';
import { positionAt } from './sml-parse-error.js';
import { abbreviate, type SmlScanner } from './sml-scanner.js';
import { itemTypeOfSmlName } from './sml-type-names.js';
import { createValueReader, DEFAULT_C2_ENCODING, type SmlValueReader } from './sml-value-readers.js';

export interface SmlParseOptions {
  /** Deepest list nesting accepted (root = 1), as the binary decoder's maxDepth. Default 64. */
  maxDepth?: number;
  /**
   * Most items (lists and leaves) in one parsed tree, as the binary decoder's maxItems. Default
   * 1,000,000: text we accept must be a message a receiver with default limits accepts too.
   */
  maxItems?: number;
}

export const DEFAULT_SML_MAX_DEPTH = DEFAULT_MAX_DEPTH;
export const DEFAULT_SML_MAX_ITEMS = DEFAULT_MAX_ITEMS;

export function readMaxDepth(options: SmlParseOptions): number {
  return readWholeNumberOption('maxDepth', options.maxDepth, DEFAULT_SML_MAX_DEPTH, 1, false);
}

export function readMaxItems(options: SmlParseOptions): number {
  return readWholeNumberOption('maxItems', options.maxItems, DEFAULT_SML_MAX_ITEMS, 1, false);
}

/** An item between its '<' and '>': what its head said, and the reader of its values. */
interface OpenItem {
  readonly type: SecsItemType;
  readonly openAt: number;
  readonly count: number | undefined;
  /** The count as written, for the error message. */
  readonly countText: string;
  readonly countAt: number;
  readonly values: SmlValueReader;
}

/**
 * Reads one item starting at the current token ('<') and leaves the scanner on the token after its
 * '>'. A loop over a stack of open items rather than recursion: the depth limit is an option, and
 * no limit value can make the parser overflow the call stack.
 */
export function readSmlItem(scanner: SmlScanner, maxDepth: number, maxItems = DEFAULT_SML_MAX_ITEMS): SecsItem {
  const open: OpenItem[] = [];
  let items = 0;
  for (;;) {
    const top = open.at(-1);
    switch (scanner.kind()) {
      case 'open':
        if (top !== undefined && top.type !== 'L') {
          throw scanner.error(`${top.type} cannot hold items: expected a value or '>', found '<'`);
        }
        if (open.length >= maxDepth) throw scanner.error(`items nested deeper than ${maxDepth} levels (maxDepth)`);
        if (++items > maxItems) throw scanner.error(`more than ${maxItems} items (maxItems, the decoder's limit too)`);
        open.push(readItemHead(scanner));
        break;
      case 'close': {
        const item = finishItem(scanner, top!);
        open.pop();
        scanner.next();
        const parent = open.at(-1);
        if (parent === undefined) return item;
        parent.values.child(item);
        break;
      }
      case 'word':
        top!.values.word(scanner);
        scanner.next();
        break;
      case 'string':
        top!.values.string(scanner);
        scanner.next();
        break;
      case 'bracket':
        throw scanner.error(`a count or attribute in [] goes right after the type name, before the values`);
      case 'end': {
        const { line, column } = positionAt(scanner.source, top!.openAt);
        throw scanner.error(`expected '>' to close the ${top!.type} opened at line ${line}, column ${column}`);
      }
    }
  }
}

/** Reads `<TYPE [count] [encoding=N]` and leaves the scanner on the first value (or '>'). */
function readItemHead(scanner: SmlScanner): OpenItem {
  const openAt = scanner.start;
  scanner.next();
  if (scanner.kind() !== 'word') throw scanner.error(`expected an item type after '<', found ${scanner.describe()}`);
  const typeName = scanner.raw;
  const type = itemTypeOfSmlName(typeName);
  if (type === undefined) {
    throw scanner.error(
      `unknown item type ${scanner.describe()}: expected L, B, BOOLEAN, A, J, C2, I1, I2, I4, I8, U1, U2, U4, U8, F4 or F8`,
    );
  }
  scanner.next();
  let count: number | undefined;
  let countText = '';
  let countAt = openAt;
  let encoding: number = DEFAULT_C2_ENCODING;
  while (scanner.kind() === 'bracket') {
    const content = scanner.raw.trim();
    const counted = /^(\d+)\s*(?:\/\s*\d+)?$/.exec(content);
    const encoded = type === 'C2' ? /^encoding\s*=\s*(\S+)$/i.exec(content) : null;
    if (counted !== null && count !== undefined) throw scanner.error(`expected one count only, found a second one ${scanner.describe()}`);
    if (counted !== null) {
      count = Number(counted[1]); // `[6/1]`: the count, then the number of length bytes, which we ignore
      countText = abbreviate(counted[1]!);
      countAt = scanner.start;
    } else if (encoded !== null) {
      encoding = readEncoding(scanner, encoded[1]!);
    } else {
      const expected = type === 'C2' ? 'a count such as [2] or [2/1], or [encoding=N]' : 'a count such as [2] or [2/1]';
      throw scanner.error(`expected ${expected}, found ${scanner.describe()}`);
    }
    scanner.next();
  }
  return { type, openAt, count, countText, countAt, values: createValueReader(type, encoding) };
}

function readEncoding(scanner: SmlScanner, word: string): number {
  const code = readIntegerLiteral(word);
  if (typeof code !== 'number' || code < 0 || code > 0xffff) {
    throw scanner.error(`C2 encoding ${abbreviate(word)} is not a 16-bit code (0..65535)`);
  }
  return code;
}

function finishItem(scanner: SmlScanner, item: OpenItem): SecsItem {
  let built: SecsItem;
  try {
    built = item.values.build();
  } catch (error) {
    if (error instanceof SecsItemValueError) throw scanner.error(error.message, item.openAt);
    throw error;
  }
  if (item.count !== undefined && !countMatches(built, item.count)) {
    throw scanner.error(`count [${item.countText}] does not match the ${describeLength(built)} of this ${item.type}`, item.countAt);
  }
  return built;
}

/**
 * Whether a printed `[count]` agrees with the values. The count is the item's length (children,
 * bytes, characters, values). Tools differ on what they count, so a numeric item also accepts its
 * byte size, and C2 its text bytes with or without the 2-byte encoding code.
 */
function countMatches(item: SecsItem, count: number): boolean {
  if (count === item.length) return true;
  if (item.type === 'C2') return count === item.bytes.length;
  if (item.type === 'L' || item.type === 'A' || item.type === 'J') return false;
  return count === item.length * ELEMENT_SIZE[item.type];
}

function describeLength(item: SecsItem): string {
  switch (item.type) {
    case 'L':
      return `${item.length} items`;
    case 'A':
    case 'J':
      return `${item.length} characters`;
    case 'B':
      return `${item.length} bytes`;
    case 'C2':
      return `${item.bytes.length} text bytes`;
    default:
      return `${item.length} values`;
  }
}
