import { HsmsSendQueueFullError } from '../connections/connection-errors.js';
import { GemNotCommunicatingError } from '../gem/gem-errors.js';
import {
  HsmsConnectionClosedError,
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsRejectedError,
  HsmsReplyTimeoutError,
} from '../hsms/hsms-errors.js';
import { HsmsError } from '../protocol/hsms-error.js';
import { SecsMessageError } from '../protocol/secs-message.js';
import { SmlParseError } from '../protocol/sml/sml-parse-error.js';
import { SecsReplyError } from '../secs/secs-errors.js';
import { TraceFilterError } from './trace-filter.js';

/**
 * The JSON body of every console API error: the error's class name, its code (the library error's
 * stable `code`, or for the console's own HsmsConsoleHttpError its `reason`), the text.
 */
export interface ConsoleErrorBody {
  readonly error: string;
  readonly code?: string;
  readonly message: string;
  /** SmlParseError: where the SML went wrong (1-based). */
  readonly line?: number;
  readonly column?: number;
}

/**
 * An error the console answers a request with (unknown peer, missing token, body too large...):
 * `status` is the HTTP status, `reason` the word scripts branch on ('Unauthorized', 'UnknownPeer'),
 * sent as the JSON body's `code`.
 */
export class HsmsConsoleHttpError extends HsmsError {
  static override readonly code: string = 'HSMS_CONSOLE_HTTP';
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The console could not listen (the port is taken, the address is not this machine's...); `cause` says why. */
export class HsmsConsoleListenError extends HsmsError {
  static override readonly code: string = 'HSMS_CONSOLE_LISTEN';
  constructor(
    readonly host: string,
    readonly port: number,
    cause: Error,
  ) {
    super(
      `the web console cannot listen on ${host}:${port}: ${cause.message} (set console.port or console.host, or console.enabled: false)`,
      { cause },
    );
  }
}

/** The console cannot run as set up: no HsmsModule in the application, or a build without the page's files. */
export class HsmsConsoleSetupError extends HsmsError {
  static override readonly code: string = 'HSMS_CONSOLE_SETUP';
}

/** The HTTP status and JSON body for an error thrown while serving a request. */
export function httpErrorOf(error: unknown): { status: number; body: ConsoleErrorBody } {
  if (!(error instanceof Error)) return { status: 500, body: { error: 'Error', message: String(error) } };
  const raw: unknown = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : undefined;
  const body: ConsoleErrorBody = { error: error.name, ...(code === undefined ? {} : { code }), message: error.message };
  if (error instanceof HsmsConsoleHttpError) return { status: error.status, body: { ...body, code: error.reason } };
  if (error instanceof SmlParseError) return { status: 400, body: { ...body, line: error.line, column: error.column } };
  return { status: statusOf(error), body };
}

function statusOf(error: Error): number {
  if (error instanceof SecsMessageError || error instanceof TraceFilterError) return 400;
  // the link is not in a state to send: the request was fine, the peer is not ready
  if (error instanceof HsmsNotConnectedError || error instanceof HsmsNotSelectedError || error instanceof GemNotCommunicatingError)
    return 409;
  if (error instanceof HsmsSendQueueFullError) return 503;
  if (error instanceof HsmsReplyTimeoutError) return 504;
  // the peer answered with a Reject, an S9, an SxF0, or went away: a bad gateway in HTTP's words
  if (error instanceof HsmsRejectedError || error instanceof SecsReplyError || error instanceof HsmsConnectionClosedError) return 502;
  return 500;
}
