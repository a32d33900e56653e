import { HsmsReplyTimeoutError, type HsmsRequestInfo } from '../hsms/hsms-errors.js';
import type { HsmsDataReceiver } from '../hsms/hsms-session.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { SecsMessage } from '../protocol/secs-message.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import type { MessageEntry, SecsCatalogue } from './catalogue/index.js';
import { CallbackRegistry } from './callback-registry.js';
import { E5Rules } from './e5-rules.js';
import { errorText, headerLabel, messageSml } from './message-text.js';
import { replyBody, replyMessage } from './reply-message.js';
import { S9Function } from './s9.js';
import { type SecsCallback, type SecsFallback, type SecsReply, type SecsRole, UNHANDLED } from './secs-callbacks.js';
import { SecsAbortError, SecsAbortReplyError } from './secs-errors.js';
import type { SecsHandler } from './secs-handler.js';
import type { ResolvedSecsOptions } from './secs-options.js';
import type { SecsAdmission, SecsApplicationRoutes, SecsDefaultRoute, SecsScreen } from './secs-routes.js';
import { SfTable } from './sf-table.js';

type RouteResult = SecsReply | typeof UNHANDLED | Promise<SecsReply | typeof UNHANDLED>;

/**
 * The one SECS-II router of a peer. A received primary that no capability's screen answers from
 * its bytes alone, that passes the E5 checks (device id, body) and every capability's admission
 * gate goes, in this order, to:
 *
 *   1. the application: the callback registered for its SxFy (registerStreamFunction), else the
 *      Nest transport's @MessagePattern (setApplicationRoutes), else a legacy fallback;
 *   2. the default route a capability offers for it (GEM's S1F1, S1F13, S6F11 ...);
 *   3. the E5 rules (S9F3/S9F5 + SxF0 on the equipment side, SxF0 on the host side).
 *
 * Before any of them answers, every default route's `observe` sees the primary, so GEM's typed
 * events fire even when the application answers. An @EventPattern handler on a W-bit primary only
 * observes: the reply then comes from step 2 or 3. Callbacks start in arrival order without
 * blocking the receive path; a synchronous answer leaves at once, a promise's when it settles. A
 * handler that throws SecsAbortError gets SxF0 (logged at debug); any other throw gets SxF0 and an
 * error log with the message in SML; the link lives on.
 */
export class SecsRouter implements HsmsDataReceiver {
  readonly role: SecsRole;
  readonly catalogue: SecsCatalogue;
  readonly validateBodies: boolean;
  private readonly callbacks = new CallbackRegistry<SecsCallback>();
  private readonly defaults = new SfTable<SecsDefaultRoute>();
  private readonly admissions: SecsAdmission[] = [];
  private readonly screens: SecsScreen[] = [];
  private readonly rules: E5Rules;
  private application: SecsApplicationRoutes | undefined;
  private fallback: SecsFallback | undefined;
  /** The overlap report last logged, so that it is written once and again only when it changes. */
  private reportedOverlaps = '';

  constructor(
    private readonly peer: SecsHandler,
    options: ResolvedSecsOptions,
  ) {
    ({ role: this.role, catalogue: this.catalogue, validateBodies: this.validateBodies } = options);
    this.rules = new E5Rules(peer, this.role);
  }

  // --- what the application and capabilities plug in ---

  /** The application's callback for stream/function (replacing an earlier one; default routes stay). */
  register(stream: number, fn: number, callback: SecsCallback): void {
    this.callbacks.set(stream, fn, callback);
    if (this.defaults.get(stream, fn) && this.peer.connection.enabled) this.reportOverlaps();
  }

  unregister(stream: number, fn: number): void {
    this.callbacks.delete(stream, fn);
  }

  /** The Nest transport's handlers for this peer (undefined removes them). */
  setApplicationRoutes(routes: SecsApplicationRoutes | undefined): void {
    this.application = routes;
  }

