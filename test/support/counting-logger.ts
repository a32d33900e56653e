// An HsmsLogger for load tests: it counts lines per level and keeps only the first few of each, so
// a flood of warnings costs what real logging would (a call per line) without growing memory.
import type { HsmsLogger, HsmsLogLevel } from '../../libs/hsms/src/connections/hsms-logger.js';

const KEEP_PER_LEVEL = 20;

export class CountingLogger implements HsmsLogger {
  readonly counts: Record<HsmsLogLevel, number> = { fatal: 0, error: 0, warn: 0, log: 0, debug: 0, verbose: 0 };
  /** The first lines of each level, for a failing test's message. */
  readonly first: Record<HsmsLogLevel, string[]> = { fatal: [], error: [], warn: [], log: [], debug: [], verbose: [] };

  log(message: unknown): void {
    this.add('log', message);
  }
  error(message: unknown): void {
    this.add('error', message);
  }
  warn(message: unknown): void {
    this.add('warn', message);
  }

  /** How many lines of `level` matched `pattern` among the first ones kept. */
  firstMatching(level: HsmsLogLevel, pattern: RegExp): number {
    return this.first[level].filter((line) => pattern.test(line)).length;
  }

  private add(level: HsmsLogLevel, message: unknown): void {
    this.counts[level]++;
    if (this.first[level].length < KEEP_PER_LEVEL) this.first[level].push(String(message));
  }
}
