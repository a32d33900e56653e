import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';

/**
 * What a connection tells its owner (the seed's delegate). Every method is optional; an exception
 * thrown by one is logged and never breaks the connection. Calls for one connection come in order:
 * established, packets..., before-closed, closed.
 */
export interface HsmsConnectionDelegate<C = unknown> {
  onConnectionEstablished?(connection: C): void;
  onConnectionPacketReceived?(connection: C, packet: HsmsPacket): void;
  onConnectionBeforeClosed?(connection: C): void;
  onConnectionClosed?(connection: C): void;
}

/** Why a connection's socket went away; carried to whoever was waiting on it. */
export type HsmsCloseCause =
  | 'local' // closed by our own code (disable, handler decision)
  | 'remote' // the peer closed the socket
  | 'error' // socket error
  | 't8' // intercharacter timeout
  | 'protocol'; // malformed frame (length < 10 or over the maximum)