  /** A legacy catch-all tried after the application routes; UNHANDLED passes the message on. */
  setFallback(fallback: SecsFallback | undefined): void {
    this.fallback = fallback;
  }

  /** A capability's default route for stream/function; a second one for the same SxFy replaces the first. */
  addDefaultRoute(stream: number, fn: number, route: SecsDefaultRoute): void {
    this.defaults.set(stream, fn, route);
  }

  /** A capability's gate in front of every route. */
  addAdmission(admission: SecsAdmission): void {
    this.admissions.push(admission);
  }

  /**
   * Logs, in one line, where the application answers a message a default route also answers (the
   * application wins; the route's events still fire) and where a registered callback hides a Nest
   * pattern. Written once, and again only when the picture changed.
   */
  reportOverlaps(): void {
    const report = this.describeOverlaps();
    if (report === '' || report === this.reportedOverlaps) return;
    this.noteReported(report);
    this.peer.logger.log(`routes: ${report}`);
  }

  /** The overlap report reportOverlaps would write now ('' when nothing overlaps). */
  describeOverlaps(): string {
    const overDefaults: string[] = [];
    const overNest: string[] = [];
    const nest = new Map<string, string>();
    for (const { sf, kind } of this.application?.patterns() ?? []) nest.set(sf, kind);
    for (const [sf, route] of this.defaults.entries()) {
      const [stream, fn] = sfNumbers(sf);
      const by = this.callbacks.get(stream, fn) ? 'registerStreamFunction' : nest.get(sf) === 'answer' ? '@MessagePattern' : undefined;
      if (by) overDefaults.push(`${sf} (${by} over ${route.owner})`);
    }
    for (const [sf, kind] of nest) {
      const [stream, fn] = sfNumbers(sf);
      if (this.callbacks.get(stream, fn))
        overNest.push(`${sf} (registerStreamFunction hides its ${kind === 'answer' ? '@MessagePattern' : '@EventPattern'})`);
    }
    const parts: string[] = [];
    if (overDefaults.length > 0) parts.push(`the application answers ${overDefaults.join(', ')}; the default routes' events still fire`);
    if (overNest.length > 0) parts.push(overNest.join(', '));
    return parts.join('; ');
  }

  /** Someone else (the Nest transport, for all its peers in one line) wrote this report. */
  noteReported(report: string): void {
    this.reportedOverlaps = report;
  }

  /** A capability's screen, run on every primary before its body is decoded or checked. */
  addScreen(screen: SecsScreen): void {
    this.screens.push(screen);
  }

  // --- requests ---

  /**
   * The session's transaction plus the E5 rules on its outcome: an SxF0 reply fails it with
   * SecsAbortReplyError (in toReply, as the reply arrives); on the equipment side T3 also sends
   * S9F9. Not async: the host gets the pending request's own promise (a second promise and its
   * microtasks per request were measurable, issue 10); only the equipment chains one, for S9F9.
   */
  request(message: SecsMessage): Promise<SecsMessage> {
    const reply = this.peer.transact(message, this.toReply);
    if (this.role !== 'equipment') return reply;
    return reply.catch((error: unknown) => {
      if (error instanceof HsmsReplyTimeoutError) this.rules.reportTransactionTimeout(message, error.request);
      throw error;
    });
  }

  /** A reply to our request as a SecsMessage; SxF0 with our system bytes fails the request (E5). */
  private readonly toReply = (packet: HsmsPacket, request: HsmsRequestInfo): SecsMessage => {
    if (packet.function === 0)
      throw new SecsAbortReplyError(this.peer.name, packet.stream, { kind: 'data', system: packet.system, label: request.label });
    return this.peer.messageOf(packet);
  };

  // --- receiving (HsmsDataReceiver) ---

