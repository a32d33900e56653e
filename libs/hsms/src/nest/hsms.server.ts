import { Inject, Injectable, Optional } from '@nestjs/common';
import { type MessageHandler, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import type { HsmsManagerEvents, HsmsPeerEvent } from '../hsms/hsms-manager.events.js';
import { isSecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { SecsAbortError, SecsHandler, UNHANDLED, type SecsReply } from '../secs/index.js';
import { HsmsContext } from './hsms.context.js';
import { HSMS_TRANSPORT, HsmsStatus } from './hsms.constants.js';
import { isS9ErrorPayload } from './hsms-exceptions.js';
import { type HsmsConnectionEvent, HsmsLifecycleEvents } from './hsms-lifecycle-events.js';

/** Events HsmsServer.on() can subscribe to: the connection manager's, with the peer name. */
export type HsmsServerEvents = { [K in keyof HsmsManagerEvents]: (...args: HsmsManagerEvents[K]) => void };

/**
 * The HSMS custom transport. Every data message from any peer of the shared HsmsConnectionManager
 * is routed to the `@MessagePattern` handler for its 'SxFy' pattern (a `{ peer, sf }` pattern is
 * tried first); the handler's value is the reply, sent with the primary's system bytes. Messages
 * without W-bit go to `@EventPattern` handlers. No handler: the SecsHandler rules answer (S9F3/S9F5
 * + SxF0 on the equipment side, SxF0 on the host side). Lifecycle changes are dispatched as the
 * event patterns of HsmsEventPattern, only to handlers that exist.
 */
@Injectable()
export class HsmsServer extends Server<HsmsServerEvents, HsmsStatus> implements CustomTransportStrategy {
  override readonly transportId = HSMS_TRANSPORT;
  private lifecycle: HsmsLifecycleEvents | undefined;
  private readonly routed = new Set<SecsHandler>();
  private readonly onPeerAdded = ({ handler, peer }: HsmsPeerEvent): void => this.route(handler, peer);
  /** Nest handlers by peer, then by stream << 8 | function: see findHandler. */
  private readonly handlerCache = new Map<string, Map<number, MessageHandler | null>>();

  constructor(@Optional() @Inject(HsmsConnectionManager) private readonly manager: HsmsConnectionManager = new HsmsConnectionManager()) {
    super();
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  /** Routes every current and future peer through the Nest handlers, then reports ready. */
  listen(callback: (error?: unknown) => void): void {
    try {
      this.handlerCache.clear(); // handlers are registered before listen()
      for (const { handler, name } of this.manager.peers) this.route(handler, name);
      this.manager.on('peerAdded', this.onPeerAdded);
      this.lifecycle = new HsmsLifecycleEvents(this.manager, this, (status) => this._status$.next(status));
      this.manager.ready().then(() => callback(), (error: unknown) => callback(error));
    } catch (error) {
      callback(error);
    }
  }

  /** Stops routing (the manager, which owns the sockets, closes them in onApplicationShutdown). */
  close(): void {
    this.manager.off('peerAdded', this.onPeerAdded);
    this.lifecycle?.detach();
    this.lifecycle = undefined;
    for (const handler of this.routed) handler.setFallback(undefined);
    this.routed.clear();
    this.handlerCache.clear();
    this._status$.next(HsmsStatus.Closed);
  }

  /** Subscribes to the connection manager's events (the peer name travels in each). */
  on<K extends keyof HsmsManagerEvents & string>(event: K, callback: (...args: HsmsManagerEvents[K]) => void): void {
    this.manager.on(event, callback);
  }

  unwrap<T = HsmsConnectionManager>(): T {
    return this.manager as T;
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

  private route(handler: HsmsHandler, peer: string): void {
    if (!(handler instanceof SecsHandler) || this.routed.has(handler)) return;
    this.routed.add(handler);
    handler.setFallback((message) => this.dispatchMessage(peer, handler, message));
  }

  /** The Nest half of SecsHandler's dispatch: UNHANDLED lets the S9 / SxF0 rules answer. */
  private async dispatchMessage(peer: string, handler: SecsHandler, message: SecsMessage): Promise<SecsReply | typeof UNHANDLED> {
    const nestHandler = this.findHandler(peer, message);
    if (!nestHandler) return UNHANDLED;
    const context = new HsmsContext([peer, handler, message]);
    if (nestHandler.isEventHandler) {
      await this.handleEvent(message.sf, { pattern: message.sf, data: message.body }, context);
      // An event handler observes; a W-bit primary still needs a reply, so the rules answer it.
      return message.wBit ? UNHANDLED : undefined;
    }
    return this.request(nestHandler, message, context);
  }

  /**
   * The `{ peer, sf }` handler, else the 'SxFy' one. Looked up once per peer and stream/function:
   * Nest's getHandlerByPattern tries JSON.parse on every pattern (a throw for 'S1F1'), which was
   * the largest single cost of a Nest-routed message (issue 10 profile).
   */
  private findHandler(peer: string, message: SecsMessage): MessageHandler | null {
    let byMessage = this.handlerCache.get(peer);
    if (byMessage === undefined) {
      byMessage = new Map();
      this.handlerCache.set(peer, byMessage);
    }
    const key = (message.stream << 8) | message.function;
    let handler = byMessage.get(key);
    if (handler === undefined) {
      const sf = message.sf;
      handler = this.getHandlerByPattern(this.normalizePattern({ peer, sf })) ?? this.getHandlerByPattern(sf);
      byMessage.set(key, handler);
    }
    return handler;
  }

  /** Runs a message handler through Nest's pipeline (guards, interceptors, pipes, filters) and returns its one reply. */
  private request(nestHandler: MessageHandler, message: SecsMessage, context: HsmsContext): Promise<SecsReply> {
    return new Promise<SecsReply>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      this.handleRequest(
        context,
        async () => this.transformToObservable(await nestHandler(message.body, context)) as Observable<unknown>,
        (packet) => {
          if (packet.err !== undefined) return settle(() => reject(this.toReplyError(packet.err)));
          if ('response' in packet) return settle(() => toReply(packet.response, resolve, reject));
          if (packet.isDisposed) settle(() => resolve(undefined));
        },
      );
    });
  }

  /**
   * Nest hands over the error its exception filters made (and already logged): an S9 request, or
   * anything else, which SecsHandler answers with SxF0 without logging it a second time.
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
