import { type Msg, type NatsConnection, RequestError, TimeoutError } from '@nats-io/transport-node';
import type { SecsMessage } from '@app/hsms';
import {
  GatewayCommandTimeoutError,
  GatewayError,
  type GatewayErrorCode,
  GatewayInvalidCommandError,
  GatewayToolReplyError,
  GatewayToolUnavailableError,
  type GatewayUnavailableReason,
} from './gateway-errors.js';
import { commandSubject, GatewayHeader } from './gateway-subjects.js';
import { secsFromNats, secsHeaders, secsPayload } from './secs-wire.js';

export interface GatewayCommandOptions {
  /** How long the caller waits for the tool's reply, in ms. Default: the client's defaultTimeoutMs. */
  timeoutMs?: number;
}

export interface GatewayClientOptions {
  /** Default deadline of a command, in ms. Default 10,000 (above a typical T3 would be pointless: the gateway gives up at T3). */
  defaultTimeoutMs?: number;
}

/**
 * Sends SECS-II primaries to tools through the gateway cluster: core NATS request/reply on
 * `hsms.cmd.<equipment>.<SxFy>`, which only the gateway that holds the tool's lease subscribes to.
 *
 * One call, one attempt: a command is never retried on the caller's behalf (a second S2F41 START
 * is not harmless). It resolves with the tool's reply or rejects with a named error:
 * GatewayToolUnavailableError at once when no gateway owns the tool (NATS "no responders") or the
 * owner has no SELECTED session; GatewayCommandTimeoutError at the deadline;
 * GatewayToolReplyError when the tool answered SxF0/S9 or the gateway's T3 expired.
 */
export class GatewayClient {
  private readonly defaultTimeoutMs: number;

  constructor(
    private readonly nc: NatsConnection,
    options: GatewayClientOptions = {},
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
    if (!(this.defaultTimeoutMs > 0)) throw new GatewayInvalidCommandError(`defaultTimeoutMs must be > 0, got ${this.defaultTimeoutMs}`);
  }

  async command(equipment: string, message: SecsMessage, options: GatewayCommandOptions = {}): Promise<SecsMessage> {
    if (!message.isPrimary || !message.wBit) {
      throw new GatewayInvalidCommandError(`${message.sf}${message.wBit ? ' W' : ''}: a command is a primary with the W-bit set`);
    }
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const headers = secsHeaders(message);
    headers.set(GatewayHeader.Deadline, String(Date.now() + timeoutMs));
    let reply: Msg;
    try {
      reply = await this.nc.request(commandSubject(equipment, message.sf), secsPayload(message), { timeout: timeoutMs, headers });
    } catch (error) {
      throw translateRequestError(error, equipment, message.sf, timeoutMs);
    }
    const code = reply.headers?.get(GatewayHeader.ErrorCode);
    if (code) throw errorFromReply(code as GatewayErrorCode, reply, equipment, message.sf, timeoutMs);
    const secs = secsFromNats(reply.headers, reply.data);
    if (!secs) throw new GatewayToolReplyError(equipment, message.sf, 'the gateway answered without a SECS-II message');
    return secs;
  }
}

function translateRequestError(error: unknown, equipment: string, sf: string, timeoutMs: number): Error {
  if (error instanceof RequestError && error.isNoResponders())
    return new GatewayToolUnavailableError(equipment, 'no-owner', 'no gateway holds its lease');
  if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError)) {
    return new GatewayCommandTimeoutError(equipment, sf, timeoutMs);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function errorFromReply(code: GatewayErrorCode, reply: Msg, equipment: string, sf: string, timeoutMs: number): GatewayError {
  const text = reply.headers?.get(GatewayHeader.ErrorMessage) ?? '';
  switch (code) {
    case 'GATEWAY_TOOL_UNAVAILABLE':
      return new GatewayToolUnavailableError(
        equipment,
        (reply.headers?.get(GatewayHeader.ErrorReason) || 'not-selected') as GatewayUnavailableReason,
        text,
      );
    case 'GATEWAY_COMMAND_TIMEOUT':
      return new GatewayCommandTimeoutError(equipment, sf, timeoutMs);
    case 'GATEWAY_INVALID_COMMAND':
      return new GatewayInvalidCommandError(text);
    default:
      return new GatewayToolReplyError(equipment, sf, text || code);
  }
}
