// Test-only: an HsmsLogger that keeps every line, so tests can assert what was logged and when.
import type { HsmsLogger, HsmsLogLevel } from '../hsms-logger.js';

export interface LogLine {
  level: HsmsLogLevel;
  message: string;
  at: number;
}

export class CaptureLogger implements HsmsLogger {
  readonly lines: LogLine[] = [];

  log(message: unknown): void {
    this.add('log', message);
  }
  error(message: unknown): void {
    this.add('error', message);
  }
  warn(message: unknown): void {
    this.add('warn', message);
  }
  debug(message: unknown): void {
    this.add('debug', message);
  }
  verbose(message: unknown): void {
    this.add('verbose', message);
  }

  /** Lines of `level` whose text matches `pattern`. */
  find(level: HsmsLogLevel, pattern: RegExp): LogLine[] {
    return this.lines.filter((l) => l.level === level && pattern.test(l.message));
  }

  private add(level: HsmsLogLevel, message: unknown): void {
    this.lines.push({ level, message: String(message), at: performance.now() });
  }
}
