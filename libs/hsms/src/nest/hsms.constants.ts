/** The transport id of HsmsServer: `@MessagePattern('S1F1', HSMS_TRANSPORT)` binds to HSMS only. */
export const HSMS_TRANSPORT: unique symbol = Symbol('HSMS_TRANSPORT');

/** Lifecycle event patterns dispatched to `@EventPattern(name, HSMS_TRANSPORT)` handlers. */
export const HsmsEventPattern = {
  ConnectionEstablished: 'hsms.connection.established',
  ConnectionBeforeClosed: 'hsms.connection.before_closed',
  ConnectionClosed: 'hsms.connection.closed',
  Selected: 'hsms.selected',
  Deselected: 'hsms.deselected',
  PacketReceived: 'hsms.packet.received',
  GemCommunicating: 'gem.communicating',
  GemCollectionEvent: 'gem.collection_event',
  GemAlarm: 'gem.alarm',
} as const;
export type HsmsEventPatternName = (typeof HsmsEventPattern)[keyof typeof HsmsEventPattern];

/** Coarse state of the transport, reported through HsmsServer.status and on(). */
export enum HsmsStatus {
  /** No peer is selected. */
  Disconnected = 'disconnected',
  /** At least one peer is selected. */
  Connected = 'connected',
  /** The server was closed. */
  Closed = 'closed',
}

/** Injection token prefix of the per-peer handler providers. */
export const HSMS_PEER_TOKEN_PREFIX = 'HSMS_PEER:';
