import type { CollectionEventReport, AlarmReport } from '../gem/gem-host.events.js';
import type { HsmsDisconnectCause } from '../hsms/hsms-errors.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { HsmsEventPatternName } from './hsms.constants.js';

/** What each lifecycle event carries beside `peer` and `event`. */
export interface HsmsLifecyclePayloads {
  'hsms.connection.established': object;
  'hsms.connection.before_closed': { readonly cause: HsmsDisconnectCause };
  'hsms.connection.closed': { readonly cause: HsmsDisconnectCause };
  'hsms.selected': object;
  'hsms.deselected': object;
  'hsms.packet.received': { readonly packet: HsmsPacket };
  'gem.communicating': object;
  'gem.collection_event': { readonly collectionEvent: CollectionEventReport };
  'gem.alarm': { readonly alarm: AlarmReport };
}

/**
 * The payload of one lifecycle event: `@Payload() e: HsmsLifecycleEvent<'hsms.connection.closed'>`
 * gives `e.cause` typed. Without the type argument it is the union of all, narrowed by `e.event`.
 */
export type HsmsLifecycleEvent<K extends HsmsEventPatternName = HsmsEventPatternName> = {
  [P in K]: { readonly peer: string; readonly event: P } & HsmsLifecyclePayloads[P];
}[K];

/** Payload of every 'hsms.*' and 'gem.*' lifecycle event: the union of HsmsLifecycleEvent, told apart by `event`. */
export type HsmsConnectionEvent = HsmsLifecycleEvent;
