import { describe, expect, it } from 'vitest';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { type HsmsConsoleOptions, isLoopbackHost, resolveConsoleOptions } from './console-options.js';
import { isLoopbackAddress } from './console-access.js';

describe('console options', () => {
  it('default to loopback port 3000, a generated token and reads for loopback only', () => {
    expect(resolveConsoleOptions()).toEqual({
      enabled: true,
      port: 3000,
      host: '127.0.0.1',
      token: undefined,
      remoteReads: false,
      traceSize: 1000,
      maxSmlLength: 20_000,
      maxSmlValues: 200,
      maxTraceBodyBytes: 262_144,
    });
  });

  it('take a port from an environment string, and name the option that is wrong', () => {
    expect(resolveConsoleOptions({ port: '3100' }).port).toBe(3100);
    expect(() => resolveConsoleOptions({ port: 70000 })).toThrow(HsmsOptionError);
    expect(() => resolveConsoleOptions({ port: 'http' })).toThrow(/^console\.port: /);
    expect(() => resolveConsoleOptions({ token: 'short' })).toThrow(/^console\.token: .*16 characters/);
    expect(() => resolveConsoleOptions({ traceSize: 0 })).toThrow(/^console\.traceSize: /);
    expect(() => resolveConsoleOptions({ enabled: 'yes' } as unknown as HsmsConsoleOptions)).toThrow(/^console\.enabled: /);
    expect(() => resolveConsoleOptions({ prot: 3000 } as unknown as HsmsConsoleOptions)).toThrow(
      /^console\.prot: unknown option 'prot' \(did you mean 'port'\?\)/,
    );
  });

  it('tell loopback hosts and client addresses from others', () => {
    expect([isLoopbackHost('127.0.0.1'), isLoopbackHost('localhost'), isLoopbackHost('::1'), isLoopbackHost('0.0.0.0')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([
      isLoopbackAddress('127.0.0.3'),
      isLoopbackAddress('::ffff:127.0.0.1'),
      isLoopbackAddress('::1'),
      isLoopbackAddress('10.0.0.1'),
      isLoopbackAddress(undefined),
    ]).toEqual([true, true, true, false, false]);
  });
});
