/**
 * The logger shape the library writes to: Nest's LoggerService (so a Nest `Logger` can be passed
 * as is), with every method but log/error/warn optional.
 */
export interface HsmsLogger {
  log(message: unknown, ...optionalParams: unknown[]): unknown;
  error(message: unknown, ...optionalParams: unknown[]): unknown;
  warn(message: unknown, ...optionalParams: unknown[]): unknown;
  debug?(message: unknown, ...optionalParams: unknown[]): unknown;
  verbose?(message: unknown, ...optionalParams: unknown[]): unknown;
  fatal?(message: unknown, ...optionalParams: unknown[]): unknown;
}

export type HsmsLogLevel = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

const ORDER: Readonly<Record<HsmsLogLevel, number>> = { fatal: 0, error: 1, warn: 2, log: 3, debug: 4, verbose: 5 };

/** Logs nothing: the default, so a library never writes to the console unasked. */
export const SILENT_LOGGER: HsmsLogger = { log() {}, error() {}, warn() {} };

/**
 * A logger with a threshold. `enabled(level)` lets callers skip building expensive text (SML
 * traces) when the level is off, as design/README.md asks.
 */
export class LeveledLogger {
  private readonly threshold: number;
  private label: string;
  constructor(
    readonly target: HsmsLogger = SILENT_LOGGER,
    level: HsmsLogLevel = 'log',
    context = 'Hsms',
  ) {
    this.threshold = target === SILENT_LOGGER ? -1 : ORDER[level];
    this.label = context;
  }
  /** The label every line carries (Nest's context argument): 'Hsms etcher-1', 'HsmsConnectionManager'. */
  get context(): string {
    return this.label;
  }
  /**
   * Relabels this logger in place (Nest's setContext). A handler calls it on its connection's
   * logger, so the connection's own lines (TCP, T8, socket errors) carry the peer name too.
   */
  setContext(context: string): void {
    this.label = context;
  }
  enabled(level: HsmsLogLevel): boolean {
    return ORDER[level] <= this.threshold && (level !== 'debug' || !!this.target.debug) && (level !== 'verbose' || !!this.target.verbose);
  }
  error(message: string, error?: unknown): void {
    if (!this.enabled('error')) return;
    const detail = error instanceof Error ? error.stack : error;
    if (detail === undefined) this.write('error', message);
    else this.write('error', message, detail);
  }
  warn(message: string): void {
    if (this.enabled('warn')) this.write('warn', message);
  }
  log(message: string): void {
    if (this.enabled('log')) this.write('log', message);
  }
  debug(message: string): void {
    if (this.enabled('debug')) this.write('debug', message);
  }
  /** `message` is a function so SML is only built when verbose is on. */
  verbose(message: () => string): void {
    if (this.enabled('verbose')) this.write('verbose', message());
  }

  /**
   * Nest's convention passes the context as the last argument; a Nest `Logger` made with a
   * context of its own would print ours as a second message, so for it the label goes in front.
   */
  private write(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose', message: string, ...extra: unknown[]): void {
    const method = this.target[level]!.bind(this.target);
    const own = (this.target as { context?: unknown }).context;
    if (typeof own !== 'string' || own === '') return void method(message, ...extra, this.context);
    const label = this.context.startsWith(`${own} `) ? this.context.slice(own.length + 1) : this.context;
    method(label === own ? message : `${label}: ${message}`, ...extra);
  }
  /** A child logger with another context label (peer name, address). */
  child(context: string): LeveledLogger {
    const child = Object.create(LeveledLogger.prototype) as LeveledLogger;
    Object.assign(child, this, { label: context });
    return child;
  }
}
