import type { HsmsLogger, HsmsLogLevel } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import type { HsmsTraceOptions } from '../connections/trace-options.js';
import type { HsmsListenerSecurityOptions } from '../connections/listener-security.js';
import type { HsmsPeerDefinition } from '../hsms/peer-definition.js';
// the SECS and GEM parts of a peer definition (role, catalogue, gem) are declared by these modules
import type {} from '../secs/secs-peer-kind.js';
import type {} from '../gem/gem-peer-kind.js';

/** Which side of the GEM conversation a peer is; it decides who sends S9 messages (the equipment). */
export type HsmsRole = 'host' | 'equipment';

/** Limits a peer's connection enforces beside the timers. */
export interface HsmsConnectionLimits {
  /** Unsent bytes a connection may hold (a peer that stops reading) before sends fail. Default 64 MiB. */
  maxQueuedBytes?: number;
  /** A send past maxQueuedBytes: 'reject' fails it (default), 'close' also closes the link. */
  onQueueFull?: 'reject' | 'close';
  /** Caps of the verbose message trace (values and characters per message, bodies decoded, lines per second). */
  trace?: HsmsTraceOptions;
}

/**
 * One peer of the module as data, the same shape as `manager.addPeer({...})` takes: a tool we
 * connect to (active) or one that connects to us (passive), its role, GEM (true or its options:
 * `{ mdln, softrev, ... }`), per-peer timers and limits, and whether it starts with the app.
 */
export interface HsmsPeerConfig extends Omit<HsmsPeerDefinition, 'handler'>, HsmsTimerOptions, HsmsConnectionLimits {
  /** Start this peer with the module (when the transport listens, else on bootstrap). Default true. */
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
