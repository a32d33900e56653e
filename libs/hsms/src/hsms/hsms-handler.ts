import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsHandlerEvents } from './hsms-handler.events.js';
import { type HsmsHandlerOptions, HsmsSession } from './hsms-session.js';

export type { HsmsHandlerOptions } from './hsms-session.js';

/**
 * The seed's name for the E37 session (HsmsSession): `new HsmsHandler(connection, { name })`,
 * `enable()`, `sendLinktestReq()`, `sendAndWaitForResponse(message)`, the events of
 * HsmsHandlerEvents. The same class, so `instanceof` and subclasses work under either name.
 */
export const HsmsHandler = HsmsSession;
export type HsmsHandler<E extends HsmsHandlerEvents & Record<keyof E, unknown[]> = HsmsHandlerEvents> = HsmsSession<E>;

/** A handler class the manager can instantiate (HsmsHandler, SecsHandler, a GEM handler or a subclass). */
export type HsmsHandlerClass<H extends HsmsSession = HsmsSession> = new (connection: HsmsConnection, options?: HsmsHandlerOptions) => H;
