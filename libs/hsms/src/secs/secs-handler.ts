import type { EventEmitter } from 'node:events';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import { HsmsReplyTimeoutError, type HsmsRequestInfo } from '../hsms/hsms-errors.js';
import { HsmsHandler } from '../hsms/hsms-handler.js';
import { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PTYPE_SECS2, RejectReason } from '../protocol/hsms/s-type.js';
import { SecsMessage } from '../protocol/secs-message.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import type { MessageEntry, SecsCatalogue } from './catalogue/index.js';
import { CallbackRegistry } from './callback-registry.js';
import { errorText, headerLabel, messageSml } from './message-text.js';
import { withOversizeHook } from './oversize-delegate.js';
import { abortMessage, replyMessage } from './reply-message.js';
import { isS9HeaderFunction, readS9Header, s9CodeName, S9Function, s9Message, type S9HeaderFunction } from './s9.js';
import { type SecsCallback, type SecsFallback, type SecsReply, type SecsRole, UNHANDLED } from './secs-callbacks.js';
import { SecsAbortError, SecsAbortReplyError, SecsReplyTooLongError, SecsStream9Error } from './secs-errors.js';
import type { SecsHandlerEvents } from './secs-handler.events.js';
import { resolveSecsOptions, type SecsHandlerOptions } from './secs-options.js';

/**
 * SECS-II over an HsmsHandler: stream/function dispatch and the E5 answers nobody wrote a callback for.
 *
 * A received primary (odd function, or any W-bit message) goes to the callback registered for its
 * stream/function, else to the fallback (the Nest transport), else to the rules below. For a W-bit
 * primary the callback's value is the one reply (see SecsReply); for others it is ignored.
 * Callbacks start in arrival order without blocking the receive path, so one may await a request
 * to the same peer; callbacks of different messages run concurrently and each reply leaves as its
 * callback settles. A callback that throws SecsAbortError gets SxF0 (logged at debug); any other
 * throw gets SxF0 and an error log with the message in SML; the link lives on.
 *
 * The rules (E5; S9 messages are the equipment's, never answered with another S9):
 * - equipment: device id not ours -> S9F1 only (the message is not addressed to this equipment,
 *   so it gets no SxF0 either); unknown stream -> S9F3, unknown function -> S9F5, body that does
 *   not decode or (validateBodies) does not match its catalogue entry -> S9F7, each of these three
 *   followed by SxF0 when the W-bit is set; T3 on our request -> S9F9 with its header; a message
 *   over maxMessageLength -> S9F11 (+ SxF0 when W). A stream is known when a callback is
 *   registered in it or the catalogue has a message in it; a function only when something handled
 *   it (a callback, or a fallback that did not return UNHANDLED): the catalogue describes the
 *   standard, not what this equipment implements.
 * - host: an unhandled W-bit primary, one with a device id not ours, or one over maxMessageLength
 *   gets SxF0 only (so the sender does not wait out T3).
 * - both: a received SxF0, or S9F1/3/5/7/11 whose MHEAD names one of our open requests, fails it at
 *   once (SecsAbortReplyError, SecsStream9Error); S9 is checked before the device id, since an S9F1
 *   comes exactly when the device ids disagree. Nothing is sent for a received stream-9 message.
 */
export class SecsHandler<E extends SecsHandlerEvents & Record<keyof E, unknown[]> = SecsHandlerEvents> extends HsmsHandler<E> {
  readonly role: SecsRole;
  readonly catalogue: SecsCatalogue;
  readonly validateBodies: boolean;
  private readonly callbacks = new CallbackRegistry<SecsCallback>();
  private fallback: SecsFallback | undefined;

  /** Throws HsmsOptionError for a bad option (role, catalogue, validateBodies). */
  constructor(connection: HsmsConnection, options: SecsHandlerOptions = {}) {
    const resolved = resolveSecsOptions(options); // before super(): a bad option must not take over the connection
    super(connection, options);
    ({ role: this.role, catalogue: this.catalogue, validateBodies: this.validateBodies } = resolved);
    connection.delegate = withOversizeHook(connection.delegate, (header, length) => this.onOversizeMessage(header, length));
  }

