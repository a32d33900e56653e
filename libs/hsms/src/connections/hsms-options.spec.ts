import { describe, expect, it } from 'vitest';
import { encodeItem } from '../protocol/items/item-encoder.js';
import { decodeItem, SecsMaxDepthExceededError, SecsMaxItemsExceededError } from '../protocol/items/item-decoder.js';
import { L, U1 } from '../protocol/items/secs-item.js';
import { DEFAULT_TIMERS, HsmsOptionError, itemDecodeLimits, resolveTimerOptions } from './hsms-options.js';

describe('item decoding limits in the connection options', () => {
  it('default to the decoder defaults: depth 64, 1,000,000 items', () => {
    const resolved = resolveTimerOptions({});
    expect(resolved.maxItemDepth).toBe(64);
    expect(resolved.maxItemCount).toBe(1_000_000);
    expect(DEFAULT_TIMERS.maxItemDepth).toBe(64);
    expect(itemDecodeLimits(resolved)).toEqual({ maxDepth: 64, maxItems: 1_000_000 });
  });

  it('carry configured values to the decoder, which then refuses a body past them', () => {
    const limits = itemDecodeLimits(resolveTimerOptions({ maxItemDepth: 2, maxItemCount: 3 }));
    expect(limits).toEqual({ maxDepth: 2, maxItems: 3 });
    expect(() => decodeItem(encodeItem(L(L(U1(1)))), limits)).not.toThrow();
    expect(() => decodeItem(encodeItem(L(L(L()))), limits)).toThrow(SecsMaxDepthExceededError);
    expect(() => decodeItem(encodeItem(L(U1(1), U1(2), U1(3))), limits)).toThrow(SecsMaxItemsExceededError);
  });

  const bad: Array<[string, unknown]> = [
    ['maxItemDepth', 0],
    ['maxItemDepth', 1.5],
    ['maxItemDepth', 1001],
    ['maxItemDepth', '64abc'],
    ['maxItemCount', 0],
    ['maxItemCount', -1],
    ['maxItemCount', 100_000_001],
    ['maxItemCount', Number.NaN],
  ];

  it.each(bad)('refuses %s = %j with HsmsOptionError naming it', (option, value) => {
    expect(() => resolveTimerOptions({ [option]: value })).toThrow(HsmsOptionError);
    expect(() => resolveTimerOptions({ [option]: value })).toThrow(new RegExp(`^${option}: must be an integer in 1\\.\\.`));
  });
});
