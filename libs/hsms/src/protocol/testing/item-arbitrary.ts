// fast-check arbitraries for SECS-II items, shared by the property tests of the protocol layer.
// Test-only: not exported from the package.
import fc from 'fast-check';
import { A, B, BOOLEAN, C2, F4, F8, I1, I2, I4, I8, J, L, U1, U2, U4, U8, type SecsItem } from '../items/secs-item.js';
import { C2Encoding } from '../items/item-format.js';

const small = { maxLength: 8 };

const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), ...small });
// Every JIS-8 byte: ASCII, half-width katakana, and the bytes JIS X 0201 leaves undefined (kept as Latin-1, text-codecs.ts).
const jis8 = fc.string({
  unit: fc
    .oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0xff61, max: 0xff9f }),
      fc.integer({ min: 0x80, max: 0xa0 }),
      fc.integer({ min: 0xe0, max: 0xff }),
    )
    .map((c) => String.fromCharCode(c)),
  ...small,
});
const ints = (min: number, max: number) => fc.array(fc.integer({ min, max }), small);
const bigs = (min: bigint, max: bigint) => fc.array(fc.bigInt({ min, max }), small);

/** Any leaf item, with values drawn across each format's whole range (NaN, Infinity and -0 included). */
export const leafItemArbitrary: fc.Arbitrary<SecsItem> = fc.oneof(
  fc.uint8Array(small).map((b) => B(b)),
  fc.array(fc.boolean(), small).map((v) => BOOLEAN(v)),
  latin1.map((s) => A(s)),
  jis8.map((s) => J(s)),
  fc.string({ unit: 'grapheme', ...small }).map((s) => C2(s, C2Encoding.UTF8)), // non-ASCII too
  fc
    .string({ unit: 'binary', ...small })
    .filter((s) => !/[\ud800-\udfff]/.test(s))
    .map((s) => C2(s, C2Encoding.UCS2)),
  ints(-0x80, 0x7f).map((v) => I1(v)),
  ints(-0x8000, 0x7fff).map((v) => I2(v)),
  ints(-0x80000000, 0x7fffffff).map((v) => I4(v)),
  bigs(-(1n << 63n), (1n << 63n) - 1n).map((v) => I8(v)),
  ints(0, 0xff).map((v) => U1(v)),
  ints(0, 0xffff).map((v) => U2(v)),
  ints(0, 0xffffffff).map((v) => U4(v)),
  bigs(0n, (1n << 64n) - 1n).map((v) => U8(v)),
  fc.array(fc.float(), small).map((v) => F4(v)),
  fc.array(fc.double(), small).map((v) => F8(v)),
);

/** Item trees up to a few levels deep. */
export const itemArbitrary: fc.Arbitrary<SecsItem> = fc.letrec<{ item: SecsItem }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafItemArbitrary,
    fc.array(tie('item'), { maxLength: 5 }).map((children) => L(...children)),
  ),
})).item;
