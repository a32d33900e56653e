// The named errors a fab service meets when it talks to tools through the gateway cluster. Every
// one has a stable `code`; the gateway sends the code in a reply header and the client turns it
// back into the same class.

export type GatewayErrorCode =
  | 'GATEWAY_TOOL_UNAVAILABLE'
  | 'GATEWAY_COMMAND_TIMEOUT'
  | 'GATEWAY_TOOL_REPLY_FAILED'
  | 'GATEWAY_INVALID_COMMAND'
  | 'GATEWAY_CONFIG';

/** Root of the gateway's errors. */
export class GatewayError extends Error {
  constructor(readonly code: GatewayErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Why a command could not reach its tool: nobody owns the tool (NATS "no responders": no gateway
 * holds its lease), the owner has no SELECTED session with it yet, or the owner is giving it up.
 */
export type GatewayUnavailableReason = 'no-owner' | 'not-selected' | 'lease-lost';

/** The tool cannot be reached now; nothing was sent to it. Safe to try again later. */
export class GatewayToolUnavailableError extends GatewayError {
  constructor(readonly equipment: string, readonly reason: GatewayUnavailableReason, detail?: string) {
    super('GATEWAY_TOOL_UNAVAILABLE', `${equipment}: tool unavailable (${reason})${detail ? `: ${detail}` : ''}`);
  }
}

/** No reply within the caller's deadline. The tool may or may not have received the command. */
export class GatewayCommandTimeoutError extends GatewayError {
  constructor(readonly equipment: string, readonly streamFunction: string, readonly timeoutMs: number) {
    super('GATEWAY_COMMAND_TIMEOUT', `${equipment}: no reply to ${streamFunction} within ${timeoutMs} ms`);
  }
}

/** The command reached the tool's session but did not get a proper reply (SxF0, an S9, T3, link closed). */
export class GatewayToolReplyError extends GatewayError {
  constructor(readonly equipment: string, readonly streamFunction: string, detail: string) {
    super('GATEWAY_TOOL_REPLY_FAILED', `${equipment}: ${streamFunction} failed at the tool: ${detail}`);
  }
}

/** The command itself is not one the gateway forwards (not a primary with the W-bit, bad encoding). */
export class GatewayInvalidCommandError extends GatewayError {
  constructor(detail: string) {
    super('GATEWAY_INVALID_COMMAND', detail);
  }
}
