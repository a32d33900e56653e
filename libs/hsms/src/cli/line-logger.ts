import type { HsmsLogger } from '../connections/hsms-logger.js';
import { BoundedLineSink, DEFAULT_LOG_QUEUE_BYTES } from './bounded-line-sink.js';
import type { CliWritable } from './cli-io.js';

export interface LineLoggerOptions {
  /** Also write debug lines (state changes, connection details); the library skips them otherwise. */
  readonly debug?: boolean;
  /** Keep lines back until release(), so the tool's own first line comes first. Default false. */
  readonly held?: boolean;
  /** The time stamp of each line; the system clock unless a test fixes it. */
  readonly clock?: () => Date;
  /**
   * Most bytes of lines kept while the output is slow (a pipe to a slow reader); past it lines are
   * dropped and counted (BoundedLineSink). Default 1 MiB.
   */
  readonly maxQueuedBytes?: number;
}

/** Lines held back at most: past this, they are written anyway rather than kept without bound. */
const MAX_HELD_LINES = 1000;

/**
 * An HsmsLogger that writes one text block per call: `time LEVEL [context] message`. A message
 * traced at verbose carries its SML on the lines after the first. The debug method only exists
 * when asked for: the library's LeveledLogger then does not even build debug text.
 */
export class LineLogger implements HsmsLogger {
  readonly debug?: (message: unknown, ...params: unknown[]) => void;
  private held: string[] | undefined;
  private readonly clock: () => Date;
  private readonly out: BoundedLineSink;

  constructor(out: CliWritable, options: LineLoggerOptions = {}) {
    this.out = new BoundedLineSink(out, options.maxQueuedBytes ?? DEFAULT_LOG_QUEUE_BYTES);
    this.clock = options.clock ?? (() => new Date());
    this.held = options.held === true ? [] : undefined;
    if (options.debug === true) this.debug = (message, ...params) => this.write('DEBUG', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('LOG', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('WARN', message, params);
  }
  /** LeveledLogger passes (message, stack or error, context); the stack is written in debug mode only. */
  error(message: unknown, ...params: unknown[]): void {
    const detail = params.length > 1 ? params[0] : undefined;
    const text = this.debug !== undefined && typeof detail === 'string' ? `${String(message)}\n${detail}` : message;
    this.write('ERROR', text, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('FATAL', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('VERBOSE', message, params);
  }

  /** Writes the held lines and stops holding. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    if (held !== undefined && held.length > 0) this.out.write(held.join(''));
  }

  private write(level: string, message: unknown, params: readonly unknown[]): void {
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? `[${String(params[params.length - 1])}] ` : '';
    const line = `${this.clock().toISOString()} ${level.padEnd(7)} ${context}${String(message)}\n`;
    if (this.held === undefined) {
      this.out.write(line);
      return;
    }
    this.held.push(line);
    if (this.held.length >= MAX_HELD_LINES) this.release();
  }
}
