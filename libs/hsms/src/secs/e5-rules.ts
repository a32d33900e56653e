import type { HsmsRequestInfo } from '../hsms/hsms-errors.js';
import type { HsmsSession } from '../hsms/hsms-session.js';
import { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { PTYPE_SECS2, RejectReason } from '../protocol/hsms/s-type.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import { errorText, headerLabel } from './message-text.js';
import { abortMessage } from './reply-message.js';
import { isS9HeaderFunction, readS9Header, s9CodeName, S9Function, s9Message, type S9HeaderFunction } from './s9.js';
import type { SecsRole } from './secs-callbacks.js';
import { SecsAbortReplyError, SecsReplyTooLongError, SecsStream9Error } from './secs-errors.js';
import type { SecsHandlerEvents } from './secs-handler.events.js';

/** System bytes of requests an S9 failed lately: the SxF0 E5 sends after that S9 is expected, not a surprise. */
const REMEMBERED_S9_FAILURES = 64;

/**
 * The E5 answers nobody wrote a handler for, and what the router does with S9 and stray replies.
 *
 * - equipment: device id not ours -> S9F1 only (the message is not addressed to this equipment,
 *   so it gets no SxF0 either); unknown stream -> S9F3, unknown function -> S9F5, illegal body ->
 *   S9F7, each followed by SxF0 when the W-bit is set; T3 on our request -> S9F9 with its header;
 *   a message over maxMessageLength -> S9F11 (+ SxF0 when W).
 * - host: an unhandled W-bit primary, one with a device id not ours, or one over maxMessageLength
 *   gets SxF0 only (so the sender does not wait out T3).
 * - both: a received SxF0, or S9F1/3/5/7/11 whose MHEAD names one of our open requests, fails it at
 *   once; the SxF0 that follows such an S9 (E5 sends both) is expected and logged at debug only.
 *   Nothing is ever sent for a received stream-9 message.
 */
export class E5Rules {
  private readonly failedByS9: number[] = [];

  constructor(
    private readonly session: HsmsSession<SecsHandlerEvents>,
    private readonly role: SecsRole,
  ) {}

  /** Equipment side (no-op on the host side or for stream 9): S9Fx about `h`, then SxF0 when W is set. */
  refuse(h: HsmsHeader, fn: S9HeaderFunction, why: string): void {
    if (this.role !== 'equipment' || h.stream === 9) return;
    this.session.warnAboutPeer(`${headerLabel(h)}: ${why}: sent S9F${fn}${h.requireResponse ? ` and S${h.stream}F0` : ''}`);
    this.sendS9(fn, h);
    if (h.requireResponse) this.sendAbort(h);
  }

  /** No route answered: S9F3/S9F5 (+ SxF0) on the equipment side, SxF0 for a W-bit primary on the host side. */
  answerUnhandled(h: HsmsHeader, streamKnown: boolean): void {
    if (h.stream === 9) return; // E5: never answer an S9 message
    if (this.role === 'equipment') {
      return streamKnown
        ? this.refuse(h, S9Function.UnrecognizedFunction, 'no handler for it')
        : this.refuse(h, S9Function.UnrecognizedStream, 'unknown stream');
    }
    if (!h.requireResponse) {
      // per message for a host that leaves some event messages unhandled: no text unless debug is on
      if (this.session.logger.enabled('debug')) this.session.logger.debug(`no handler for ${headerLabel(h)}: ignored`);
      return;
    }
    this.session.warnAboutPeer(`no handler for ${headerLabel(h)}: answered S${h.stream}F0`);
    this.sendAbort(h);
  }

  /** A handler refused (SecsAbortError) or failed: SxF0 for a W-bit primary, and on the equipment side the S9 it asked for. */
  abortFor(h: HsmsHeader, s9: S9HeaderFunction | undefined): void {
    if (this.role === 'equipment' && h.stream !== 9 && s9 !== undefined && isS9HeaderFunction(s9)) this.sendS9(s9, h);
    if (h.requireResponse && h.stream !== 9) this.sendAbort(h);
  }

  receiveStream9(message: SecsMessage): void {
    const fn = message.function;
    const mhead = readS9Header(message);
    this.session.warnAboutPeer(`received S9F${fn} (${s9CodeName(fn)})${mhead ? ` about ${headerLabel(mhead)}` : ''}`);
    this.session.emitSafely('s9Received', fn, mhead, message);
    // S9F9's header is the sender's own request that we did not answer, never one of ours
    if (!mhead || fn === S9Function.TransactionTimerTimeout || !isS9HeaderFunction(fn)) return;
    if (this.session.failRequest(mhead.system, (request) => new SecsStream9Error(this.session.name, fn, request, mhead)))
      this.rememberS9Failure(mhead.system);
  }

  /** A data reply no open request took (the session resolves the ones that match). */
  receiveReply(h: HsmsHeader): void {
    if (h.function === 0 && this.session.failRequest(h.system, (request) => new SecsAbortReplyError(this.session.name, h.stream, request)))
      return;
    if (h.function === 0 && this.failedByS9.includes(h.system)) {
      // E5: the equipment sends SxF0 after its S9 about a W-bit primary; the S9 already failed that request
      return this.session.logger.debug(`${headerLabel(h)} follows the S9 that already failed this request (E5)`);
    }
    this.session.warnAboutPeer(`unexpected reply ${headerLabel(h)}: no request with these system bytes is open`);
  }

  receiveForeignDevice(h: HsmsHeader): void {
    this.session.warnAboutPeer(`${headerLabel(h)} has device id ${h.sessionId}, ours is ${this.session.connection.sessionId}`);
    if (h.stream === 9) return;
    if (this.role === 'equipment') return this.sendS9(S9Function.UnrecognizedDeviceId, h);
    if (h.requireResponse) this.sendAbort(h);
  }

  /**
   * The connection dropped a message over maxMessageLength after reading its header (E5: S9F11 on
   * the equipment side, SxF0 on the host side when W is set). A reply to one of our requests fails
   * that request at once with SecsReplyTooLongError.
   */
  receiveOversize(header: HsmsHeader, length: number): void {
    const session = this.session;
    const max = session.connection.options.maxMessageLength;
    session.warnAboutPeer(`dropped ${headerLabel(header)}: ${length} bytes, over maxMessageLength ${max}`);
    // the same E37 answers a message of normal size would get
    if (header.pType !== PTYPE_SECS2) return void session.sendRejectRsp(header, RejectReason.PTypeNotSupported);
    if (!header.isDataMessage) return; // control messages carry no text: nothing to answer
    if (!session.selected) return void session.sendRejectRsp(header, RejectReason.EntityNotSelected);
    if (!header.requireResponse && header.function % 2 === 0) {
      session.failRequest(header.system, (request) => new SecsReplyTooLongError(session.name, length, max, request));
    }
    if (this.role === 'equipment') this.refuse(header, S9Function.DataTooLong, 'too long');
    else if (header.requireResponse && header.stream !== 9) this.sendAbort(header);
  }

  /** Equipment side: our request got no reply within T3 (E5: S9F9 with its header). */
  reportTransactionTimeout(message: SecsMessage, request: HsmsRequestInfo): void {
    if (this.role !== 'equipment') return;
    const shead = HsmsHeader.data(this.session.connection.sessionId, message.stream, message.function, true, request.system);
    this.session.logger.warn(`${headerLabel(shead)} got no reply within T3: sent S9F9`);
    this.sendS9(S9Function.TransactionTimerTimeout, shead);
  }

  /** Sends a reply; a link that went away meanwhile is logged, never thrown into the receive path. */
  sendReply(reply: SecsMessage, system: number): void {
    try {
      this.session.sendResponse(reply, system);
    } catch (error) {
      this.session.warnAboutPeer(
        `could not send the reply ${reply.sf} (system 0x${system.toString(16).padStart(8, '0')}): ${errorText(error)}`,
      );
    }
  }

  /** sendReply for a reply given as its encoded body (the router's answers to callbacks returning items). */
  sendReplyBody(stream: number, fn: number, body: Buffer, system: number): void {
    try {
      this.session.sendEncodedResponse(stream, fn, body, system);
    } catch (error) {
      this.session.warnAboutPeer(
        `could not send the reply S${stream}F${fn} (system 0x${system.toString(16).padStart(8, '0')}): ${errorText(error)}`,
      );
    }
  }

  /** E5: a new primary, W-bit clear, fresh system bytes, the header as <B[10]>. */
  private sendS9(fn: S9HeaderFunction, header: HsmsHeader): void {
    try {
      this.session.sendStreamFunction(s9Message(fn, header));
      this.session.emitSafely('s9Sent', fn, header);
    } catch (error) {
      this.session.warnAboutPeer(`could not send S9F${fn} about ${headerLabel(header)}: ${errorText(error)}`);
    }
  }

  private sendAbort(h: HsmsHeader): void {
    this.sendReply(abortMessage(h.stream), h.system);
  }

  private rememberS9Failure(system: number): void {
    this.failedByS9.push(system);
    if (this.failedByS9.length > REMEMBERED_S9_FAILURES) this.failedByS9.shift();
  }
}