  /** Sets the callback for stream/function, replacing an existing one. Throws SecsRegistrationError out of range. */
  registerStreamFunction(stream: number, fn: number, callback: SecsCallback): void {
    this.callbacks.set(stream, fn, callback);
  }

  unregisterStreamFunction(stream: number, fn: number): void {
    this.callbacks.delete(stream, fn);
  }

  /** The fallback tried after registered callbacks (undefined removes it). */
  setFallback(fallback: SecsFallback | undefined): void {
    this.fallback = fallback;
  }

  /**
   * As HsmsHandler's, and also fails at once with SecsAbortReplyError (SxF0 with our system bytes)
   * or SecsStream9Error (an S9 naming the request). On the equipment side T3 also sends S9F9.
   */
  override sendAndWaitForResponse(message: SecsMessage): Promise<SecsMessage> {
    // Not async: SxF0 fails the request in toReply, so the host gets the pending request's own
    // promise (a second promise and its microtasks per request were measurable, issue 10).
    const reply = super.sendAndWaitForResponse(message);
    if (this.role !== 'equipment') return reply;
    return reply.catch((error: unknown) => {
      if (error instanceof HsmsReplyTimeoutError) this.reportTransactionTimeout(message, error.request);
      throw error;
    });
  }

  /** SxF0 with our system bytes answers our request: it fails with SecsAbortReplyError. */
  protected override toReply(packet: HsmsPacket, request: HsmsRequestInfo): SecsMessage {
    const h = packet.header;
    if (h.function === 0) throw new SecsAbortReplyError(this.name, h.stream, { kind: 'data', system: h.system, label: request.label });
    return super.toReply(packet, request);
  }

  /**
   * Where a primary goes once the rules let it through: the registered callback, else the
   * fallback, else UNHANDLED. Called synchronously in arrival order. Subclasses may override it to
   * see primaries first (return UNHANDLED to let the rules answer, throw SecsAbortError for SxF0).
   */
  protected route(message: SecsMessage): SecsReply | Promise<SecsReply | typeof UNHANDLED> | typeof UNHANDLED {
    const callback = this.callbacks.get(message.stream, message.function);
    if (callback) return callback(message, this as unknown as SecsHandler);
    if (this.fallback) return this.fallback(message, this as unknown as SecsHandler);
    return UNHANDLED;
  }

  protected override onDataMessage(packet: HsmsPacket): void {
    const message = this.toMessage(packet);
    const h = packet.header;
    this.emitSafely('message', message);
    if (h.stream === 9 && h.function % 2 === 1) this.receiveStream9(message);
    if (!h.requireResponse && h.function % 2 === 0) return this.receiveReply(h);
    if (h.sessionId !== this.connection.sessionId) return this.receiveForeignDevice(h);
    this.emitSecs('primary', message);
    this.dispatch(message, h);
  }

  /**
   * The connection dropped a message over maxMessageLength after reading its header (E5: S9F11 on
   * the equipment side, SxF0 on the host side when W is set). A reply to one of our requests fails
   * that request at once with SecsReplyTooLongError.
   */
  protected onOversizeMessage(header: HsmsHeader, length: number): void {
    const max = this.connection.options.maxMessageLength;
    this.peerWarnings.warn(`dropped ${headerLabel(header)}: ${length} bytes, over maxMessageLength ${max}`);
    // the same E37 answers a message of normal size would get
    if (header.pType !== PTYPE_SECS2) return void this.sendRejectRsp(header, RejectReason.PTypeNotSupported);
    if (!header.isDataMessage) return; // control messages carry no text: nothing to answer
    if (!this.selected) return void this.sendRejectRsp(header, RejectReason.EntityNotSelected);
    if (!header.requireResponse && header.function % 2 === 0 && this.pending.find(header.system, 'data')) {
      this.failPendingRequest(header.system, (request) => new SecsReplyTooLongError(this.name, length, max, request));
    }
    if (this.role === 'equipment') this.refuse(header, S9Function.DataTooLong, 'too long');
    else if (header.requireResponse && header.stream !== 9) this.sendAbort(header);
  }

