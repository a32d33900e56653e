import { describe, expect, it } from 'vitest';
import { ConnectRateLimiter, DEFAULT_CONNECT_RATE_LIMIT, resolveConnectRateLimit } from './connect-rate-limiter.js';
import { HsmsOptionError } from './hsms-options.js';

/** A limiter on a clock the test moves by hand (milliseconds). */
function limiter(attempts: number, perSeconds: number, maxAddresses?: number) {
  const clock = { now: 1000 };
  const rl = new ConnectRateLimiter({ attempts, perSeconds }, maxAddresses, () => clock.now);
  return { rl, clock };
}

function attempts(rl: ConnectRateLimiter, address: string, n: number): boolean[] {
  return Array.from({ length: n }, () => rl.tryAcquire(address));
}

describe('ConnectRateLimiter', () => {
  it('allows `attempts` per window from one address and refuses the next', () => {
    const { rl } = limiter(3, 10);
    expect(attempts(rl, '10.0.0.1', 5)).toEqual([true, true, true, false, false]);
  });

  it('counts each address on its own', () => {
    const { rl } = limiter(2, 10);
    expect(attempts(rl, '10.0.0.1', 3)).toEqual([true, true, false]);
    expect(attempts(rl, '10.0.0.2', 2)).toEqual([true, true]);
  });

  it('lets an address in again once its window, opened by its first attempt, has passed', () => {
    const { rl, clock } = limiter(2, 1);
    expect(attempts(rl, '10.0.0.1', 3)).toEqual([true, true, false]);
    clock.now += 999;
    expect(rl.tryAcquire('10.0.0.1')).toBe(false);
    clock.now += 1;
    expect(attempts(rl, '10.0.0.1', 3)).toEqual([true, true, false]);
  });

  it('forgets expired windows, so a scan leaves no table behind', () => {
    const { rl, clock } = limiter(1, 1);
    for (let i = 0; i < 100; i++) rl.tryAcquire(`10.0.${i >> 8}.${i & 255}`);
    expect(rl.trackedAddresses).toBe(100);
    clock.now += 1000;
    rl.tryAcquire('10.9.9.9');
    expect(rl.trackedAddresses).toBe(1);
  });

  it('keeps at most maxAddresses windows, dropping the oldest first', () => {
    const { rl, clock } = limiter(1, 60, 3);
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect(rl.tryAcquire(a)).toBe(true);
      clock.now += 1;
    }
    expect(rl.tryAcquire('10.0.0.4')).toBe(true); // 10.0.0.1's window is dropped
    expect(rl.trackedAddresses).toBe(3);
    expect(rl.tryAcquire('10.0.0.2')).toBe(false); // still remembered
    expect(rl.tryAcquire('10.0.0.1')).toBe(true); // forgotten: a fresh window (and 10.0.0.2, now the oldest, goes)
    expect(rl.trackedAddresses).toBe(3);
  });
});

describe('resolveConnectRateLimit', () => {
  it('defaults to 10 attempts per 10 s, and false turns it off', () => {
    expect(resolveConnectRateLimit(undefined)).toEqual({ attempts: 10, perSeconds: 10 });
    expect(DEFAULT_CONNECT_RATE_LIMIT).toEqual({ attempts: 10, perSeconds: 10 });
    expect(resolveConnectRateLimit(false)).toBeUndefined();
    expect(resolveConnectRateLimit({ attempts: 2, perSeconds: 0.2 })).toEqual({ attempts: 2, perSeconds: 0.2 });
  });

  const bad: Array<[unknown, string]> = [
    [true, 'connectRateLimit'],
    [null, 'connectRateLimit'],
    [5, 'connectRateLimit'],
    [{ perSeconds: 10 }, 'connectRateLimit.attempts'],
    [{ attempts: 0, perSeconds: 10 }, 'connectRateLimit.attempts'],
    [{ attempts: 1.5, perSeconds: 10 }, 'connectRateLimit.attempts'],
    [{ attempts: 10 }, 'connectRateLimit.perSeconds'],
    [{ attempts: 10, perSeconds: 0 }, 'connectRateLimit.perSeconds'],
    [{ attempts: 10, perSeconds: Number.POSITIVE_INFINITY }, 'connectRateLimit.perSeconds'],
    [{ attempts: 10, perSeconds: '10s' }, 'connectRateLimit.perSeconds'],
  ];

  it.each(bad)('refuses %j naming %s', (value, option) => {
    expect(() => resolveConnectRateLimit(value as never)).toThrow(HsmsOptionError);
    expect(() => resolveConnectRateLimit(value as never)).toThrow(new RegExp(`^${option.replace('.', '\\.')}: `));
  });
});
