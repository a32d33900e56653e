import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, C2, F4, F8, I1, I2, I4, I8, J, L, SecsLocalized, U1, U2, U4, U8, type SecsItem } from '../items/secs-item.js';
import { C2Encoding } from '../items/item-format.js';
import { parseSml, parseSmlItem } from './sml-message-parser.js';

function expectItem(actual: SecsItem, expected: SecsItem): void {
  expect(actual.equals(expected), `${actual.toSml()}\n  is not\n${expected.toSml()}`).toBe(true);
}

describe('parseSmlItem accepts the dialects tools print', () => {
  const cases: Array<[string, string, SecsItem]> = [
    // counts
    ['a list without count', '<L <A "a"> <U1 1>>', L(A('a'), U1(1))],
    ['a list with [count]', '<L [2] <A "a"> <U1 1>>', L(A('a'), U1(1))],
    ['a count glued to the type', '<L[2]<A"a"><U1 1>>', L(A('a'), U1(1))],
    ['a [count/length-bytes] count', '<L [2/1] <A [1/1] "a"> <U1[1/1] 1>>', L(A('a'), U1(1))],
    ['spaces inside the count', '<U4 [ 2 ] 1 2>', U4(1, 2)],
    ['an empty <L>', '<L>', L()],
    ['an empty <L [0]>', '<L [0]>', L()],
    ['a count of bytes for a numeric item', '<U4 [8] 1 2>', U4(1, 2)],
    // type names
    ['type names in any case', '<l <a "x"> <boolean T> <u4 1> <Bool F>>', L(A('x'), BOOLEAN(true), U4(1), BOOLEAN(false))],
    ['long type names', '<LIST <ASCII "x"> <BINARY 1> <JIS8 "y">>', L(A('x'), B(1), J('y'))],
    // text
    ['A in double quotes', '<A "hello world">', A('hello world')],
    ['A in single quotes', `<A 'say "hi"'>`, A('say "hi"')],
    ['A escapes', '<A "q\\" s\\\' b\\\\ \\n\\r\\t\\0 \\x41\\u0042\\u{43}">', A('q" s\' b\\ \n\r\t\0 ABC')],
    ['A strings mixed with character codes', '<A "abc" 0x0D 0x0A "def" 65>', A('abc\r\ndef' + 'A')],
    ['A as character codes only', '<A 0x41 0x42>', A('AB')],
    ['A with no value', '<A>', A('')],
    ['A with a line break inside the quotes', '<A "line1\nline2">', A('line1\nline2')],
    ['A with an unknown escape kept as written', '<A "C:\\data\\q">', A('C:\\data\\q')],
    ['A with Latin-1 characters', '<A "café">', A('café')],
    ['J text and JIS-8 codes', '<J "ｱ" 0xB2 "x">', J('ｱｲx')],
    ['C2 as UTF-8 by default', '<C2 "日本">', C2('日本')],
    ['C2 with an encoding', '<C2 [encoding=1] "日本">', C2('日本', C2Encoding.UCS2)],
    ['C2 with count and encoding in either order', '<C2 [encoding=0x0001] [6] "日本">', C2('日本', C2Encoding.UCS2)],
    ['C2 from bytes', '<C2 [encoding=7] 0x82 0xA0>', new SecsLocalized(7, Uint8Array.of(0x82, 0xa0))],
    // binary and boolean
    ['B in hex', '<B 0x00 0x1f 0xFF>', B(0, 0x1f, 0xff)],
    ['B in decimal, binary and octal', '<B 0 31 255 0b101 0o17>', B(0, 31, 255, 5, 15)],
    ['B with commas', '<B [3] 1, 2, 3>', B(1, 2, 3)],
    [
      'BOOLEAN words and digits',
      '<BOOLEAN T F true false TRUE FALSE True 1 0 0x01>',
      BOOLEAN(true, false, true, false, true, false, true, true, false, true),
    ],
    // integers
    ['integers in decimal, hex, binary, octal and signed', '<I4 -1 +2 0x10 -0x10 0b11 0o7 007>', I4(-1, 2, 16, -16, 3, 7, 7)],
    [
      'integer bounds',
      '<L <I1 -128 127> <I2 -32768 32767> <U2 65535> <U4 0xFFFFFFFF>>',
      L(I1(-128, 127), I2(-32768, 32767), U2(65535), U4(0xffffffff)),
    ],
    [
      '64-bit integers as bigint',
      '<L <I8 -9223372036854775808 0x7FFFFFFFFFFFFFFF> <U8 18446744073709551615>>',
      L(I8(-(1n << 63n), (1n << 63n) - 1n), U8((1n << 64n) - 1n)),
    ],
    ['-0 as the integer 0', '<I4 -0>', I4(0)],
    // floats
    ['floats with exponents and signs', '<F8 1.5 -2.5e-3 1E10 .5 5. +3>', F8(1.5, -0.0025, 1e10, 0.5, 5, 3)],
    [
      'float specials in any case',
      '<F8 NaN nan Infinity -Infinity inf -INF -0>',
      F8(NaN, NaN, Infinity, -Infinity, Infinity, -Infinity, -0),
    ],
    ['floats written as integers in hex', '<F8 0x10 -0b1>', F8(16, -1)],
    ['F4 rounded to float32', '<F4 0.1>', F4(0.1)],
    // layout
    ['comments to the end of the line', '<L [1] // a list\n  <U1 1> // one\n> // done', L(U1(1))],
    ['values over several lines', '<U1\n  1\n  2\r\n  3\r>', U1(1, 2, 3)],
  ];
  it.each(cases)('accepts %s', (_name, text, expected) => {
    expectItem(parseSmlItem(text), expected);
  });
});

