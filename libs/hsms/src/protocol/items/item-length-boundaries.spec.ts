import { describe, expect, it } from 'vitest';
import { SecsItemValueError } from '../errors.js';
import { decodeItem } from './item-decoder.js';
import { encodeItem } from './item-encoder.js';
import { ELEMENT_SIZE, ItemFormat, MAX_ITEM_LENGTH, type SecsItemType } from './item-format.js';
import { A, B, BOOLEAN, C2, F4, F8, I1, I2, I4, I8, J, L, U1, U2, U4, U8, type SecsItem } from './secs-item.js';

// E5 section 6: the length field takes 1 byte up to 255, 2 up to 65535, 3 up to 0xFFFFFF; an
// encoder uses the fewest. Each row builds an item whose length field (bytes, or elements for L)
// is exactly `length`, and checks the format byte and length bytes the encoder writes.

const LENGTHS = [0, 1, 255, 256, 65535, 65536];

type LeafType = Exclude<SecsItemType, 'L'>;

/** A deterministic item of `type` whose data is `count` elements long. */
function leaf(type: LeafType, count: number): SecsItem {
  const n = (i: number) => i % 100;
  switch (type) {
    case 'B':
      return B(Uint8Array.from({ length: count }, (_, i) => i & 0xff));
    case 'BOOLEAN':
      return BOOLEAN(Array.from({ length: count }, (_, i) => i % 3 === 0));
    case 'A':
      return A('abcdefghijklmnopqrstuvwxyz\u00ff'.repeat(Math.ceil(count / 27)).slice(0, count));
    case 'J':
      return J('AZ\uff61\uff9f'.repeat(Math.ceil(count / 4)).slice(0, count));
    case 'C2':
      return C2('x'.repeat(count - 2)); // count includes the 2-byte encoding code
    case 'I1':
      return I1(Array.from({ length: count }, (_, i) => n(i) - 50));
    case 'I2':
      return I2(Array.from({ length: count }, (_, i) => n(i) * -300));
    case 'I4':
      return I4(Array.from({ length: count }, (_, i) => n(i) * -70000));
    case 'I8':
      return I8(Array.from({ length: count }, (_, i) => BigInt(n(i)) * -(1n << 40n)));
    case 'U1':
      return U1(Array.from({ length: count }, (_, i) => n(i) + 150));
    case 'U2':
      return U2(Array.from({ length: count }, (_, i) => n(i) * 600));
    case 'U4':
      return U4(Array.from({ length: count }, (_, i) => n(i) * 40_000_000));
    case 'U8':
      return U8(Array.from({ length: count }, (_, i) => BigInt(n(i)) << 56n));
    case 'F4':
      return F4(Array.from({ length: count }, (_, i) => n(i) / 8));
    case 'F8':
      return F8(Array.from({ length: count }, (_, i) => n(i) / 3));
  }
}

function lengthBytes(length: number): number[] {
  if (length <= 0xff) return [length];
  if (length <= 0xffff) return [length >> 8, length & 0xff];
  return [length >> 16, (length >> 8) & 0xff, length & 0xff];
}

/** Rows of [type, element count, length field]; formats with wide elements use the counts nearest each boundary. */
function rows(): Array<[LeafType, number, number]> {
  const out: Array<[LeafType, number, number]> = [];
  for (const type of Object.keys(ELEMENT_SIZE) as LeafType[]) {
    const size = ELEMENT_SIZE[type];
    const counts = new Set<number>();
    for (const length of LENGTHS) {
      if (type === 'C2' && length < 2) continue; // C2 always carries its 2-byte code
      counts.add(Math.floor(length / size));
      if (length % size !== 0) counts.add(Math.ceil(length / size));
    }
    for (const count of [...counts].sort((a, b) => a - b)) out.push([type, count, count * size]);
  }
  return out;
}

function expectRoundTrip(item: SecsItem, type: SecsItemType, length: number, dataBytes: number): void {
  const encoded = encodeItem(item);
  const header = [(ItemFormat[type] << 2) | lengthBytes(length).length, ...lengthBytes(length)];
  expect([...encoded.subarray(0, header.length)]).toEqual(header);
  expect(encoded.length).toBe(header.length + dataBytes);
  expect(decodeItem(encoded).equals(item)).toBe(true);
}

describe('item length boundaries', () => {
  it.each(rows())('%s of %i elements (length field %i) uses the fewest length bytes and round-trips', (type, count, length) => {
    expectRoundTrip(leaf(type, count), type, length, length);
  });

  it.each(LENGTHS)('L of %i elements counts elements in its length field and round-trips', (count) => {
    const children = Array.from({ length: count }, (_, i) => U1(i & 0xff));
    expectRoundTrip(L(...children), 'L', count, count * 3);
  });

  it('encodes B at the 3-byte maximum of 0xFFFFFF bytes as 0x23 FF FF FF and round-trips', () => {
    const item = B(new Uint8Array(MAX_ITEM_LENGTH).fill(0xa5));
    const encoded = encodeItem(item);
    expect([...encoded.subarray(0, 4)]).toEqual([0x23, 0xff, 0xff, 0xff]);
    expect(encoded.length).toBe(4 + MAX_ITEM_LENGTH);
    expect(decodeItem(encoded).equals(item)).toBe(true);
  });

  it('refuses to build B one byte over the 3-byte maximum, naming the byte count', () => {
    expect(() => B(new Uint8Array(MAX_ITEM_LENGTH + 1))).toThrow(SecsItemValueError);
    expect(() => B(new Uint8Array(MAX_ITEM_LENGTH + 1))).toThrow(String(MAX_ITEM_LENGTH + 1));
  });
});
