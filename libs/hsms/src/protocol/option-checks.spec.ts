import { describe, expect, it } from 'vitest';
import { HsmsError, HsmsOptionError } from './hsms-error.js';
import { nearestName, readInteger, readNumber, readPort, readSeconds, readSessionId, rejectUnknownKeys } from './option-checks.js';

function thrown(run: () => unknown): HsmsOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('no HsmsOptionError was thrown');
}

describe('HsmsOptionError', () => {
  it('is an HsmsError with code HSMS_OPTION_INVALID, its class name and the option path', () => {
    const error = new HsmsOptionError('peers[1].port', 'must be an integer in 1..65535, got 70000');
    expect(error).toBeInstanceOf(HsmsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('HSMS_OPTION_INVALID');
    expect(HsmsOptionError.code).toBe('HSMS_OPTION_INVALID');
    expect(error.name).toBe('HsmsOptionError');
    expect(error.path).toBe('peers[1].port');
    expect(error.message).toBe('peers[1].port: must be an integer in 1..65535, got 70000');
  });
});

describe('numbers that arrive as strings', () => {
  it.each([
    ['15100', 15100],
    [' 15100 ', 15100],
    ['0.5', 0.5],
    ['1e3', 1000],
    ['-2', -2],
  ])('reads %j as %d', (text, value) => {
    expect(readNumber('x', text)).toBe(value);
  });

  it.each(['15100abc', '', ' ', '0x3a98', '1 000', 'NaN', 'Infinity', '12px'])('refuses %j, saying it is a string', (text) => {
    expect(thrown(() => readNumber('port', text)).message).toBe(`port: must be a number, got the string ${JSON.stringify(text)}`);
  });

  it.each([null, true, {}, [], Number.NaN, Infinity])('refuses %j', (value) => {
    expect(thrown(() => readNumber('t3', value)).path).toBe('t3');
  });

  it('reads a port from env and refuses one out of range or with a fraction', () => {
    expect(readPort('port', '15100', false)).toBe(15100);
    expect(readPort('port', 0, true)).toBe(0);
    expect(thrown(() => readPort('port', 0, false)).message).toBe('port: must be an integer in 1..65535, got 0');
    expect(thrown(() => readPort('port', '70000', true)).message).toBe('port: must be an integer in 0..65535, got the string "70000"');
    expect(thrown(() => readInteger('n', 1.5, 0, 9)).message).toBe('n: must be an integer in 0..9, got 1.5');
  });
});

describe('session id: one rule in every layer', () => {
  it('is 0..32767 (E37/E5: the 15-bit device id of a data message)', () => {
    expect(readSessionId('sessionId', undefined)).toBe(0);
    expect(readSessionId('sessionId', 32767)).toBe(32767);
    expect(readSessionId('sessionId', '7')).toBe(7);
    expect(thrown(() => readSessionId('sessionId', 32768)).message).toBe('sessionId: must be an integer in 0..32767, got 32768');
    expect(thrown(() => readSessionId('sessionId', 0xffff)).path).toBe('sessionId');
  });
});

describe('durations in seconds', () => {
  it('allows values below 1 s (tests) and calls a value in milliseconds so', () => {
    expect(readSeconds('t8', 0.01, 120)).toBe(0.01);
    expect(thrown(() => readSeconds('t8', 5000, 120)).message).toContain('5000 s is 1.4 hours: the unit is seconds, not milliseconds');
    expect(thrown(() => readSeconds('t8', 121, 120)).message).toBe('t8: must be a number of seconds in (0, 120], got 121');
  });

  it('allows 0 only where it means off', () => {
    expect(readSeconds('linktest', 0, 60, true)).toBe(0);
    expect(thrown(() => readSeconds('t3', 0, 120)).path).toBe('t3');
  });
});

describe('unknown keys', () => {
  it("names the nearest valid key: unknown option 'sessionID' (did you mean 'sessionId'?)", () => {
    const error = thrown(() => rejectUnknownKeys('peers[0]', { name: 'a', sessionID: 3 }, ['name', 'sessionId', 'port']));
    expect(error.path).toBe('peers[0].sessionID');
    expect(error.message).toBe("peers[0].sessionID: unknown option 'sessionID' (did you mean 'sessionId'?)");
  });

  it('gives no suggestion when nothing is close', () => {
    expect(thrown(() => rejectUnknownKeys('', { frobnicate: 1 }, ['t3', 't5'])).message).toBe("frobnicate: unknown option 'frobnicate'");
  });

  it('passes an object with known keys only', () => {
    expect(() => rejectUnknownKeys('', { t3: 1 }, ['t3', 't5'])).not.toThrow();
  });

  it.each([
    ['prot', 'port'],
    ['T3', 't3'],
    ['linktestFailure', 'linktestFailures'],
    ['maxQueueBytes', 'maxQueuedBytes'],
  ])('suggests %s -> %s', (typo, expected) => {
    expect(nearestName(typo, ['port', 't3', 't5', 'linktestFailures', 'maxQueuedBytes'])).toBe(expected);
  });
});
