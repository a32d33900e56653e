import type { PpidReading } from '../secs/catalogue/index.js';
import type { TraceReport } from './host/trace-requests.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import type { IdReading } from '../secs/catalogue/index.js';
import type { GemHandlerEvents, TerminalMessage } from './gem-handler.events.js';

/** One report of a received collection event. */
export interface ReceivedReport {
  readonly rptid: IdReading;
  readonly values: readonly SecsItem[];
}

/** A received S6F11, decoded. */
export interface CollectionEventReport {
  readonly ceid: IdReading;
  readonly dataId: IdReading;
  readonly reports: readonly ReceivedReport[];
  /**
   * The values of reports this host subscribed (subscribeCollectionEvent), by variable name (the
   * name given when subscribing, else the VID as text). Empty for reports it did not define.
   */
  readonly values: Readonly<Record<string, SecsItem>>;
}

/** A received S5F1, decoded. */
export interface AlarmReport {
  readonly alid: IdReading;
  /** The ALCD byte. */
  readonly alcd: number;
  /** ALCD bit 8: the alarm was set (true) or cleared (false). */
  readonly set: boolean;
  /** ALCD bits 1-7. */
  readonly category: number;
  readonly text: string;
}

/** Events of a GemHostHandler (never 'error'; a throwing listener is logged). */
export interface GemHostHandlerEvents extends GemHandlerEvents {
  /** The equipment reported a collection event (S6F11); it was answered with S6F12 ACKC6 0. */
  collectionEvent: [event: CollectionEventReport];
  /** The equipment reported an alarm set or cleared (S5F1); it was answered with S5F2 ACKC5 0. */
  alarm: [alarm: AlarmReport];
  /** The equipment sent a terminal request (S10F1); it was answered with S10F2 ACKC10 0. */
  terminalMessage: [message: TerminalMessage];
  /** The equipment sent trace data (S6F1); it was answered with S6F2 ACKC6 0. */
  traceData: [report: TraceReport];
  /** The equipment sent a process program (S7F3, equipment-initiated upload); answered with S7F4 ACKC7 0. */
  processProgramReceived: [program: { readonly ppid: PpidReading; readonly body: SecsItem }];
}
