import { describe, expect, it } from 'vitest';
import { SecsItemValueError } from '../errors.js';
import { decodeItem } from './item-decoder.js';
import { encodedItemSize, encodeItem, encodeItemInto, SecsEncodeSpaceError } from './item-encoder.js';
import { A, L, SecsBigInt, SecsFloat, SecsInteger, U4, type SecsItem } from './secs-item.js';

const body = L(A('MDLN'), A('1.0.0'));
const bodyHex = '010241044d444c4e4105312e302e30'; // golden S1F2 reply body

/** Depth of a tree, walked without recursion (the trees here are deeper than the call stack). */
function depthOf(item: SecsItem): number {
  let depth = 1;
  let node = item;
  while (node.type === 'L' && node.items.length > 0) {
    node = node.items[0]!;
    depth++;
  }
  return depth;
}

describe('encodeItemInto and encodedItemSize', () => {
  it('measures a tree as the sum of its headers and data', () => {
    expect(encodedItemSize(body)).toBe(bodyHex.length / 2);
    expect(encodedItemSize(L())).toBe(2);
  });

  it('writes the item at the offset, returns the offset after it and leaves the other bytes alone', () => {
    const target = Buffer.alloc(4 + 15 + 3, 0xee);
    expect(encodeItemInto(body, target, 4)).toBe(19);
    expect(target.subarray(4, 19).toString('hex')).toBe(bodyHex);
    expect([...target.subarray(0, 4), ...target.subarray(19)]).toEqual(Array(7).fill(0xee));
  });

  it('writes into a plain Uint8Array as well as a Buffer', () => {
    const target = new Uint8Array(15);
    expect(encodeItemInto(body, target)).toBe(15);
    expect(Buffer.from(target).toString('hex')).toBe(bodyHex);
  });

  it('refuses a target without room, naming the sizes, before writing anything', () => {
    const target = Buffer.alloc(16, 0xee);
    expect(() => encodeItemInto(body, target, 2)).toThrow(SecsEncodeSpaceError);
    expect(() => encodeItemInto(body, target, 2)).toThrow('item of 15 bytes does not fit at offset 2 of a 16-byte target');
    expect(target.every((b) => b === 0xee)).toBe(true);
  });
});

describe('encodeItem', () => {
  it('refuses integer values out of range in items built with the raw constructors, naming the value', () => {
    expect(() => encodeItem(new SecsInteger('U1', [256]))).toThrow(SecsItemValueError);
    expect(() => encodeItem(new SecsInteger('U1', [256]))).toThrow('U1 value 256');
    expect(() => encodeItem(new SecsInteger('I2', [40000]))).toThrow('I2 value 40000');
    expect(() => encodeItem(new SecsInteger('U4', [-1]))).toThrow('U4 value -1');
    expect(() => encodeItem(new SecsInteger('I4', [0.5]))).toThrow('I4 value 0.5');
    expect(() => encodeItem(new SecsBigInt('U8', [-1n]))).toThrow('U8 value -1');
    expect(() => encodeItem(new SecsBigInt('I8', [1n << 63n]))).toThrow('I8 value 9223372036854775808');
  });

  it('accepts F4 up to the 3-byte maximum of 4,194,303 values and refuses one more', () => {
    // Regression: the byte-length check once counted F4 elements as 16 bytes each.
    expect(new SecsFloat('F4', new Array<number>(0x3fffff).fill(0)).length).toBe(0x3fffff);
    expect(() => new SecsFloat('F4', new Array<number>(0x400000).fill(0))).toThrow(SecsItemValueError);
    expect(() => new SecsFloat('F8', new Array<number>(0x200000).fill(0))).toThrow('16777216 bytes');
  });

  it('encodes and decodes 100,000 nested lists without overflowing the call stack', () => {
    let item: SecsItem = U4(7);
    for (let i = 0; i < 100_000; i++) item = L(item);
    const encoded = encodeItem(item);
    expect(encoded.length).toBe(100_000 * 2 + 6);
    expect(depthOf(decodeItem(encoded, { maxDepth: 100_000 }))).toBe(100_001);
  });
});
