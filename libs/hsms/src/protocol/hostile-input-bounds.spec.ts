import { describe, expect, it } from 'vitest';
import { SecsLoneSurrogateError } from './errors.js';
import { decodeItem, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS } from './items/item-decoder.js';
import { readMaxDepth, readMaxItems } from './sml/sml-item-parser.js';
import { encodeItem } from './items/item-encoder.js';
import { A, BOOLEAN, C2, F8, I8, L, listOf, U2, U4, valueAt } from './items/secs-item.js';
import { printItemSml } from './sml/sml-item-printer.js';
import { parseSml, parseSmlItem } from './sml/sml-message-parser.js';
import { SmlParseError } from './sml/sml-parse-error.js';
import { S1F12 } from '../secs/catalogue/index.js';

// Issue 11, findings 6 and 9: nothing in the builders depends on the call stack for its size, the
// SML parser accepts exactly what a receiver with default limits decodes, and C2 refuses text that
// is not Unicode.

describe('list builders take arrays', () => {
  it('L.of and listOf build a list of 999,999 children (L(...rows) overflowed the stack)', () => {
    const rows = Array.from({ length: 999_999 }, (_, i) => U4(i));
    expect(L.of(rows).length).toBe(999_999);
    expect(listOf(rows).items[999_998]!.equals(U4(999_998))).toBe(true);
  });

  it('S1F12 with 300,000 rows builds without RangeError (a spread of this many arguments overflowed)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({ svid: i, svname: '', units: '' }));
    const message = S1F12(rows);
    expect(message.body?.length).toBe(300_000);
  });

  it('L.of refuses a non-item element by index', () => {
    expect(() => L.of([A('x'), 5 as never])).toThrow(/L element 1/);
  });
});

describe('SML parse limits equal the decode limits', () => {
  const many = (n: number): string => `<L ${'<B> '.repeat(n)}>`;

  it("defaults to the decoder's limits (1,000,000 items, depth 64)", () => {
    expect(readMaxItems({})).toBe(DEFAULT_MAX_ITEMS);
    expect(DEFAULT_MAX_ITEMS).toBe(1_000_000);
    expect(readMaxDepth({})).toBe(DEFAULT_MAX_DEPTH);
    const deep = (n: number): string => '<L '.repeat(n) + '>'.repeat(n);
    expect(() => parseSmlItem(deep(65))).toThrow(/deeper than 64/);
    expect(decodeItem(encodeItem(parseSmlItem(deep(64))))).toBeDefined();
  });

  it('takes maxItems and maxDepth as options', () => {
    expect(() => parseSml(`S1F1 W ${many(10)} .`, { maxItems: 10 })).toThrow(/more than 10 items/);
    expect(parseSml(`S1F1 W ${many(9)} .`, { maxItems: 10 }).body?.length).toBe(9);
    expect(() => parseSmlItem('<L <L <L>>>', { maxDepth: 2 })).toThrow(/maxDepth/);
  });
});

describe('C2 text must be Unicode', () => {
  it('refuses a lone surrogate with SecsLoneSurrogateError naming where it is', () => {
    expect(() => C2('ab\uD800c')).toThrow(SecsLoneSurrogateError);
    expect(() => C2('\uDC00')).toThrow(/lone surrogate U\+DC00 at 0/);
    expect(() => C2('x\uD83D', 1)).toThrow(SecsLoneSurrogateError); // UCS-2 too
    expect(C2('\uD83D\uDE00').value).toBe('\uD83D\uDE00'); // a pair is fine
  });

  it('refuses it in SML with a line/column error', () => {
    expect(() => parseSmlItem('<C2 "a\uD800">')).toThrow(SmlParseError);
    expect(() => parseSmlItem('<C2 "a\uD800">')).toThrow(/lone surrogate/);
  });
});

describe('large numeric items are read on first access', () => {
  it('a decoded 16 MiB U1 has its length, first value and a capped print without an array of 16 M numbers', () => {
    const n = 16 * 1024 * 1024 - 100;
    const bytes = Buffer.alloc(n + 4, 7);
    bytes[0] = 0xa7; // U1, 3 length bytes
    bytes.writeUIntBE(n, 1, 3);
    const item = decodeItem(bytes);
    expect(item.type).toBe('U1');
    expect(item.length).toBe(n);
    if (item.type !== 'U1') return;
    expect(item.value).toBe(7);
    expect(valueAt(item, n - 1)).toBe(7);
    expect(valueAt(item, n)).toBeUndefined();
    const sml = printItemSml(item, 0, { maxValues: 4, maxLength: 200 });
    expect(sml).toBe(`<U1 [${n}] 7 7 7 7 ... ${n - 4} more>`);
  }, 60_000);

  it('a lazily read item equals the built one, encodes the same and freezes its values once read', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536);
    const built = U2(values);
    const decoded = decodeItem(encodeItem(built));
    expect(decoded.equals(built)).toBe(true);
    expect(built.equals(decoded)).toBe(true);
    expect(encodeItem(decoded).equals(encodeItem(built))).toBe(true);
    if (decoded.type !== 'U2') throw new Error('not U2');
    expect(Object.isFrozen(decoded.values)).toBe(true);
    expect(decoded.values).toBe(decoded.values); // read once, then kept
    expect(decodeItem(encodeItem(F8(values))).equals(F8(values))).toBe(true);
    expect(decodeItem(encodeItem(BOOLEAN(values.map((v) => v % 2 === 0)))).equals(BOOLEAN(values.map((v) => v % 2 === 0)))).toBe(true);
    expect(decodeItem(encodeItem(I8(values))).equals(I8(values))).toBe(true);
  });
});
