import { HsmsError, type HsmsRequestInfo } from '../hsms/hsms-errors.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { s9CodeName, type S9HeaderFunction } from './s9.js';

/** Options of SecsAbortError. */
export interface SecsAbortOptions extends ErrorOptions {
  /**
   * On the equipment side, also send this S9 message about the primary (7: illegal data ...)
   * before the SxF0. The host side never sends S9 and answers SxF0 only.
   */
  readonly s9?: S9HeaderFunction;
}

/**
 * Thrown by a stream/function callback to refuse a primary: its reply is SxF0 (E5 abort) and the
 * refusal is logged at debug level only, as an expected outcome, not a failure.
 */
export class SecsAbortError extends HsmsError {
  static override readonly code: string = 'HSMS_SECS_ABORT';
  readonly s9: S9HeaderFunction | undefined;
  constructor(message = 'aborted by its callback', options: SecsAbortOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.s9 = options.s9;
  }
}

/** Base of the errors a request fails with when the peer answers it at the SECS-II level. */
export class SecsReplyError extends HsmsError {
  static override readonly code: string = 'HSMS_SECS_REPLY';
  constructor(
    readonly peer: string,
    readonly request: HsmsRequestInfo,
    message: string,
  ) {
    super(`${peer}: ${request.label} (system 0x${request.system.toString(16).padStart(8, '0')}) ${message}`);
  }
}

/** E5: the peer answered our request with SxF0 (abort): it will not give the reply. */
export class SecsAbortReplyError extends SecsReplyError {
  static override readonly code: string = 'HSMS_SECS_ABORTED_BY_PEER';
  constructor(
    peer: string,
    readonly stream: number,
    request: HsmsRequestInfo,
  ) {
    super(peer, request, `was aborted by the peer with S${stream}F0`);
  }
}

/** E5: the peer reported our request in an S9 message (S9F5 unrecognized function ...); `s9Name` names it. */
export class SecsStream9Error extends SecsReplyError {
  static override readonly code: string = 'HSMS_SECS_STREAM9';
  readonly s9Name: string;
  constructor(
    peer: string,
    readonly fn: number,
    request: HsmsRequestInfo,
    readonly mhead: HsmsHeader,
  ) {
    super(peer, request, `was refused by the peer with S9F${fn} (${s9CodeName(fn)})`);
    this.s9Name = s9CodeName(fn);
  }
}

/** The reply to our request was longer than maxMessageLength: it was dropped unread (E5: S9F11). */
export class SecsReplyTooLongError extends SecsReplyError {
  static override readonly code: string = 'HSMS_SECS_REPLY_TOO_LONG';
  constructor(
    peer: string,
    readonly length: number,
    readonly maxMessageLength: number,
    request: HsmsRequestInfo,
  ) {
    super(peer, request, `got a reply of ${length} bytes, over maxMessageLength ${maxMessageLength}`);
  }
}

/** registerStreamFunction was given a stream, function or callback it cannot use. */
export class SecsRegistrationError extends HsmsError {
  static override readonly code: string = 'HSMS_SECS_REGISTRATION';
}
