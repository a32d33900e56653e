import { describe, expect, it } from 'vitest';
import { decodeItem } from './item-decoder.js';
import { A, B, F8, L } from './secs-item.js';

describe('decodeItem', () => {
  it('accepts length fields wider than needed (E5 asks encoders, not decoders, for the fewest)', () => {
    expect(decodeItem(Buffer.from('430000024142', 'hex')).equals(A('AB'))).toBe(true);
    expect(decodeItem(Buffer.from('0200012101ff', 'hex')).equals(L(B(0xff)))).toBe(true);
  });

  it('reads a Uint8Array that is a window into a larger buffer from the window start', () => {
    const backing = new Uint8Array([0xff, 0xff, 0x81, 0x08, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18, 0xff]);
    expect(decodeItem(backing.subarray(2, 12)).equals(F8(Math.PI))).toBe(true);
  });

  it('returns B data as a view of the input, not a copy (each frame owns its buffer)', () => {
    const input = Buffer.from('2103010203', 'hex');
    const decoded = decodeItem(input);
    expect(decoded.type).toBe('B');
    input[2] = 0x99; // a caller reusing its input would see this: documented in decodeItem
    expect(decoded.type === 'B' && [...decoded.bytes]).toEqual([0x99, 0x02, 0x03]);
  });

  it('gives BOOLEAN any non-zero byte the value true', () => {
    const decoded = decodeItem(Buffer.from('250300ff02', 'hex'));
    expect(decoded.type === 'BOOLEAN' && decoded.values).toEqual([false, true, true]);
  });
});
