import { describe, expect, it } from 'vitest';
import { type HsmsConsoleOptions, HsmsConsoleOptionError, isLoopbackHost, resolveConsoleOptions } from './console-options.js';
import { isLoopbackAddress } from './console-access.js';

describe('console options', () => {
  it('default to loopback port 3000, a generated token and reads for loopback only', () => {
    expect(resolveConsoleOptions()).toEqual({
      enabled: true, port: 3000, host: '127.0.0.1', token: undefined, remoteReads: false,
      traceSize: 1000, maxSmlLength: 20_000, maxSmlValues: 200, maxTraceBodyBytes: 262_144,
    });
  });

  it('take a port from an environment string, and name the option that is wrong', () => {
    expect(resolveConsoleOptions({ port: '3100' }).port).toBe(3100);
    expect(() => resolveConsoleOptions({ port: 70000 })).toThrow(HsmsConsoleOptionError);
    expect(() => resolveConsoleOptions({ port: 'http' })).toThrow(/'port'/);
    expect(() => resolveConsoleOptions({ token: 'short' })).toThrow(/'token'.*16 characters/);
    expect(() => resolveConsoleOptions({ traceSize: 0 })).toThrow(/'traceSize'/);
    expect(() => resolveConsoleOptions({ enabled: 'yes' } as unknown as HsmsConsoleOptions)).toThrow(/'enabled'/);
    expect(() => resolveConsoleOptions({ prot: 3000 } as unknown as HsmsConsoleOptions)).toThrow(/'prot': unknown option/);
  });

  it('tell loopback hosts and client addresses from others', () => {
    expect([isLoopbackHost('127.0.0.1'), isLoopbackHost('localhost'), isLoopbackHost('::1'), isLoopbackHost('0.0.0.0')]).toEqual([true, true, true, false]);
    expect([isLoopbackAddress('127.0.0.3'), isLoopbackAddress('::ffff:127.0.0.1'), isLoopbackAddress('::1'), isLoopbackAddress('10.0.0.1'), isLoopbackAddress(undefined)])
      .toEqual([true, true, true, false, false]);
  });
});
