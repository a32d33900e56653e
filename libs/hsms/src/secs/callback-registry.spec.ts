import { describe, expect, it } from 'vitest';
import { CallbackRegistry } from './callback-registry.js';
import { SecsRegistrationError } from './secs-errors.js';

describe('CallbackRegistry', () => {
  it('knows a stream while any of its functions has a callback', () => {
    const registry = new CallbackRegistry<() => number>();
    registry.set(2, 41, () => 1);
    registry.set(2, 41, () => 2); // a replacement is not a second entry
    registry.set(2, 13, () => 3);
    expect(registry.get(2, 41)?.()).toBe(2);
    expect(registry.delete(2, 41)).toBe(true);
    expect(registry.hasStream(2)).toBe(true);
    expect(registry.delete(2, 13)).toBe(true);
    expect(registry.hasStream(2)).toBe(false);
    expect(registry.delete(2, 13)).toBe(false);
    expect(registry.get(2, 13)).toBeUndefined();
  });

  it.each([
    [-1, 1, /stream -1 is outside 0\.\.127/],
    [1.5, 1, /stream 1\.5/],
    [1, -1, /function -1 is outside 0\.\.255/],
  ])('refuses stream %s function %s with SecsRegistrationError', (stream, fn, text) => {
    const registry = new CallbackRegistry<() => void>();
    expect(() => registry.set(stream, fn, () => undefined)).toThrow(SecsRegistrationError);
    expect(() => registry.set(stream, fn, () => undefined)).toThrow(text);
  });
});
