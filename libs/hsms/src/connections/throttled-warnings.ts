import type { LeveledLogger } from './hsms-logger.js';

/** Warning lines written per interval before the rest are only counted. */
export const DEFAULT_WARNINGS_PER_INTERVAL = 20;
export const DEFAULT_WARNING_INTERVAL_MS = 10_000;

/**
 * Warnings about refused connections, at most `limit` lines per interval: a port scan or a tool
 * stuck in a reconnect loop must not flood the log. Lines over the budget are counted, and one
 * summary line reports them when the interval ends (a timer that does not keep the process alive)
 * or at flush().
 */
export class ThrottledWarnings {
  private windowStart = Number.NEGATIVE_INFINITY;
  private written = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: LeveledLogger,
    /** What the summary counts, e.g. 'refused connections'. */
    private readonly what: string,
    private readonly limit = DEFAULT_WARNINGS_PER_INTERVAL,
    private readonly intervalMs = DEFAULT_WARNING_INTERVAL_MS,
  ) {}

  warn(message: string): void {
    const now = performance.now();
    if (now - this.windowStart >= this.intervalMs) {
      this.flush();
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written < this.limit) {
      this.written++;
      this.logger.warn(message);
      return;
    }
    this.suppressed++;
    if (!this.timer) {
      this.timer = setTimeout(
        () => {
          this.flush();
          this.windowStart = Number.NEGATIVE_INFINITY; // the interval is over even if the clock reads a hair short of it
        },
        this.windowStart + this.intervalMs - now,
      );
      this.timer.unref();
    }
  }

  /** Writes the summary of what was suppressed so far (if anything) and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed === 0) return;
    this.logger.warn(`${this.suppressed} more ${this.what} were not logged (over ${this.limit} lines per ${this.intervalMs / 1000} s)`);
    this.suppressed = 0;
  }
}