  // --- the receive path ---

  /**
   * Runs the route; a synchronous result (a plain callback, or no handler at all) is answered at
   * once, so such answers leave in the order their primaries arrived. A promise is answered when
   * it settles, without holding up the messages behind it.
   */
  private dispatch(message: SecsMessage, h: HsmsHeader): void {
    let result: ReturnType<SecsHandler['route']>;
    try {
      const illegal = this.illegalBody(message);
      if (illegal !== undefined) return this.refuse(h, S9Function.IllegalData, illegal);
      result = this.route(message);
    } catch (error) {
      return this.callbackFailed(message, h, error);
    }
    if (!isThenable(result)) return this.answer(message, h, result);
    Promise.resolve(result)
      .then(
        (reply) => this.answer(message, h, reply),
        (error: unknown) => this.callbackFailed(message, h, error),
      )
      .catch((error: unknown) => this.logger.error(`answering ${headerLabel(h)} failed`, error)); // a throwing logger, say
  }

  private answer(message: SecsMessage, h: HsmsHeader, reply: SecsReply | typeof UNHANDLED): void {
    try {
      if (reply === UNHANDLED) return this.answerUnhandled(h);
      if (h.requireResponse) this.sendReply(replyMessage(message, reply), h.system);
    } catch (error) {
      this.callbackFailed(message, h, error);
    }
  }

  /** Equipment side, for a message something may handle: why its body is illegal data (S9F7), or undefined. */
  private illegalBody(message: SecsMessage): string | undefined {
    if (this.role !== 'equipment' || message.stream === 9) return undefined;
    const entry = this.catalogueEntry(message.stream, message.function);
    if (!entry && !this.fallback && !this.callbacks.get(message.stream, message.function)) return undefined; // S9F3/S9F5 say more
    let body;
    try {
      body = message.body;
    } catch (error) {
      return `its body does not decode: ${errorText(error)}`;
    }
    if (!entry || !this.validateBodies) return undefined;
    return this.catalogueMismatch(entry, body);
  }

  // The two catalogue calls of every received primary, as fromCatalogue does them but without a closure each.
  private catalogueEntry(stream: number, fn: number): MessageEntry | undefined {
    try {
      return this.catalogue.find(stream, fn);
    } catch (error) {
      this.logger.error('the message catalogue failed', error);
      return undefined;
    }
  }

  private catalogueMismatch(entry: MessageEntry, body: SecsItem | undefined): string | undefined {
    try {
      const result = this.catalogue.validate(entry, body);
      return result.ok ? undefined : `its body does not match the catalogue: ${result.message}`;
    } catch (error) {
      this.logger.error('the message catalogue failed', error);
      return undefined;
    }
  }

  private answerUnhandled(h: HsmsHeader): void {
    if (h.stream === 9) return; // E5: never answer an S9 message
    if (this.role === 'equipment') {
      const known = this.callbacks.hasStream(h.stream) || this.fromCatalogue(() => this.catalogue.hasStream(h.stream), false);
      return known ? this.refuse(h, S9Function.UnrecognizedFunction, 'no callback for it') : this.refuse(h, S9Function.UnrecognizedStream, 'unknown stream');
    }
    this.logger.debug(`no callback for ${headerLabel(h)}${h.requireResponse ? `: answered S${h.stream}F0` : ''}`);
    if (h.requireResponse) this.sendAbort(h);
  }

  private callbackFailed(message: SecsMessage, h: HsmsHeader, error: unknown): void {
    const answer = h.requireResponse && h.stream !== 9 ? `; answered S${h.stream}F0` : '';
    if (error instanceof SecsAbortError) {
      this.logger.debug(`the callback for ${headerLabel(h)} aborted (${error.message})${answer}`);
      if (this.role === 'equipment' && h.stream !== 9 && isS9HeaderFunction(error.s9)) this.sendS9(error.s9, h);
    } else if (this.logger.enabled('error')) {
      this.logger.error(`the callback for ${headerLabel(h)} failed${answer}: ${messageSml(message)}`, error); // SML only when logged
    }
    if (answer) this.sendAbort(h);
  }

