import { SecsMessage } from '../secs-message.js';
import type { SecsItem } from '../items/secs-item.js';
import { readMaxDepth, readMaxItems, readSmlItem, type SmlParseOptions } from './sml-item-parser.js';
import { abbreviate, SmlScanner } from './sml-scanner.js';

// What parseSml reads (see also sml-item-parser.ts and sml-value-readers.ts):
//   [name:] header [W] [item] [.]      then only spaces and // comments to the end
//   header: S<stream>F<function>, any case, bare or quoted ('S1F1', "S1F1"), W glued on or apart
//   name:   a label before a ':' on the header's line, as secs4net prints (`Are you there?:'S1F1' W`)

const HEADER = /^S(\d+)F(\d+)(W?)$/i;

/** Reads one SML message. Throws SmlParseError (with line and column) for anything else. */
export function parseSml(text: string, options: SmlParseOptions = {}): SecsMessage {
  const maxDepth = readMaxDepth(options);
  const maxItems = readMaxItems(options);
  const scanner = new SmlScanner(text);
  scanner.skipMessageName();
  scanner.next();
  const { stream, fn, wBit } = readHeader(scanner);
  let body: SecsItem | undefined;
  if (scanner.kind() === 'open') body = readSmlItem(scanner, maxDepth, maxItems);
  if (scanner.kind() === 'word' && scanner.raw === '.') scanner.next();
  if (scanner.kind() !== 'end') {
    const expected = body === undefined ? `'<', '.' or the end after the header` : `'.' or the end after the item`;
    throw scanner.error(`expected ${expected}, found ${scanner.describe()}`);
  }
  return new SecsMessage(stream, fn, wBit, body);
}

/** Reads one SML item (no header, no '.'), such as `<L [2] <A "x"> <U4 1>>`. */
export function parseSmlItem(text: string, options: SmlParseOptions = {}): SecsItem {
  const maxDepth = readMaxDepth(options);
  const maxItems = readMaxItems(options);
  const scanner = new SmlScanner(text);
  scanner.next();
  if (scanner.kind() !== 'open') throw scanner.error(`expected '<' to start an item, found ${scanner.describe()}`);
  const item = readSmlItem(scanner, maxDepth, maxItems);
  if (scanner.kind() !== 'end') throw scanner.error(`expected the end after the item, found ${scanner.describe()}`);
  return item;
}

/** Reads `S1F13 W` (stream 0..127, function 0..255, as SecsMessage allows) and moves past it. */
function readHeader(scanner: SmlScanner): { stream: number; fn: number; wBit: boolean } {
  const at = scanner.start;
  const word = scanner.kind() === 'word' ? scanner.raw : scanner.kind() === 'string' ? scanner.text.trim() : '';
  const match = HEADER.exec(word);
  if (match === null) throw scanner.error(`expected a message header such as S1F13 or 'S1F13', found ${scanner.describe()}`);
  const stream = Number(match[1]);
  const fn = Number(match[2]);
  if (stream > 127) throw scanner.error(`stream ${abbreviate(match[1]!)} is outside 0..127`, at);
  if (fn > 255) throw scanner.error(`function ${abbreviate(match[2]!)} is outside 0..255`, at);
  let wBit = match[3] !== '';
  scanner.next();
  if (!wBit && scanner.kind() === 'word' && scanner.raw.toUpperCase() === 'W') {
    wBit = true;
    scanner.next();
  }
  return { stream, fn, wBit };
}
