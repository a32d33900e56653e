import { describe, expect, it } from 'vitest';
import { LeveledLogger } from '../connections/hsms-logger.js';
import { LineLogger } from './line-logger.js';
import { CapturedOutput } from './testing/captured-output.js';

const AT = new Date('2026-01-02T03:04:05.678Z');

function logger(options: { debug?: boolean; held?: boolean } = {}) {
  const out = new CapturedOutput();
  return { out, logger: new LineLogger(out, { ...options, clock: () => AT }) };
}

describe('LineLogger', () => {
  it('writes time, level, context and message, with a verbose message SML on the following lines', () => {
    const { out, logger: target } = logger();
    const leveled = new LeveledLogger(target, 'verbose', 'Hsms tool');
    leveled.log('selected');
    leveled.verbose(() => 'received S1F1 W system 0x00000001\nS1F1 W\n.');
    expect(out.text).toBe(
      '2026-01-02T03:04:05.678Z LOG     [Hsms tool] selected\n' +
        '2026-01-02T03:04:05.678Z VERBOSE [Hsms tool] received S1F1 W system 0x00000001\nS1F1 W\n.\n',
    );
  });

  it('has no debug method unless asked, so the library skips debug text altogether', () => {
    const silent = logger();
    expect(silent.logger.debug).toBeUndefined();
    const quiet = new LeveledLogger(silent.logger, 'verbose');
    expect(quiet.enabled('debug')).toBe(false);
    quiet.debug('state NOT_SELECTED -> SELECTED');
    expect(silent.out.text).toBe('');
    const { out, logger: loud } = logger({ debug: true });
    new LeveledLogger(loud, 'verbose', 'c').debug('state NOT_SELECTED -> SELECTED');
    expect(out.text).toContain('DEBUG   [c] state NOT_SELECTED -> SELECTED');
  });

  it('writes an error stack only in debug mode', () => {
    const error = new Error('boom');
    const plain = logger();
    new LeveledLogger(plain.logger, 'log', 'c').error('callback failed', error);
    expect(plain.out.lines).toEqual(['2026-01-02T03:04:05.678Z ERROR   [c] callback failed']);
    const debug = logger({ debug: true });
    new LeveledLogger(debug.logger, 'log', 'c').error('callback failed', error);
    expect(debug.out.text).toContain('Error: boom\n    at ');
  });

  it('holds lines back until release(), then writes them in order after the first line', () => {
    const { out, logger: target } = logger({ held: true });
    target.log('one', 'c');
    target.warn('two', 'c');
    expect(out.text).toBe('');
    out.write('listening on *:5000\n');
    target.release();
    target.log('three', 'c');
    const at = AT.toISOString();
    expect(out.lines).toEqual(['listening on *:5000', `${at} LOG     [c] one`, `${at} WARN    [c] two`, `${at} LOG     [c] three`]);
  });
});
