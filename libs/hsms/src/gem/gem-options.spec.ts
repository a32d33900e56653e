import { describe, expect, it } from 'vitest';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { rejectUnknownKeys } from '../protocol/option-checks.js';
import { SECS_OPTION_KEYS } from '../secs/secs-options.js';
import { GEM_OPTION_KEYS, type GemHandlerOptions, resolveGemOptions } from './gem-options.js';

function refusal(options: unknown, at = ''): HsmsOptionError {
  try {
    resolveGemOptions(options as GemHandlerOptions, at);
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('the options were accepted');
}

describe('resolveGemOptions', () => {
  it('fills the E30 defaults', () => {
    expect(resolveGemOptions({})).toEqual({
      mdln: '',
      softrev: '',
      establishCommunicationsMs: 10_000,
      initiateCommunication: true,
      communicationEnabled: true,
      formats: {},
      timeFormat: 16,
      utcTime: false,
    });
  });

  it('reads establishCommunicationsTimeout in seconds, from a decimal string too', () => {
    expect(resolveGemOptions({ establishCommunicationsTimeout: 0.05 }).establishCommunicationsMs).toBe(50);
    expect(resolveGemOptions({ establishCommunicationsTimeout: '3' } as unknown as GemHandlerOptions).establishCommunicationsMs).toBe(3000);
  });

  it('refuses a timeout in milliseconds with a message about seconds, and one that is not a number', () => {
    expect(refusal({ establishCommunicationsTimeout: 100_000 }).message).toContain('the unit is seconds, not milliseconds');
    expect(refusal({ establishCommunicationsTimeout: '10s' }).message).toContain('got the string "10s"');
  });

  it.each([
    [{ mdln: 'x'.repeat(21) }, 'gem.mdln'],
    [{ softrev: 'é' }, 'gem.softrev'],
    [{ timeFormat: 13 }, 'gem.timeFormat'],
    [{ utcTime: 'no' }, 'gem.utcTime'],
    [{ initiateCommunication: 1 }, 'gem.initiateCommunication'],
  ])('refuses %j with HsmsOptionError at %s', (options, path) => {
    const error = refusal(options, 'gem');
    expect(error.path).toBe(path);
    expect(error.code).toBe('HSMS_OPTION_INVALID');
  });

  it('has a key list that, with the SECS keys, names the nearest key of a typo', () => {
    const known = [...GEM_OPTION_KEYS, ...SECS_OPTION_KEYS];
    expect(() => rejectUnknownKeys('gem', { mdln: 'X', role: 'host' }, known)).not.toThrow();
    expect(() => rejectUnknownKeys('gem', { softRev: '1' }, known)).toThrow(
      "gem.softRev: unknown option 'softRev' (did you mean 'softrev'?)",
    );
  });
});
