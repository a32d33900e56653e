import { describe, expect, it } from 'vitest';
import { copyBytes, SMALL_COPY_BYTES } from './copy-bytes.js';

describe('copyBytes', () => {
  it.each([0, 1, SMALL_COPY_BYTES, SMALL_COPY_BYTES + 1, 1000])('copies a run of %i bytes exactly where Buffer.copy would', (n) => {
    const source = Buffer.from(Array.from({ length: n + 10 }, (_, i) => (i * 7 + 3) & 0xff));
    const ours = Buffer.alloc(n + 20, 0xaa);
    const node = Buffer.alloc(n + 20, 0xaa);
    expect(copyBytes(source, ours, 5, 3, 3 + n)).toBe(n);
    source.copy(node, 5, 3, 3 + n);
    expect(ours.equals(node)).toBe(true);
  });

  it('copies the whole source by default', () => {
    const target = Buffer.alloc(6);
    copyBytes(Buffer.from([1, 2, 3]), target, 2);
    expect([...target]).toEqual([0, 0, 1, 2, 3, 0]);
  });
});
