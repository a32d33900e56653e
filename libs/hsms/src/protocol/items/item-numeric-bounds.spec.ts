import { describe, expect, it } from 'vitest';
import { SecsItemValueError } from '../errors.js';
import { decodeItem } from './item-decoder.js';
import { encodeItem } from './item-encoder.js';
import { F4, F8, I1, I2, I4, I8, U1, U2, U4, U8, type SecsItem } from './secs-item.js';

const hex = (item: SecsItem) => encodeItem(item).toString('hex');
const roundTrip = (item: SecsItem) => decodeItem(encodeItem(item));

describe('integer bounds', () => {
  // [item, exact encoding]: big-endian two's complement (E5), format byte per item-format.ts.
  it.each([
    ['I1', I1(-0x80, 0x7f), '6502807f'],
    ['I2', I2(-0x8000, 0x7fff), '690480007fff'],
    ['I4', I4(-0x80000000, 0x7fffffff), '7108800000007fffffff'],
    ['I8', I8(-(1n << 63n), (1n << 63n) - 1n), '611080000000000000007fffffffffffffff'],
    ['U1', U1(0, 0xff), 'a50200ff'],
    ['U2', U2(0, 0xffff), 'a9040000ffff'],
    ['U4', U4(0, 0xffffffff), 'b10800000000ffffffff'],
    ['U8', U8(0n, (1n << 64n) - 1n), 'a1100000000000000000ffffffffffffffff'],
  ] as const)('%s min and max encode to their exact bytes and round-trip', (_type, item, expected) => {
    expect(hex(item)).toBe(expected);
    const back = roundTrip(item);
    expect(back.type).toBe(item.type);
    expect((back as typeof item).values).toEqual(item.values);
  });

  it('decodes -1 in every signed format as -1, not as the unsigned maximum', () => {
    for (const item of [I1(-1), I2(-1), I4(-1), I8(-1n)]) {
      expect((roundTrip(item) as typeof item).values[0]).toEqual(item.type === 'I8' ? -1n : -1);
    }
  });

  it('treats an integer -0 as 0, so the item equals its decoded copy (the wire has no -0)', () => {
    for (const item of [I1(-0), I2(-0), I4(-0), U1(-0), U2(-0), U4(-0)]) {
      expect(hex(item).endsWith('00'), item.type).toBe(true);
      expect(roundTrip(item).equals(item), item.type).toBe(true);
    }
  });

  it.each([
    ['U1(256)', () => U1(256), '256'],
    ['U1(-1)', () => U1(-1), '-1'],
    ['I1(128)', () => I1(128), '128'],
    ['I1(-129)', () => I1(-129), '-129'],
    ['I2(32768)', () => I2(0x8000), '32768'],
    ['U2(65536)', () => U2(0x10000), '65536'],
    ['I4(2147483648)', () => I4(0x80000000), '2147483648'],
    ['U4(4294967296)', () => U4(0x100000000), '4294967296'],
    ['U4(1.5)', () => U4(1.5), '1.5'],
    ['U4(NaN)', () => U4(NaN), 'NaN'],
    ['I8(2^63)', () => I8(1n << 63n), '9223372036854775808'],
    ['I8(-2^63 - 1)', () => I8(-(1n << 63n) - 1n), '-9223372036854775809'],
    ['U8(-1)', () => U8(-1n), '-1'],
    ['U8(2^64)', () => U8(1n << 64n), '18446744073709551616'],
    ['U8(2^53) as an unsafe number', () => U8(2 ** 53), '9007199254740992'],
  ])('builder %s throws SecsItemValueError naming the value', (_name, build, value) => {
    expect(build).toThrow(SecsItemValueError);
    expect(build).toThrow(value);
  });
});

describe('float specials', () => {
  const specials = [NaN, Infinity, -Infinity, -0, 0];

  it.each([
    ['F4', F4, [...specials, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38]],
    ['F8', F8, [...specials, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON]],
  ] as const)('%s keeps NaN, +-Infinity, -0 and its extremes through a round trip (Object.is)', (_type, build, values) => {
    const back = roundTrip(build([...values]));
    expect(back.type).toBe(_type);
    const decoded = (back as ReturnType<typeof build>).values;
    expect(decoded).toHaveLength(values.length);
    values.forEach((v, i) => {
      expect(Object.is(decoded[i], v), `value ${i}: ${decoded[i]} vs ${v}`).toBe(true);
    });
  });

  it('writes -0 with its sign bit, so it stays distinct from 0', () => {
    expect(hex(F4(-0))).toBe('910480000000');
    expect(hex(F8(-0))).toBe('81088000000000000000');
    expect(roundTrip(F8(-0)).equals(F8(0))).toBe(false);
  });

  it('writes the IEEE 754 infinities and a quiet NaN', () => {
    expect(hex(F4(Infinity, -Infinity, NaN))).toBe('910c7f800000ff8000007fc00000');
    expect(hex(F8(Infinity))).toBe('81087ff0000000000000');
  });

  it('stores F4 values rounded to single precision, so an item equals its decoded copy', () => {
    const item = F4(0.1);
    expect(item.values[0]).toBe(Math.fround(0.1));
    expect(roundTrip(item).equals(item)).toBe(true);
  });
});
