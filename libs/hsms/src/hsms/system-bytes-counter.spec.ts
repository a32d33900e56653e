import { describe, expect, it } from 'vitest';
import { SystemBytesCounter } from './system-bytes-counter.js';

describe('SystemBytesCounter', () => {
  it('counts up by one from its start', () => {
    const counter = new SystemBytesCounter(41);
    const never = () => false;
    expect([counter.next(never, 0), counter.next(never, 0), counter.next(never, 0)]).toEqual([41, 42, 43]);
  });

  it('wraps from 2^32 - 1 to 0', () => {
    const counter = new SystemBytesCounter(0xffff_fffe);
    const never = () => false;
    expect([counter.next(never, 0), counter.next(never, 0), counter.next(never, 0)]).toEqual([0xffff_fffe, 0xffff_ffff, 0]);
  });

  it('skips values whose transaction is still open', () => {
    const counter = new SystemBytesCounter(10);
    const open = new Set([10, 11, 13]);
    expect(counter.next((s) => open.has(s), open.size)).toBe(12);
    expect(counter.next((s) => open.has(s), open.size)).toBe(14);
  });

  it('skips open values across the wrap', () => {
    const counter = new SystemBytesCounter(0xffff_ffff);
    const open = new Set([0xffff_ffff, 0]);
    expect(counter.next((s) => open.has(s), open.size)).toBe(1);
  });

  it('throws instead of looping when every candidate in the bound is open', () => {
    const counter = new SystemBytesCounter(5);
    expect(() => counter.next(() => true, 3)).toThrow(RangeError);
  });

  it('starts at a random 32-bit value by default', () => {
    const starts = new Set(Array.from({ length: 8 }, () => new SystemBytesCounter().next(() => false, 0)));
    for (const value of starts) expect(value >>> 0).toBe(value);
    expect(starts.size).toBeGreaterThan(1);
  });
});