describe('parseSml accepts the message forms tools print', () => {
  const body = L(A('tsgem'), A('1.0.0'));
  const canonical = 'S1F13 W\n<L [2]\n  <A "tsgem">\n  <A "1.0.0">\n>\n.';
  const cases: Array<[string, string, number, number, boolean, SecsItem | undefined]> = [
    ['the canonical form', canonical, 1, 13, true, body],
    ['no closing dot at the end of input', 'S1F13 W <L [2] <A "tsgem"> <A "1.0.0">>', 1, 13, true, body],
    ['a quoted header', `'S1F13' W <L <A "tsgem"> <A "1.0.0">> .`, 1, 13, true, body],
    ['a double-quoted header', `"S1F13" W <L <A "tsgem"> <A "1.0.0">>.`, 1, 13, true, body],
    ['a secs4net message name', `Establish Communication:'S1F13' W\n<L [2]\n<A [5] "tsgem">\n<A [5] "1.0.0">\n>\n.`, 1, 13, true, body],
    ['a lower-case header with W glued on', 's1f13w <L <A "tsgem"> <A "1.0.0">>', 1, 13, true, body],
    ['no W', 'S1F14 <U1 0> .', 1, 14, false, U1(0)],
    ['no body, with W and dot', 'S1F1 W .', 1, 1, true, undefined],
    ['no body, no dot', 'S1F1 W', 1, 1, true, undefined],
    ['no body and no W', 'S2F17', 2, 17, false, undefined],
    ['comments and blank lines around', '// host\n\nS1F1 W // are you there\n.\n// end\n', 1, 1, true, undefined],
    ['the largest stream and function', 'S127F255', 127, 255, false, undefined],
    ['leading zeros in the header', 'S01F03 W', 1, 3, true, undefined],
  ];
  it.each(cases)('accepts %s', (_name, text, stream, fn, wBit, expected) => {
    const message = parseSml(text);
    expect({ stream: message.stream, function: message.function, wBit: message.wBit }).toEqual({ stream, function: fn, wBit });
    if (expected === undefined) expect(message.body).toBeUndefined();
    else expectItem(message.body!, expected);
  });

  it('reads back what message.toSml() printed', () => {
    const message = parseSml(canonical);
    expect(message.toSml()).toBe(canonical);
  });
});
