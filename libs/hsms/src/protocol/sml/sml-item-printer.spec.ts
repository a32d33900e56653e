import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, C2, F4, F8, I1, I2, I4, I8, J, L, SecsLocalized, U1, U2, U4, U8, type SecsItem } from '../items/secs-item.js';
import { C2Encoding } from '../items/item-format.js';
import { printItemSml } from './sml-item-printer.js';
import { HsmsOptionError } from '../hsms-error.js';

describe('printItemSml golden forms', () => {
  const cases: Array<[string, SecsItem, string]> = [
    ['empty list', L(), '<L [0]>'],
    ['A text', A('tsgem'), '<A "tsgem">'],
    ['empty A', A(), '<A "">'],
    ['A quote, backslash and named escapes', A('say "hi"\\\r\n\t'), '<A "say \\"hi\\"\\\\\\r\\n\\t">'],
    ['A control and high bytes as \\xHH', A('\x00\x07\x7f\xe9\xff'), '<A "\\x00\\x07\\x7F\\xE9\\xFF">'],
    ['A single quote printed as itself', A("it's"), `<A "it's">`],
    ['J with half-width katakana printed as itself', J('ｱｲｳ abc'), '<J "ｱｲｳ abc">'],
    ['J bytes outside JIS X 0201 as \\xHH', J('\x80\xe0'), '<J "\\x80\\xE0">'],
    ['C2 UTF-8 without an encoding', C2('日本語 ok'), '<C2 "日本語 ok">'],
    ['C2 UCS-2 with its encoding', C2('日本', C2Encoding.UCS2), '<C2 [encoding=1] "日本">'],
    ['C2 escapes C1 controls and line separators', C2('a\u0085b\u2028c\ufeff'), '<C2 "a\\x85b\\u2028c\\uFEFF">'],
    // text with a lone surrogate is refused by C2() and the parser (SecsLoneSurrogateError), so such bytes print as bytes
    [
      'C2 unpaired surrogate as bytes, text as a comment',
      new SecsLocalized(1, Uint8Array.of(0xd8, 0x00, 0xd8, 0x3d, 0xde, 0x00)),
      '<C2 [encoding=1] 0xD8 0x00 0xD8 0x3D 0xDE 0x00> // "\\uD800😀"',
    ],
    [
      'C2 invalid UTF-8 as bytes with the decoded text as a comment',
      new SecsLocalized(2, Uint8Array.of(0x41, 0xff)),
      '<C2 0x41 0xFF> // "A\ufffd"',
    ],
    [
      'C2 Shift_JIS (decode-only) as bytes with a comment',
      new SecsLocalized(7, Uint8Array.of(0x82, 0xa0)),
      '<C2 [encoding=7] 0x82 0xA0> // "あ"',
    ],
    ['C2 unknown encoding as bytes only', new SecsLocalized(99, Uint8Array.of(1, 2)), '<C2 [encoding=99] 0x01 0x02>'],
    ['C2 unknown encoding, no bytes', new SecsLocalized(99, new Uint8Array(0)), '<C2 [encoding=99]>'],
    ['B in upper-case hex', B(0x00, 0x1f, 0xab, 0xff), '<B [4] 0x00 0x1F 0xAB 0xFF>'],
    ['empty B', B(), '<B [0]>'],
    ['BOOLEAN as T and F', BOOLEAN(true, false, true), '<BOOLEAN [3] T F T>'],
    ['empty BOOLEAN', BOOLEAN(), '<BOOLEAN [0]>'],
    ['I1 bounds', I1(-128, 0, 127), '<I1 [3] -128 0 127>'],
    ['I2 bounds', I2(-32768, 32767), '<I2 [2] -32768 32767>'],
    ['I4 bounds', I4(-2147483648, 2147483647), '<I4 [2] -2147483648 2147483647>'],
    ['I8 bounds from bigint', I8(-(1n << 63n), (1n << 63n) - 1n), '<I8 [2] -9223372036854775808 9223372036854775807>'],
    ['U1', U1(0, 255), '<U1 [2] 0 255>'],
    ['U2', U2(65535), '<U2 [1] 65535>'],
    ['U4', U4(1, 4294967295), '<U4 [2] 1 4294967295>'],
    ['U8 maximum', U8((1n << 64n) - 1n), '<U8 [1] 18446744073709551615>'],
    ['empty U4', U4(), '<U4 [0]>'],
    [
      'F8 shortest round-trip text and specials',
      F8(0.1, 1e21, 5e-324, NaN, Infinity, -Infinity, -0, 0),
      '<F8 [8] 0.1 1e+21 5e-324 NaN Infinity -Infinity -0 0>',
    ],
    ['F4 shortest float32 text', F4(0.1, 3.4028234663852886e38, 1.401298464324817e-45, -0, 1.5), '<F4 [5] 0.1 3.4028235e+38 1e-45 -0 1.5>'],
  ];
  it.each(cases)('prints %s', (_name, item, expected) => {
    expect(printItemSml(item)).toBe(expected);
  });

  it('prints a nested list with two spaces per level and closing brackets on their own lines', () => {
    const item = L(A('tsgem'), L(U4(1), L()), B(1));
    expect(printItemSml(item)).toBe(
      ['<L [3]', '  <A "tsgem">', '  <L [2]', '    <U4 [1] 1>', '    <L [0]>', '  >', '  <B [1] 0x01>', '>'].join('\n'),
    );
  });

  it('indents every line by the given level', () => {
    expect(printItemSml(L(A('x')), 2)).toBe('    <L [1]\n      <A "x">\n    >');
  });

  it('is what item.toSml() and String(item) return', () => {
    const item = L(A('x'), U1(1));
    expect(item.toSml()).toBe(printItemSml(item));
    expect(String(item)).toBe(printItemSml(item));
  });
});

