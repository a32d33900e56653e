import type { HsmsLogger, HsmsLogLevel } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import type { HsmsListenerSecurityOptions } from '../connections/listener-security.js';

/** Which side of the GEM conversation a peer is; it decides who sends S9 messages (the equipment). */
export type HsmsRole = 'host' | 'equipment';

/** One peer of the module: a tool we connect to (active) or one that connects to us (passive). */
/** Limits a peer's connection enforces beside the timers. */
export interface HsmsConnectionLimits {
  /** Unsent bytes a connection may hold (a peer that stops reading) before sends fail. Default 64 MiB. */
  maxQueuedBytes?: number;
  /** A send past maxQueuedBytes: 'reject' fails it (default), 'close' also closes the link. */
  onQueueFull?: 'reject' | 'close';
}

export interface HsmsPeerConfig extends HsmsTimerOptions, HsmsConnectionLimits {
  /** Unique name: the key for @InjectHsmsPeer, patterns and events. */
  name: string;
  /** The peer's address: where we connect (active) or the only address accepted (passive). */
  address: string;
  /** Port to connect to (active) or to listen on (passive, shared by every passive peer on it). */
  port: number;
  /** true: we connect (the tool listens). false: the tool connects to us. */
  active: boolean;
  /** Session (device) id. Default 0. */
  sessionId?: number;
  /** Our role toward this peer. Default 'host'. */
  role?: HsmsRole;
  /** Run the GEM state models for this peer (GemHostHandler / GemEquipmentHandler). Default false. */
  gem?: boolean;
  /** Start this peer with the module. Default true. */
  enabled?: boolean;
}

/**
 * Module-wide options. Timers and limits (t3..t8, maxMessageLength, maxItemDepth, maxItemCount)
 * are defaults for every peer. The security options cover the passive ports: `allow` and
 * `connectRateLimit` gate every socket they accept; `tls` (PEM inline or caFile/certFile/keyFile,
 * read at start-up) makes the passive ports TLS listeners and the active peers TLS clients, with
 * cert/key as our identity in both roles.
 */
export interface HsmsModuleOptions extends HsmsTimerOptions, HsmsConnectionLimits, HsmsListenerSecurityOptions {
  /** The peers to create at start-up; more can be added at run time through HsmsConnectionManager. */
  peers?: HsmsPeerConfig[];
  /** Address passive ports bind to. Default all interfaces. */
  bindAddress?: string;
  /** Logger (Nest's LoggerService shape). Default: a Nest Logger with context 'Hsms'. */
  logger?: HsmsLogger;
  /** Most detailed level logged; 'verbose' traces every message in SML. Default 'log'. */
  logLevel?: HsmsLogLevel;
}
