import { describe, expect, it } from 'vitest';
import { A, B, C2, L, U4 } from '../../protocol/items/secs-item.js';
import { decodeAlcd, encodeAlcd, AlarmCategory } from './alcd.js';
import { describeFormatRules, elementCount, lengthAccepts, parseFormatSpec } from './format-rules.js';

describe('format specs', () => {
  it('expand groups in their order and keep a length rule on every member', () => {
    expect(describeFormatRules(parseFormatSpec('uint[1]|A', 'T'))).toBe('one of U1[1], U2[1], U4[1], U8[1], A');
  });

  it.each([
    ['B[1]', 1, true],
    ['B[1]', 0, false],
    ['A[..20]', 20, true],
    ['A[..20]', 21, false],
    ['U4[1..]', 0, false],
    ['U4[1..]', 9, true],
    ['U4[2..5]', 5, true],
    ['U4[2..5]', 6, false],
    ['A[12|14|16]', 14, true],
    ['A[12|14|16]', 13, false],
  ] as const)('%s with %i elements: %s', (spec, count, accepted) => {
    expect(lengthAccepts(parseFormatSpec(spec, 'T')[0]!.length!, count)).toBe(accepted);
  });

  it('count elements: characters, bytes, values, children, and C2 text bytes without the encoding code', () => {
    expect([A('abc'), B(1, 2), U4(1, 2, 3, 4), L(A(), A()), C2('ab')].map(elementCount)).toEqual([3, 2, 4, 2, 2]);
  });
});

describe('ALCD', () => {
  it('packs the set bit and the category into one byte and back', () => {
    const byte = encodeAlcd({ set: true, category: AlarmCategory.irrecoverableError });
    expect(byte).toBe(0x85);
    expect(decodeAlcd(byte)).toEqual({ set: true, category: 5 });
    expect(decodeAlcd(0x07)).toEqual({ set: false, category: 7 });
  });
});
