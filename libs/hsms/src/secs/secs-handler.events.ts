import type { HsmsHandlerEvents } from '../hsms/hsms-handler.events.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { SecsMessage } from '../protocol/secs-message.js';

/**
 * Events of a SecsHandler: the HSMS ones ('message' still comes for every data message that is
 * not the reply to one of our requests) plus the SECS-II dispatch's own. Like the HSMS events they
 * never include 'error', and a throwing listener is logged.
 */
export interface SecsHandlerEvents extends HsmsHandlerEvents {
  /**
   * A primary (odd function, or any W-bit message) with our device id, before its callback runs.
   * The body is not decoded for this event.
   */
  primary: [message: SecsMessage];
  /**
   * An S9 message arrived (any device id). `mhead` is the header it reports (MHEAD, or SHEAD for
   * S9F9) when its body is <B[10]>; if it names one of our open requests, that request has failed.
   */
  s9Received: [fn: number, mhead: HsmsHeader | undefined, message: SecsMessage];
  /** We sent an S9 message (equipment side) about the message with header `header`. */
  s9Sent: [fn: number, header: HsmsHeader];
}
