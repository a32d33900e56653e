import { describe, expect, it } from 'vitest';
import { LeveledLogger } from './hsms-logger.js';
import { CaptureLogger } from './testing/capture-logger.js';
import { ThrottledWarnings } from './throttled-warnings.js';

/** A CaptureLogger that also resolves a promise at its n-th warn line. */
class WaitingLogger extends CaptureLogger {
  private waiter: { n: number; resolve: () => void } | undefined;
  override warn(message: unknown): void {
    super.warn(message);
    if (this.waiter && this.lines.length >= this.waiter.n) this.waiter.resolve();
  }
  /** Resolves at the n-th line; rejects after `timeoutMs`. */
  nthLine(n: number, timeoutMs = 3000): Promise<void> {
    if (this.lines.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.lines.length} lines after ${timeoutMs} ms`)), timeoutMs);
      this.waiter = {
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

describe('ThrottledWarnings', () => {
  it('writes `limit` lines per interval, counts the rest, and reports them in one line at flush()', () => {
    const logger = new CaptureLogger();
    const warnings = new ThrottledWarnings(new LeveledLogger(logger), 'refused connections', 3, 60_000);
    for (let i = 1; i <= 10; i++) warnings.warn(`refused #${i}`);
    expect(logger.lines.map((l) => l.message)).toEqual(['refused #1', 'refused #2', 'refused #3']);
    warnings.flush();
    expect(logger.lines).toHaveLength(4);
    expect(logger.lines[3]!.message).toBe('7 more refused connections were not logged (over 3 lines per 60 s)');
    warnings.flush(); // nothing more to report
    expect(logger.lines).toHaveLength(4);
  });

  it('reports what it suppressed when the interval ends, without another warning to carry it', async () => {
    const logger = new WaitingLogger();
    const warnings = new ThrottledWarnings(new LeveledLogger(logger), 'refused connections', 2, 50);
    for (let i = 0; i < 5; i++) warnings.warn('refused');
    expect(logger.lines).toHaveLength(2);
    await logger.nthLine(3);
    expect(logger.lines[2]!.message).toBe('3 more refused connections were not logged (over 2 lines per 0.05 s)');
    expect(logger.lines[2]!.level).toBe('warn');
  });

  it('starts a fresh budget in the next interval', async () => {
    const logger = new WaitingLogger();
    const warnings = new ThrottledWarnings(new LeveledLogger(logger), 'refused connections', 1, 50);
    warnings.warn('first');
    warnings.warn('suppressed');
    await logger.nthLine(2); // the summary closes the interval
    warnings.warn('next interval');
    expect(logger.lines.map((l) => l.message)).toEqual([
      'first',
      '1 more refused connections were not logged (over 1 lines per 0.05 s)',
      'next interval',
    ]);
  });
});
