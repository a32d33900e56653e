// The named errors a fab service meets when it talks to tools through the gateway cluster. This
// package is separate from the HSMS library, so it has its own root, GatewayError, built the same
// way as the library's HsmsError: each class declares a stable `code` (static, and copied onto
// every instance) and `name` is the class name. The gateway sends the code of a failed command in
// a reply header and the client turns it back into the same class.

export type GatewayErrorCode =
  | 'GATEWAY_ERROR'
  | 'GATEWAY_TOOL_UNAVAILABLE'
  | 'GATEWAY_COMMAND_TIMEOUT'
  | 'GATEWAY_TOOL_REPLY_FAILED'
  | 'GATEWAY_INVALID_COMMAND'
  | 'GATEWAY_INVALID_EVENT'
  | 'GATEWAY_CONFIG';

/** Root of the gateway's errors; branch on `error.code` where `instanceof` may fail (two copies of the package). */
export class GatewayError extends Error {
  /** The stable code of this class of error; every instance carries it as `error.code`. */
  static readonly code: GatewayErrorCode = 'GATEWAY_ERROR';
  /** The stable code of this error's class ('GATEWAY_TOOL_UNAVAILABLE', 'GATEWAY_CONFIG' ...). */
  readonly code: GatewayErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as typeof GatewayError).code;
  }
}

/**
 * Why a command could not reach its tool: nobody owns the tool (NATS "no responders": no gateway
 * holds its lease), the owner has no SELECTED session with it yet, or the owner is giving it up.
 */
export type GatewayUnavailableReason = 'no-owner' | 'not-selected' | 'lease-lost';

/** The tool cannot be reached now; nothing was sent to it. Safe to try again later. */
export class GatewayToolUnavailableError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_TOOL_UNAVAILABLE';

  constructor(
    readonly equipment: string,
    readonly reason: GatewayUnavailableReason,
    detail?: string,
  ) {
    super(`${equipment}: tool unavailable (${reason})${detail ? `: ${detail}` : ''}`);
  }
}

/** No reply within the caller's deadline. The tool may or may not have received the command. */
export class GatewayCommandTimeoutError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_COMMAND_TIMEOUT';

  constructor(
    readonly equipment: string,
    readonly streamFunction: string,
    readonly timeoutMs: number,
  ) {
    super(`${equipment}: no reply to ${streamFunction} within ${timeoutMs} ms`);
  }
}

/** The command reached the tool's session but did not get a proper reply (SxF0, an S9, T3, link closed). */
export class GatewayToolReplyError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_TOOL_REPLY_FAILED';

  constructor(
    readonly equipment: string,
    readonly streamFunction: string,
    detail: string,
  ) {
    super(`${equipment}: ${streamFunction} failed at the tool: ${detail}`);
  }
}

/** The command itself is not one the gateway forwards (not a primary with the W-bit, bad encoding). */
export class GatewayInvalidCommandError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_INVALID_COMMAND';
}

/** A message in the event stream that is not a gateway event (no SECS-II headers); the consumer terminates it. */
export class GatewayInvalidEventError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_INVALID_EVENT';

  constructor(
    readonly subject: string,
    readonly streamSequence: number,
    detail: string,
  ) {
    super(`${subject} #${streamSequence}: ${detail}`);
  }
}

/** A configuration value that is missing or out of range; `field` is its path, e.g. 'leases.ttlMs' or 'durable'. */
export class GatewayConfigError extends GatewayError {
  static override readonly code: GatewayErrorCode = 'GATEWAY_CONFIG';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`gateway config ${field}: ${detail}`);
  }
}
