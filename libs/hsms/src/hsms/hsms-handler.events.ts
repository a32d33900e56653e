import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import type { HsmsDisconnectCause } from './hsms-errors.js';

/** E37 connection states as the HSMS layer sees them. */
export enum HsmsState {
  /** No TCP connection. */
  NotConnected = 'NOT_CONNECTED',
  /** TCP connected, no Select exchanged yet (or deselected): only control messages flow; T7 runs. */
  NotSelected = 'NOT_SELECTED',
  /** Select exchanged: data messages flow. */
  Selected = 'SELECTED',
}

/**
 * Events of an HsmsHandler (a typed node:events EventEmitter). No 'error' event is ever emitted,
 * so a handler without listeners cannot crash the process; a listener that throws is logged.
 * For one connection the order is: established, state(NOT_SELECTED), [selected, state(SELECTED),
 * message*, deselected...], beforeClosed, closed, state(NOT_CONNECTED).
 */
export interface HsmsHandlerEvents {
  /** The state changed; emitted after any response that the change caused was sent. */
  state: [state: HsmsState, previous: HsmsState];
  /** A TCP connection is up (state NOT_SELECTED). */
  established: [];
  /** The link became SELECTED (our Select.req was accepted, or we accepted the peer's). */
  selected: [];
  /** The link went from SELECTED back to NOT_SELECTED by a Deselect exchange. */
  deselected: [];
  /**
   * A data message that is not the reply to one of our pending requests (emitted by the session
   * when no data receiver is set, and by the SECS router for every such message). Its `header` carries the session id and the system bytes for
   * `sendResponse`; the body is decoded on first access.
   */
  message: [message: SecsMessage];
  /**
   * Every received packet (control and data), as it arrived and before the handler acts on it: for
   * tracing and metrics. Data messages for the application come through 'message'.
   */
  packet: [packet: HsmsPacket];
  /** The TCP connection is about to close; the socket still takes sends (a last message, a log). */
  beforeClosed: [cause: HsmsDisconnectCause];
  /** The TCP connection ended; every pending request has already failed with this cause. */
  closed: [cause: HsmsDisconnectCause];
}
