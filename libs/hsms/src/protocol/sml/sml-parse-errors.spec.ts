import { describe, expect, it } from 'vitest';
import { HsmsProtocolError } from '../errors.js';
import { B, J, U4 } from '../items/secs-item.js';
import { parseSml, parseSmlItem } from './sml-message-parser.js';
import { HsmsOptionError } from '../hsms-error.js';
import { SmlParseError } from './sml-parse-error.js';
import { printItemSml } from './sml-item-printer.js';

/** The SmlParseError that parsing `text` throws (fails the test if it throws nothing or something else). */
function parseError(parse: () => unknown): SmlParseError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SmlParseError);
    return error as SmlParseError;
  }
  throw new Error('expected an SmlParseError, but parsing succeeded');
}

describe('SmlParseError positions and messages', () => {
  // Inputs starting with '<' (or blank) go to parseSmlItem, the rest to parseSml.
  const cases: Array<[string, string, number, number, RegExp]> = [
    ['a value out of range, at the value', 'S1F1 W\n<L\n  <U1 256>\n>\n.', 3, 7, /U1 value '256' is outside 0\.\.255/],
    ['an unknown type, at the type name', 'S1F1 W\n<L\n  <X4 1>\n>', 3, 4, /unknown item type 'X4'/],
    [
      'a missing >, at the end, naming the open item',
      'S1F1 W\n<L\n  <A "x">\n',
      4,
      1,
      /expected '>' to close the L opened at line 2, column 1/,
    ],
    ['an unterminated string, at its opening quote', '<L\n <A "abc>\n>', 2, 5, /unterminated string: expected a closing "/],
    ['a count that does not match, at the count', '<L [3]\n  <U1 1>\n>', 1, 4, /count \[3\] does not match the 1 items of this L/],
    ['a text count that does not match', '<A [2] "abc">', 1, 4, /count \[2\] does not match the 3 characters/],
    ['text in a numeric item, at the string', '<U4 1 "2">', 1, 7, /U4 takes numbers, not quoted text/],
    ['an item inside a leaf, at the <', '<U4 1 <U4 2>>', 1, 7, /U4 cannot hold items/],
    ['a value in a list, at the value', '<L 1>', 1, 4, /an L holds items only: expected '<' or '>', found '1'/],
    ['a non-number in F8', '<F8 1.2.3>', 1, 5, /expected a number for F8, found '1\.2\.3'/],
    ['a float in an integer item', '<I4 1.5>', 1, 5, /expected an integer for I4/],
    ['a finite float beyond F4', '<F4 1e39>', 1, 5, /F4 value '1e39' is outside the float32 range/],
    ['a wide character in A', '<A "ok" "日">', 1, 9, /A text holds U\+65E5/],
    ['a character J cannot hold', '<J "é日">', 1, 4, /outside JIS X 0201/],
    ['a bad \\x escape, at the backslash', '<A "ab\\xZZ">', 1, 7, /expected two hex digits after \\x/],
    ['a bad count bracket', '<U4 [two] 1>', 1, 5, /expected a count such as \[2\]/],
    ['an unclosed bracket', '<U4 [2 1>', 1, 5, /expected '\]' to close this '\['/],
    ['a count after the values', '<U4 1 [1]>', 1, 7, /goes right after the type name/],
    ['a missing header', '// no header\n  [2] <U4 1>', 2, 3, /expected a message header such as S1F13/],
    ['a stream out of range', '\nS128F1', 2, 1, /stream 128 is outside 0\.\.127/],
    ['a function out of range', 'S1F256', 1, 1, /function 256 is outside 0\.\.255/],
    ['text after the closing dot', 'S1F1 W\n.\nS1F2', 3, 1, /expected '\.' or the end|expected '<', '\.' or the end/],
    ['two bodies', 'S1F1 W <L> <L>', 1, 12, /expected '\.' or the end after the item, found '<'/],
    ['values elided by a capped print', '<B [5] 0x01 ... 4 more>', 1, 13, /capped print/],
    ['a stray ]', '<U4 ] 1>', 1, 5, /unexpected '\]'/],
    ['an empty input for an item', '  ', 1, 3, /expected '<' to start an item, found end of input/],
    ['columns after a CRLF line break', 'S1F1\r\n<U1 -1>', 2, 5, /U1 value '-1' is outside/],
    ['a C2 encoding that is not 16-bit', '<C2 [encoding=70000] "x">', 1, 5, /C2 encoding 70000 is not a 16-bit code/],
    ['C2 text in an encoding we cannot write', '<C2 [encoding=7] "x">', 1, 18, /C2 encoding 7 cannot be written from text/],
  ];
  it.each(cases)('reports %s', (_name, text, line, column, message) => {
    const parse = text.startsWith('<') || text.trim() === '' ? () => parseSmlItem(text) : () => parseSml(text);
    const error = parseError(parse);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toMatch(message);
    expect(error.message).toBe(`${error.reason} (line ${line}, column ${column})`);
  });

  it('is an HsmsProtocolError named SmlParseError', () => {
    const error = parseError(() => parseSmlItem('<'));
    expect(error).toBeInstanceOf(HsmsProtocolError);
    expect(error.name).toBe('SmlParseError');
  });

  it('refuses a maxDepth that is not a whole number >= 1', () => {
    expect(() => parseSmlItem('<L>', { maxDepth: 0 })).toThrow(HsmsOptionError);
  });
});

describe('parser termination and limits', () => {
  // secs4js 0.4.7 loops until it runs out of memory on these two.
  it('parses <U4 0x10> at once', () => {
    const started = performance.now();
    expect(parseSmlItem('<U4 0x10>').equals(U4(16))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000); // a hang never returns; a parse takes well under 1 ms
  });

  it('parses <J "x"> at once', () => {
    const started = performance.now();
    expect(parseSmlItem('<J "x">').equals(J('x'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000); // a hang never returns; a parse takes well under 1 ms
  });

  it('stops at the depth limit with an error at the first item too deep', () => {
    const text = '<L '.repeat(100_000);
    const error = parseError(() => parseSmlItem(text));
    expect(error.reason).toBe('items nested deeper than 64 levels (maxDepth)');
    expect(error.column).toBe(64 * 3 + 1);
  });

  it('accepts nesting up to maxDepth and honours a larger maxDepth without recursion', () => {
    const nested = (depth: number) => '<L '.repeat(depth) + '>'.repeat(depth);
    expect(parseSmlItem(nested(64)).type).toBe('L');
    expect(() => parseSmlItem(nested(65))).toThrow(SmlParseError);
    // Walked in a loop: itemsEqual recurses, and this tree is deeper than the call stack.
    let item = parseSmlItem(nested(50_000), { maxDepth: 50_000 });
    let depth = 1;
    while (item.type === 'L' && item.length === 1) {
      item = item.items[0]!;
      depth++;
    }
    expect({ depth, innermost: item.type, length: item.length }).toEqual({ depth: 50_000, innermost: 'L', length: 0 });
  });

  const slowInputs: Array<[string, string]> = [
    ['a million < signs', '<'.repeat(1_000_000)],
    ['a million-digit number', `<U4 ${'9'.repeat(1_000_000)}>`],
    ['a million-digit float', `<F8 ${'1'.repeat(1_000_000)}x>`],
    ['a million-character unterminated string', `<A "${'a'.repeat(1_000_000)}`],
    ['a million backslashes', `<A "${'\\'.repeat(1_000_001)}`],
    ['a million-character bracket', `<U4 [${'1'.repeat(1_000_000)}`],
    ['a million-character header line with no colon', `S1F1${' x'.repeat(500_000)}`],
  ];
  it.each(slowInputs)('rejects %s quickly, with a short message', (_name, text) => {
    const started = performance.now();
    const parse = text.startsWith('<') ? () => parseSmlItem(text) : () => parseSml(text);
    expect(parseError(parse).message.length).toBeLessThan(200);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps messages short when a long token is out of range', () => {
    for (const text of [
      `<U1 ${'9'.repeat(100_000)}>`,
      `<L [${'9'.repeat(100_000)}]>`,
      `<C2 [encoding=${'9'.repeat(100_000)}]>`,
      `S${'1'.repeat(100_000)}F1`,
    ]) {
      const error = parseError(text.startsWith('<') ? () => parseSmlItem(text) : () => parseSml(text));
      expect(error.message.length).toBeLessThan(200);
      expect(error.reason).toMatch(/\.\.\./);
    }
  });

  it('parses a list of 200,000 children (no argument spreading limit)', () => {
    const item = parseSmlItem(`<L ${'<U1 1> '.repeat(200_000)}>`);
    expect({ type: item.type, length: item.length }).toEqual({ type: 'L', length: 200_000 });
  });

  it('parses a 1 MiB B item back from its printed form in linear time', () => {
    const bytes = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7) & 0xff);
    const text = printItemSml(B(bytes));
    const started = performance.now();
    const parsed = parseSmlItem(text);
    // Linear is a fraction of a second; anything quadratic in the 5 MB of text takes minutes.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(parsed.equals(B(bytes))).toBe(true);
  });
});
