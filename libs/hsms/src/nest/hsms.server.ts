import { Inject, Injectable, Optional } from '@nestjs/common';
import { type MessageHandler, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable } from 'rxjs';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import type { HsmsManagerEvents, HsmsPeerEvent } from '../hsms/hsms-manager.events.js';
import { isSecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { SecsAbortError, SecsHandler, type SecsApplicationMatch, type SecsApplicationPattern, type SecsReply } from '../secs/index.js';
import { HsmsContext } from './hsms.context.js';
import { HSMS_TRANSPORT, HsmsStatus } from './hsms.constants.js';
import { eventPatternsOnRequests, parseSfPattern } from './hsms-patterns.js';
import { isS9ErrorPayload } from './hsms-exceptions.js';
import { HsmsLifecycleEvents } from './hsms-lifecycle-events.js';
import type { HsmsConnectionEvent } from './hsms-lifecycle-payloads.js';
import { soleModuleManager, startModulePeers } from './hsms-module-registry.js';
import { HsmsServerSetupError } from './hsms-server-errors.js';

/** A Nest handler found for a message, with the pattern it was registered under. */
type FoundHandler = [pattern: string, handler: MessageHandler];

/** Events HsmsServer.on() can subscribe to: the connection manager's, with the peer name. */
export type HsmsServerEvents = { [K in keyof HsmsManagerEvents]: (...args: HsmsManagerEvents[K]) => void };

/**
 * The HSMS custom transport. It plugs the Nest handlers into every peer's SECS router as the
 * application's routes: a W-bit primary goes to the `@MessagePattern` handler for its 'SxFy'
 * pattern (a `{ peer, sf }` pattern is tried first) and its value is the reply; a message without
 * W-bit goes to `@EventPattern` handlers. A registered callback (registerStreamFunction) comes
 * before both; GEM's default routes and then the E5 rules answer what no handler answers. An
 * `@EventPattern` on a W-bit primary only observes it (the next route answers; reported at
 * start-up). Lifecycle changes are dispatched as the event patterns of HsmsEventPattern.
 *
 * The manager is HsmsModule's: injected when Nest builds the strategy (`inject: [HsmsServer]`),
 * else, for `new HsmsServer()`, the one HsmsModule running in the process, found at listen(); with
 * none, listen() fails with HsmsServerSetupError saying what to write. The module's peers start
 * when this transport listens, so no early message or 'hsms.selected' is lost.
 */
@Injectable()
export class HsmsServer extends Server<HsmsServerEvents, HsmsStatus> implements CustomTransportStrategy {
  override readonly transportId = HSMS_TRANSPORT;
  private manager: HsmsConnectionManager | undefined;
  private lifecycle: HsmsLifecycleEvents | undefined;
  private readonly routed = new Set<SecsHandler>();
  private readonly onPeerAdded = ({ handler, peer }: HsmsPeerEvent): void => this.route(handler, peer);
  /** Nest handlers by peer, then by stream << 8 | function (null: none): see findHandler. */
  private readonly handlerCache = new Map<string, Map<number, FoundHandler | null>>();

  constructor(@Optional() @Inject(HsmsConnectionManager) manager?: HsmsConnectionManager) {
    super();
    this.manager = manager;
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  /** Routes every current and future peer through the Nest handlers, starts the module's peers, then reports ready. */
  listen(callback: (error?: unknown) => void): void {
    try {
      const manager = this.boundManager();
      this.handlerCache.clear(); // handlers are registered before listen()
      this.reportEventPatternsOnRequests();
      for (const { handler, name } of manager.peers) this.route(handler, name);
      this.reportOverlaps();
      manager.on('peerAdded', this.onPeerAdded);
      this.lifecycle = new HsmsLifecycleEvents(manager, this, (status) => this._status$.next(status));
      startModulePeers(manager); // after the routes and lifecycle events are in place
      manager.ready().then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    } catch (error) {
      callback(error);
    }
  }

  /** Stops routing (the manager, which owns the sockets, closes them in onApplicationShutdown). */
  close(): void {
    this.manager?.off('peerAdded', this.onPeerAdded);
    this.lifecycle?.detach();
    this.lifecycle = undefined;
    for (const handler of this.routed) handler.setApplicationRoutes(undefined);
    this.routed.clear();
    this.handlerCache.clear();
    this._status$.next(HsmsStatus.Closed);
  }

  /** Subscribes to the connection manager's events (the peer name travels in each). */
  on<K extends keyof HsmsManagerEvents & string>(event: K, callback: (...args: HsmsManagerEvents[K]) => void): void {
    this.boundManager().on(event, callback);
  }

  unwrap<T = HsmsConnectionManager>(): T {
    return this.boundManager() as T;
  }

  /** Whether a handler is registered for `pattern`. */
  hasHandler(pattern: string): boolean {
    return this.getHandlerByPattern(pattern) !== null;
  }

  /** Dispatches a lifecycle event to its `@EventPattern` handlers, if any (no warning when none). */
  dispatchLifecycleEvent(pattern: string, payload: HsmsConnectionEvent, context: HsmsContext): void {
    if (!this.hasHandler(pattern)) return;
    this.handleEvent(pattern, { pattern, data: payload }, context).catch((error: unknown) => this.logger.error(error));
  }

  /** The injected manager, else HsmsModule's one (for `new HsmsServer()`); throws HsmsServerSetupError. */
  private boundManager(): HsmsConnectionManager {
    if (this.manager) return this.manager;
    const { manager, count } = soleModuleManager();
    if (!manager) throw new HsmsServerSetupError(count);
    this.manager = manager;
    return manager;
  }

  private route(handler: HsmsHandler, peer: string): void {
    if (!(handler instanceof SecsHandler) || this.routed.has(handler)) return;
    this.routed.add(handler);
    handler.setApplicationRoutes({
      match: (message) => this.match(peer, handler, message),
      patterns: () => this.patternsFor(peer),
    });
  }

  /** The Nest handler for a received primary, as the router's application route. */
  private match(peer: string, handler: SecsHandler, message: SecsMessage): SecsApplicationMatch | undefined {
    const found = this.findHandler(peer, message);
    if (!found) return undefined;
    const [pattern, nestHandler] = found;
    const context = new HsmsContext([peer, handler, message]);
    if (nestHandler.isEventHandler) {
      const run = async (): Promise<SecsReply> => {
        await this.handleEvent(pattern, { pattern, data: message.body }, context);
        return undefined;
      };
      // An event handler observes; a W-bit primary still needs a reply, which the next route gives.
      return { kind: message.wBit ? 'observe' : 'answer', run };
    }
    return { kind: 'answer', run: () => this.request(nestHandler, message, context) };
  }

  /**
   * The `{ peer, sf }` handler, else the 'SxFy' one. Looked up once per peer and stream/function:
   * Nest's getHandlerByPattern tries JSON.parse on every pattern (a throw for 'S1F1'), which was
   * the largest single cost of a Nest-routed message (issue 10 profile).
   */
  private findHandler(peer: string, message: SecsMessage): FoundHandler | undefined {
    let byMessage = this.handlerCache.get(peer);
    if (byMessage === undefined) {
      byMessage = new Map();
      this.handlerCache.set(peer, byMessage);
    }
    const key = (message.stream << 8) | message.function;
    let found = byMessage.get(key);
    if (found === undefined) {
      found = this.lookUpHandler(peer, message.sf) ?? null;
      byMessage.set(key, found);
    }
    return found ?? undefined;
  }

  private lookUpHandler(peer: string, sf: string): FoundHandler | undefined {
    const perPeer = this.normalizePattern({ peer, sf });
    const forPeer = this.getHandlerByPattern(perPeer);
    if (forPeer) return [perPeer, forPeer];
    const any = this.getHandlerByPattern(sf);
    return any ? [sf, any] : undefined;
  }

  /** The SxFy patterns that reach `peer`, for the router's start-up report of overlaps. */
  private patternsFor(peer: string): SecsApplicationPattern[] {
    const patterns: SecsApplicationPattern[] = [];
    for (const [key, handler] of this.getHandlers()) {
      const parsed = parseSfPattern(key);
      if (parsed && (parsed.peer === undefined || parsed.peer === peer))
        patterns.push({ sf: parsed.sf, kind: handler.isEventHandler ? 'observe' : 'answer' });
    }
    return patterns;
  }

  /**
   * One line at start-up for every group of peers whose Nest handlers answer messages GEM's default
   * routes also answer (a hundred GEM peers with the same controller make one line, not a hundred).
   */
  private reportOverlaps(): void {
    const peersByReport = new Map<string, string[]>();
    for (const handler of this.routed) {
      const report = handler.router.describeOverlaps();
      if (report === '') continue;
      handler.router.noteReported(report);
      peersByReport.set(report, [...(peersByReport.get(report) ?? []), handler.name]);
    }
    for (const [report, peers] of peersByReport)
      this.logger.log(`routes of ${peers.length === 1 ? 'peer' : 'peers'} ${peers.join(', ')}: ${report}`);
  }

  /** One warning at start-up for @EventPattern handlers on messages that come with the W-bit. */
  private reportEventPatternsOnRequests(): void {
    const onRequests = eventPatternsOnRequests(this.getHandlers());
    if (onRequests.length === 0) return;
    this.logger.warn(
      `@EventPattern ${onRequests.join(', ')}: these messages normally come with the W-bit, and an event handler only observes them; ` +
        "the reply then comes from GEM's default route on a GEM peer, else from the E5 rules (SxF0 on the host side, S9F5 + SxF0 on the equipment side). " +
        'Use @MessagePattern(sf, HSMS_TRANSPORT) to answer them.',
    );
  }

  /**
   * Runs a message handler through Nest's pipeline (guards, interceptors, pipes and exception
   * filters are all in `nestHandler`, the proxy Nest built for it) inside the processing hooks, and
   * returns its one reply: the first value, or nothing when it completes empty. Not through
   * Server#handleRequest/send: they wrap every result in an Observable, queue each value for a
   * process.nextTick and await it there, which made a reply several microseconds later than a
   * plain callback's (issue 10: the Nest path reached 0.70x of the bare pair, sequential). A plain
   * value is answered as soon as the proxy resolves; an Observable is subscribed to directly.
   */
  private request(nestHandler: MessageHandler, message: SecsMessage, context: HsmsContext): Promise<SecsReply> {
    return new Promise<SecsReply>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown): void => {
        if (settled) return;
        settled = true;
        reject(this.toReplyError(err));
      };
      const answer = (value: unknown): void => {
        if (settled) return;
        settled = true;
        toReply(value, resolve, reject);
      };
      const run = async (runEndHook: () => void): Promise<void> => {
        let result: unknown;
        try {
          result = await nestHandler(message.body, context);
        } catch (error) {
          runEndHook();
          return fail(error);
        }
        if (!isObservable(result)) {
          runEndHook();
          return answer(result);
        }
        result.subscribe({
          next: answer,
          error: (error: unknown) => {
            fail(error);
            runEndHook();
          },
          complete: () => {
            answer(undefined);
            runEndHook();
          },
        });
      };
      Promise.resolve(this.runWithProcessingHooks(context, run)).catch(fail);
    });
  }

  /**
   * Nest hands over the error its exception filters made (and already logged): an S9 request, or
   * anything else, which the router answers with SxF0 without logging it a second time.
   */
  private toReplyError(err: unknown): Error {
    if (isS9ErrorPayload(err)) return new SecsAbortError(err.message, { s9: err.s9 });
    const text = typeof err === 'object' && err !== null && 'message' in err ? String((err as { message: unknown }).message) : String(err);
    return new SecsAbortError(`the message handler failed: ${text}`);
  }
}

function toReply(value: unknown, resolve: (reply: SecsReply) => void, reject: (error: Error) => void): void {
  if (value === undefined || value === null) return resolve(undefined);
  if (isSecsItem(value) || value instanceof SecsMessage) return resolve(value);
  reject(new TypeError(`an HSMS message handler returned ${typeof value}; return a SECS-II item, a SecsMessage or nothing`));
}