describe('printItemSml caps for logs', () => {
  it('summarises values beyond maxValues with a count', () => {
    expect(printItemSml(B(1, 2, 3, 4, 5), 0, { maxValues: 2 })).toBe('<B [5] 0x01 0x02 ... 3 more>');
    expect(printItemSml(U4(1, 2, 3), 0, { maxValues: 1 })).toBe('<U4 [3] 1 ... 2 more>');
    expect(printItemSml(A('abcdef'), 0, { maxValues: 3 })).toBe('<A "abc" ... 3 more>');
    expect(printItemSml(L(U1(1), U1(2), U1(3)), 0, { maxValues: 1 })).toBe('<L [3]\n  <U1 [1] 1>\n  ... 2 more\n>');
  });

  it('prints no summary when the values fit the cap', () => {
    expect(printItemSml(B(1, 2), 0, { maxValues: 2 })).toBe('<B [2] 0x01 0x02>');
  });

  it('cuts the text at maxLength and says so on a last line', () => {
    const text = printItemSml(L(A('a'.repeat(50)), A('b'.repeat(50))), 0, { maxLength: 30 });
    expect(text).toBe(`<L [2]\n  <A "${'a'.repeat(17)}\n... truncated at 30 characters`);
  });

  it('prints a capped 16 MiB B item without formatting all of it', () => {
    const item = B(new Uint8Array(16 * 1024 * 1024 - 1));
    const started = performance.now();
    const text = printItemSml(item, 0, { maxLength: 1000 });
    expect(performance.now() - started).toBeLessThan(250); // uncapped, this print takes about a second
    expect(text.length).toBeLessThan(1100);
    expect(text.startsWith('<B [16777215] 0x00 0x00')).toBe(true);
  });

  it('refuses a cap that is not a whole number >= 0', () => {
    expect(() => printItemSml(A('x'), 0, { maxValues: -1 })).toThrow(HsmsOptionError);
    expect(() => printItemSml(A('x'), 0, { maxLength: 1.5 })).toThrow(/maxLength/);
  });
});