  private receiveStream9(message: SecsMessage): void {
    const fn = message.function;
    const mhead = readS9Header(message);
    this.peerWarnings.warn(`received S9F${fn} (${s9CodeName(fn)})${mhead ? ` about ${headerLabel(mhead)}` : ''}`);
    this.emitSecs('s9Received', fn, mhead, message);
    // S9F9's header is the sender's own request that we did not answer, never one of ours
    if (!mhead || fn === S9Function.TransactionTimerTimeout || !isS9HeaderFunction(fn)) return;
    if (this.pending.find(mhead.system, 'data')) this.failPendingRequest(mhead.system, (request) => new SecsStream9Error(this.name, fn, request, mhead));
  }

  /** A data reply no open request took (the HSMS layer resolves the ones that match). */
  private receiveReply(h: HsmsHeader): void {
    if (h.function === 0 && this.pending.find(h.system, 'data')) {
      this.failPendingRequest(h.system, (request) => new SecsAbortReplyError(this.name, h.stream, request));
      return;
    }
    this.peerWarnings.warn(`unexpected reply ${headerLabel(h)}: no request with these system bytes is open`);
  }

  private receiveForeignDevice(h: HsmsHeader): void {
    this.peerWarnings.warn(`${headerLabel(h)} has device id ${h.sessionId}, ours is ${this.connection.sessionId}`);
    if (h.stream === 9) return;
    if (this.role === 'equipment') return this.sendS9(S9Function.UnrecognizedDeviceId, h);
    if (h.requireResponse) this.sendAbort(h);
  }

  // --- sending; a link that went away meanwhile is logged, never thrown into the receive path ---

  /** Equipment side (no-op on the host side or for stream 9): S9Fx about `h`, then SxF0 when W is set. */
  private refuse(h: HsmsHeader, fn: S9HeaderFunction, why: string): void {
    if (this.role !== 'equipment' || h.stream === 9) return;
    this.peerWarnings.warn(`${headerLabel(h)}: ${why}: sent S9F${fn}${h.requireResponse ? ` and S${h.stream}F0` : ''}`);
    this.sendS9(fn, h);
    if (h.requireResponse) this.sendAbort(h);
  }

  private reportTransactionTimeout(message: SecsMessage, request: HsmsRequestInfo): void {
    const shead = HsmsHeader.data(this.connection.sessionId, message.stream, message.function, true, request.system);
    this.logger.warn(`${headerLabel(shead)} got no reply within T3: sent S9F9`);
    this.sendS9(S9Function.TransactionTimerTimeout, shead);
  }

  /** E5: a new primary, W-bit clear, fresh system bytes, the header as <B[10]>. */
  private sendS9(fn: S9HeaderFunction, header: HsmsHeader): void {
    try {
      this.sendStreamFunction(s9Message(fn, header));
      this.emitSecs('s9Sent', fn, header);
    } catch (error) {
      this.peerWarnings.warn(`could not send S9F${fn} about ${headerLabel(header)}: ${errorText(error)}`);
    }
  }

  private sendAbort(h: HsmsHeader): void {
    this.sendReply(abortMessage(h.stream), h.system);
  }

  private sendReply(reply: SecsMessage, system: number): void {
    try {
      this.sendResponse(reply, system);
    } catch (error) {
      this.peerWarnings.warn(`could not send the reply ${reply.sf} (system 0x${system.toString(16).padStart(8, '0')}): ${errorText(error)}`);
    }
  }

  /** The catalogue reads data files on first use; if that fails, the link carries on without it. */
  private fromCatalogue<T>(query: () => T, otherwise: T): T {
    try {
      return query();
    } catch (error) {
      this.logger.error('the message catalogue failed', error);
      return otherwise;
    }
  }

  private emitSecs<K extends keyof SecsHandlerEvents>(event: K, ...args: SecsHandlerEvents[K]): void {
    if (this.listenerCount(event) === 0) return; // 'primary' runs per message: no emit when nobody listens
    try {
      (this as unknown as EventEmitter).emit(event, ...args);
    } catch (error) {
      this.logger.error(`a '${event}' listener threw`, error);
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
