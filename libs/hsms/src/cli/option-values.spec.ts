import { describe, expect, it } from 'vitest';
import { CliUsageError } from './cli-errors.js';
import { readAddress, readChoice, readHost, readInteger, readPort, readSeconds, required } from './option-values.js';

describe('readSeconds', () => {
  it.each([
    ['45', 45],
    ['0.5', 0.5],
    ['.25', 0.25],
    ['3.', 3],
    ['86400', 86_400],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(readSeconds('t3', text)).toBe(seconds);
  });

  it.each(['0', '-1', 'abc', '1e3', '86400.5', '', ' 5', 'Infinity', 'NaN', '0x10'])('refuses %j naming the option', (text) => {
    expect(() => readSeconds('t3', text)).toThrow(CliUsageError);
    expect(() => readSeconds('t3', text)).toThrow(/^--t3: /);
  });

  it('takes 0 where it means off', () => {
    expect(readSeconds('linktest', '0', true)).toBe(0);
    expect(() => readSeconds('linktest', '0')).toThrow(/more than 0/);
  });
});

describe('readPort and readInteger', () => {
  it('reads ports, 0 only for a listener', () => {
    expect(readPort('port', '0', true)).toBe(0);
    expect(readPort('port', '65535', false)).toBe(65_535);
    expect(() => readPort('port', '0', false)).toThrow(/1\.\.65535/);
    expect(() => readPort('port', '65536', true)).toThrow(/got '65536'/);
    expect(() => readPort('port', '50.5', true)).toThrow(CliUsageError);
  });

  it('reads decimal and 0x hex integers within their range', () => {
    expect(readInteger('device-id', '0x1F', 0, 0xffff)).toBe(31);
    expect(readInteger('device-id', '65535', 0, 0xffff)).toBe(65_535);
    expect(() => readInteger('device-id', '-1', 0, 0xffff)).toThrow(/--device-id: must be an integer in 0\.\.65535, got '-1'/);
    expect(() => readInteger('device-id', '1.5', 0, 0xffff)).toThrow(CliUsageError);
  });
});

describe('addresses, choices and required options', () => {
  it('reads IP addresses, and * only where any address is meant', () => {
    expect(readAddress('address', '*', true)).toBe('*');
    expect(readAddress('bind', '::1', false)).toBe('::1');
    expect(() => readAddress('bind', '*', false)).toThrow(/--bind: must be an IP address, got/);
    expect(() => readAddress('address', '300.1.1.1', true)).toThrow(CliUsageError);
  });

  it('reads host names for a peer to connect to', () => {
    expect(readHost('host', 'etcher-7.fab.local')).toBe('etcher-7.fab.local');
    expect(() => readHost('host', '-x')).toThrow(CliUsageError);
  });

  it('reads one of a few words, and names a missing required option', () => {
    expect(readChoice('role', 'host', ['equipment', 'host'])).toBe('host');
    expect(() => readChoice('role', 'Host', ['equipment', 'host'])).toThrow(/must be equipment or host, got 'Host'/);
    expect(required('port', '1')).toBe('1');
    expect(() => required('port', undefined)).toThrow(/^--port is required$/);
  });
});
