import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import type { HsmsDisconnectCause } from './hsms-errors.js';
import type { HsmsHandler } from './hsms-handler.js';
import type { HsmsState } from './hsms-handler.events.js';

/** Which peer an HsmsConnectionManager event is about. */
export interface HsmsPeerEvent {
  /** The name given to addPeer. */
  readonly peer: string;
  readonly handler: HsmsHandler;
}

export interface HsmsPeerStateEvent extends HsmsPeerEvent {
  readonly state: HsmsState;
  readonly previous: HsmsState;
}

export interface HsmsPeerMessageEvent extends HsmsPeerEvent {
  readonly message: SecsMessage;
}

export interface HsmsPeerPacketEvent extends HsmsPeerEvent {
  readonly packet: HsmsPacket;
}

export interface HsmsPeerClosedEvent extends HsmsPeerEvent {
  readonly cause: HsmsDisconnectCause;
}

/**
 * The one stream of events from all peers of an HsmsConnectionManager: each handler event
 * (HsmsHandlerEvents) re-emitted with the peer name, plus peerAdded / peerRemoved. Never 'error';
 * a throwing listener is logged.
 */
export interface HsmsManagerEvents {
  /** addPeer created this peer's handler (not enabled yet): subscribe to its own events here. */
  peerAdded: [event: HsmsPeerEvent];
  /** removePeer (or stop) finished with this peer; its handler is disabled. */
  peerRemoved: [event: HsmsPeerEvent];
  established: [event: HsmsPeerEvent];
  selected: [event: HsmsPeerEvent];
  deselected: [event: HsmsPeerEvent];
  state: [event: HsmsPeerStateEvent];
  /** A data message the handler passed upward (its default onDataMessage). */
  message: [event: HsmsPeerMessageEvent];
  /** Every received packet of every peer (forwarded only while someone listens here). */
  packet: [event: HsmsPeerPacketEvent];
  /** Every packet any peer's connection took (forwarded only while someone listens here). */
  sent: [event: HsmsPeerPacketEvent];
  /** The peer's socket is about to close and still takes sends. */
  beforeClosed: [event: HsmsPeerClosedEvent];
  closed: [event: HsmsPeerClosedEvent];
}
