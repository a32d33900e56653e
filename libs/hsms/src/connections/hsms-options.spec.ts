import { describe, expect, it } from 'vitest';
import { encodeItem } from '../protocol/items/item-encoder.js';
import { decodeItem, SecsMaxDepthExceededError, SecsMaxItemsExceededError } from '../protocol/items/item-decoder.js';
import { L, U1 } from '../protocol/items/secs-item.js';
import { DEFAULT_TIMERS, type HsmsTimerOptions, HsmsOptionError, itemDecodeLimits, resolveTimerOptions } from './hsms-options.js';

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

/** The HsmsOptionError `run` throws (the test fails when it throws nothing or something else). */
function optionError(run: () => unknown): HsmsOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('no HsmsOptionError was thrown');
}

describe('resolveTimerOptions: E37 timer ranges', () => {
  // E37: T3 1..120 s, T5/T6/T7 1..240 s, T8 1..120 s; below 1 s stays allowed for tests.
  it.each([
    ['t3', 120],
    ['t5', 240],
    ['t6', 240],
    ['t7', 240],
    ['t8', 120],
  ] as const)('accepts %s from 0.001 s (tests) up to its E37 maximum %d s, and refuses one more', (timer, max) => {
    expect(resolveTimerOptions({ [timer]: 0.001 })[timer]).toBe(0.001);
    expect(resolveTimerOptions({ [timer]: max })[timer]).toBe(max);
    const error = optionError(() => resolveTimerOptions({ [timer]: max + 1 }));
    expect(error.path).toBe(timer);
    expect(error.message).toBe(`${timer}: must be a number of seconds in (0, ${max}], got ${max + 1}`);
  });

  it('refuses t3: 45000 (a milliseconds slip) with a message about seconds', () => {
    const error = optionError(() => resolveTimerOptions({ t3: 45000 }));
    expect(error.code).toBe('HSMS_OPTION_INVALID');
    expect(error.message).toBe(
      't3: must be a number of seconds in (0, 120], got 45000 (45000 s is 12.5 hours: the unit is seconds, not milliseconds)',
    );
  });

  it.each([0, -1, Number.NaN, Infinity])('refuses t6 = %s', (value) => {
    expect(optionError(() => resolveTimerOptions({ t6: value })).path).toBe('t6');
  });

  it('reads timers and limits given as decimal strings (configuration from env) as numbers', () => {
    const resolved = resolveTimerOptions({ t3: '15', t8: '0.5', linktest: '0', maxItemDepth: '8' } as unknown as HsmsTimerOptions);
    expect(resolved).toMatchObject({ t3: 15, t8: 0.5, linktest: 0, maxItemDepth: 8 });
  });

  it('refuses a string that is not a plain decimal number, saying it is a string', () => {
    const error = optionError(() => resolveTimerOptions({ t3: '15s' } as unknown as HsmsTimerOptions));
    expect(error.message).toBe('t3: must be a number of seconds in (0, 120], got the string "15s"');
  });

  it('prefixes the path with where the options sit', () => {
    expect(optionError(() => resolveTimerOptions({ t7: 500 }, DEFAULT_TIMERS, 'peers[2]')).path).toBe('peers[2].t7');
  });

  it('defaults connectTimeout to T5 and holds it to the same range', () => {
    expect(resolveTimerOptions({ t5: 2 }).connectTimeout).toBe(2);
    expect(optionError(() => resolveTimerOptions({ connectTimeout: 10_000 })).path).toBe('connectTimeout');
  });
});
