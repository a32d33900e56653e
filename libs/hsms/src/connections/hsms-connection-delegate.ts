import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';

/**
 * What a connection tells its owner (the seed's delegate). Every method is optional; an exception
 * thrown by one is logged and never breaks the connection. Calls for one connection come in order:
 * established, packets..., before-closed, closed.
 */
export interface HsmsConnectionDelegate<C = unknown> {
  onConnectionEstablished?(connection: C): void;
  onConnectionPacketReceived?(connection: C, packet: HsmsPacket): void;
  /**
   * A message longer than maxMessageLength arrived (`length`: its length field, header + text).
   * Only its header was read; the rest of its bytes are dropped as they arrive (T8 still applies)
   * and the connection stays up (E5: the equipment answers S9F11). Comes in order with the packets.
   * Without this method the connection logs a warning and drops the message.
   */
  onConnectionOversizeMessage?(connection: C, header: HsmsHeader, length: number): void;
  onConnectionBeforeClosed?(connection: C): void;
  onConnectionClosed?(connection: C): void;
}

/** Why a connection's socket went away; carried to whoever was waiting on it. */
export type HsmsCloseCause =
  | 'local' // closed by our own code (disable, handler decision)
  | 'remote' // the peer closed the socket
  | 'error' // socket error
  | 't8' // intercharacter timeout
  | 'protocol' // malformed frame (length < 10); a length over the maximum is dropped, not closed
  | 'queue-full'; // the peer stopped reading and onQueueFull is 'close'
