import type { HsmsConnection } from '../connections/hsms-connection.js';
import { HsmsSession } from '../hsms/hsms-session.js';
import { registerPeerHandlerFactory } from '../hsms/peer-definition.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import type { SecsCatalogue } from './catalogue/index.js';
import type { SecsCallback, SecsFallback, SecsRole } from './secs-callbacks.js';
import type { SecsHandlerEvents } from './secs-handler.events.js';
import { resolveSecsOptions, type SecsHandlerOptions } from './secs-options.js';
import { SecsRouter } from './secs-router.js';
import { secsOptionsOf } from './secs-peer-kind.js';
import type { SecsApplicationRoutes } from './secs-routes.js';

/**
 * A SECS-II peer: an E37 session (HsmsSession) with its one SecsRouter. This is what the manager
 * builds for a peer by default and what the Nest transport routes: registerStreamFunction, the Nest
 * patterns, capabilities' default routes (GEM) and the E5 rules, in the router's documented order.
 * Nothing of the session is overridden but the request (whose SxF0/S9/T3 rules are the router's)
 * and enable() (which first reports overlapping routes, once).
 */
export class SecsHandler<E extends SecsHandlerEvents & Record<keyof E, unknown[]> = SecsHandlerEvents> extends HsmsSession<E> {
  /** The router of this peer: where capabilities attach default routes and admission gates. */
  readonly router: SecsRouter;

  /** Throws HsmsOptionError for a bad option (role, catalogue, validateBodies). */
  constructor(connection: HsmsConnection, options: SecsHandlerOptions = {}) {
    const resolved = resolveSecsOptions(options); // before super(): a bad option must not take over the connection
    super(connection, options);
    this.router = new SecsRouter(this as unknown as SecsHandler, resolved);
    this.setDataReceiver(this.router);
  }

  /** Which end we are; only the equipment sends S9 (E5/E30). */
  get role(): SecsRole {
    return this.router.role;
  }
  get catalogue(): SecsCatalogue {
    return this.router.catalogue;
  }
  get validateBodies(): boolean {
    return this.router.validateBodies;
  }

  /**
   * Sets the application's callback for stream/function, replacing an earlier callback. A default
   * route (GEM) for the same message stays behind it: its events still fire, the callback answers.
   * Throws SecsRegistrationError out of range.
   */
  registerStreamFunction(stream: number, fn: number, callback: SecsCallback): void {
    this.router.register(stream, fn, callback);
  }

  unregisterStreamFunction(stream: number, fn: number): void {
    this.router.unregister(stream, fn);
  }

  /** A catch-all tried after registered callbacks and application routes (undefined removes it). */
  setFallback(fallback: SecsFallback | undefined): void {
    this.router.setFallback(fallback);
  }

  /** The Nest transport's handlers for this peer (HsmsServer sets them; undefined removes them). */
  setApplicationRoutes(routes: SecsApplicationRoutes | undefined): void {
    this.router.setApplicationRoutes(routes);
  }

  /** Reports overlapping routes (one log line, once), then connects / listens as HsmsSession.enable. */
  override enable(): void {
    this.router.reportOverlaps();
    super.enable();
  }

  /**
   * As HsmsSession's, and also fails at once with SecsAbortReplyError (SxF0 with our system bytes)
   * or SecsStream9Error (an S9 naming the request). On the equipment side T3 also sends S9F9.
   */
  override sendAndWaitForResponse(message: SecsMessage): Promise<SecsMessage> {
    return this.router.request(message);
  }
}

// The manager's default peer: a SecsHandler in the definition's role, unless GEM is asked for.
registerPeerHandlerFactory((connection, definition) =>
  definition.gem ? undefined : new SecsHandler(connection, secsOptionsOf(definition)),
);
