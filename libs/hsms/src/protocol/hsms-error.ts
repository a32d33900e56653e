/**
 * The one root of every error this library throws (ws' habit: `err.code = 'WS_ERR_...'`).
 * Each concrete class declares a stable string `code` (static, and copied onto every instance), so
 * callers can branch on `error.code` across versions and bundles where `instanceof` may fail, and
 * `name` is the class name for logs.
 */
export class HsmsError extends Error {
  /** The stable code of this class of error; every instance carries it as `error.code`. */
  static readonly code: string = 'HSMS_ERROR';
  /** The stable code of this error's class ('HSMS_REPLY_TIMEOUT', 'HSMS_OPTION_INVALID' ...). */
  readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as typeof HsmsError).code;
  }
}

/**
 * An option that does not validate, from any layer (module, peer, connection, handler, GEM,
 * simulator, SML, frame decoder). `path` locates it in what the caller passed: 'port',
 * 'peers[1].port', 'tls.keyFile', 'connectRateLimit.attempts'.
 */
export class HsmsOptionError extends HsmsError {
  static override readonly code: string = 'HSMS_OPTION_INVALID';

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}