  receiveData(packet: HsmsPacket): void {
    const peer = this.peer;
    const message = peer.messageOf(packet);
    // per message: the emit's argument array only when someone listens
    if (peer.listened.message) peer.emitSafely('message', message);
    if (packet.stream === 9 && packet.function % 2 === 1) this.rules.receiveStream9(message);
    if (!packet.requireResponse && packet.function % 2 === 0) return this.rules.receiveReply(packet.header);
    if (packet.sessionId !== peer.connection.sessionId) return this.rules.receiveForeignDevice(packet.header);
    if (peer.listened.primary) peer.emitSafely('primary', message);
    this.dispatch(message, packet);
  }

  receiveOversize(header: HsmsHeader, length: number): void {
    this.rules.receiveOversize(header, length);
  }

  /**
   * Runs the routes; a synchronous result (a plain callback, or no handler at all) is answered at
   * once, so such answers leave in the order their primaries arrived. A promise is answered when
   * it settles, without holding up the messages behind it.
   */
  private dispatch(message: SecsMessage, packet: HsmsPacket): void {
    let result: RouteResult;
    try {
      const screened = this.screen(message); // before anything decodes the body: a request too large to be worth it
      if (screened !== undefined) return this.answer(message, packet, screened);
      // looked up once for both steps (issue 10: each lookup twice per primary was measurable)
      const callback = this.callbacks.get(message.stream, message.function);
      const defaultRoute = this.defaults.get(message.stream, message.function);
      const illegal = this.illegalBody(message, callback, defaultRoute);
      if (illegal !== undefined) return this.rules.refuse(packet.header, S9Function.IllegalData, illegal);
      result = this.route(message, callback, defaultRoute);
    } catch (error) {
      return this.handlerFailed(message, packet, error);
    }
    if (!isThenable(result)) return this.answer(message, packet, result);
    // One reaction and no .catch() promise behind it (issue 10: the Nest path answers this way):
    // the handlers catch what answering throws themselves.
    Promise.resolve(result).then(
      (reply) => this.answerSettled(message, packet, reply),
      (error: unknown) => this.failSettled(message, packet, error),
    );
  }

  /** An async result's answer; a throw while answering (a throwing logger, say) is logged, never an unhandled rejection. */
  private answerSettled(message: SecsMessage, packet: HsmsPacket, reply: SecsReply | typeof UNHANDLED): void {
    try {
      this.answer(message, packet, reply);
    } catch (error) {
      this.answeringFailed(packet, error);
    }
  }

  /** An async result's failure (S9/SxF0 as handlerFailed decides); a throw while answering is logged. */
  private failSettled(message: SecsMessage, packet: HsmsPacket, error: unknown): void {
    try {
      this.handlerFailed(message, packet, error);
    } catch (thrown) {
      this.answeringFailed(packet, thrown);
    }
  }

  private answeringFailed(packet: HsmsPacket, error: unknown): void {
    try {
      this.peer.logger.error(`answering ${headerLabel(packet.header)} failed`, error);
    } catch {
      // the logger itself threw: nothing is left to tell, and a rejection here would end the process
    }
  }

