import { describe, expect, it } from 'vitest';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { secsCatalogue } from './catalogue/index.js';
import { resolveSecsOptions, type SecsHandlerOptions } from './secs-options.js';

function refusal(options: unknown): HsmsOptionError {
  try {
    resolveSecsOptions(options as SecsHandlerOptions, 'peers[0]');
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('the options were accepted');
}

describe('resolveSecsOptions', () => {
  it('defaults to the host role, the shared catalogue and body checks on', () => {
    expect(resolveSecsOptions({})).toEqual({ role: 'host', catalogue: secsCatalogue, validateBodies: true });
  });

  it.each([
    [{ role: 'tool' }, 'peers[0].role', "must be one of 'host', 'equipment', got the string \"tool\""],
    [{ catalogue: {} }, 'peers[0].catalogue', 'must be a SecsCatalogue'],
    [{ validateBodies: 'yes' }, 'peers[0].validateBodies', 'must be true or false, got the string "yes"'],
  ])('refuses %j naming %s', (options, path, text) => {
    const error = refusal(options);
    expect(error.path).toBe(path);
    expect(error.message).toBe(`${path}: ${text}`);
  });
});