  private screen(message: SecsMessage): SecsReply | undefined {
    for (const screen of this.screens) {
      const reply = screen.screen(message);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  /** The documented order: gates, observers, application, default route, rules (UNHANDLED). */
  private route(message: SecsMessage, callback: SecsCallback | undefined, route: SecsDefaultRoute | undefined): RouteResult {
    for (const admission of this.admissions) {
      const refusal = admission.refuses(message);
      if (refusal !== undefined) throw new SecsAbortError(refusal);
    }
    if (route?.observe) this.observe(route, message);
    if (callback) return callback(message, this.peer);
    const match = this.application?.match(message);
    if (match?.kind === 'answer') return match.run();
    // an event handler on a W-bit primary observes it; the next route gives the reply
    if (match) match.run().catch((error: unknown) => this.peer.logger.error(`the event handler for ${message.sf} failed`, error));
    if (this.fallback)
      return this.fallback(message, this.peer).then((reply) => (reply === UNHANDLED ? this.answerByDefault(route, message) : reply));
    return this.answerByDefault(route, message);
  }

  private answerByDefault(route: SecsDefaultRoute | undefined, message: SecsMessage): RouteResult {
    return route?.answer ? route.answer(message) : UNHANDLED;
  }

  private observe(route: SecsDefaultRoute, message: SecsMessage): void {
    try {
      route.observe!(message);
    } catch (error) {
      this.peer.logger.error(`${route.owner} failed to observe ${message.sf}`, error);
    }
  }

  private answer(message: SecsMessage, packet: HsmsPacket, reply: SecsReply | typeof UNHANDLED): void {
    try {
      if (reply === UNHANDLED) return this.rules.answerUnhandled(packet.header, this.knowsStream(packet.stream));
      if (!packet.requireResponse) return;
      // An item (or nothing) goes out as its encoded body, with no reply SecsMessage; function 255
      // has no reply function, and replyMessage says so.
      if (reply instanceof SecsMessage || packet.function === 255) this.rules.sendReply(replyMessage(message, reply), packet.system);
      else this.rules.sendReplyBody(packet.stream, packet.function + 1, replyBody(message, reply), packet.system);
    } catch (error) {
      this.handlerFailed(message, packet, error);
    }
  }

  /** E5: a stream is known when something routes in it or the catalogue has it; a function only when something handled it. */
  private knowsStream(stream: number): boolean {
    return (
      this.callbacks.hasStream(stream) ||
      this.defaults.hasStream(stream) ||
      this.fromCatalogue(() => this.catalogue.hasStream(stream), false)
    );
  }

  /** Equipment side, for a message something may handle: why its body is illegal data (S9F7), or undefined. */
  private illegalBody(message: SecsMessage, callback: SecsCallback | undefined, route: SecsDefaultRoute | undefined): string | undefined {
    if (this.role !== 'equipment' || message.stream === 9) return undefined;
    const entry = this.catalogueEntry(message.stream, message.function);
    const routed = this.application !== undefined || this.fallback !== undefined || callback !== undefined || route !== undefined;
    if (!entry && !routed) return undefined; // S9F3/S9F5 say more
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
      this.peer.logger.error('the message catalogue failed', error);
      return undefined;
    }
  }

  private catalogueMismatch(entry: MessageEntry, body: SecsItem | undefined): string | undefined {
    try {
      const result = this.catalogue.validateEntry(entry, body);
      return result.ok ? undefined : `its body does not match the catalogue: ${result.message}`;
    } catch (error) {
      this.peer.logger.error('the message catalogue failed', error);
      return undefined;
    }
  }

  private handlerFailed(message: SecsMessage, packet: HsmsPacket, error: unknown): void {
    const h = packet.header;
    const answer = h.requireResponse && h.stream !== 9 ? `; answered S${h.stream}F0` : '';
    const logger = this.peer.logger;
    // The answer goes first: a logger that throws must not cost the peer its SxF0 (it would wait T3).
    if (error instanceof SecsAbortError) {
      this.rules.abortFor(h, error.s9);
      if (logger.enabled('debug')) logger.debug(`${headerLabel(h)} aborted (${error.message})${answer}`); // per message while a gate refuses: text only when logged
      return;
    }
    this.rules.abortFor(h, undefined);
    if (logger.enabled('error')) logger.error(`the callback for ${headerLabel(h)} failed${answer}: ${messageSml(message)}`, error); // SML only when logged
  }

  /** The catalogue reads data files on first use; if that fails, the link carries on without it. */
  private fromCatalogue<T>(query: () => T, otherwise: T): T {
    try {
      return query();
    } catch (error) {
      this.peer.logger.error('the message catalogue failed', error);
      return otherwise;
    }
  }
}

function sfNumbers(sf: string): [stream: number, fn: number] {
  const at = sf.indexOf('F');
  return [Number(sf.slice(1, at)), Number(sf.slice(at + 1))];
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
