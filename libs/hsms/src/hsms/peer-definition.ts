import type { HsmsConnection } from '../connections/hsms-connection.js';
import { COMMON_OPTION_KEYS, HsmsOptionError, type HsmsCommonOptions } from '../connections/hsms-options.js';
import type { HsmsTlsOptions } from '../connections/tls-options.js';
import type { HsmsHandlerClass } from './hsms-handler.js';
import { HsmsSession } from './hsms-session.js';

/** Per-peer overrides of the manager's options. */
export interface HsmsPeerOptions extends HsmsCommonOptions {
  /** TLS for this peer (active: our client identity and the CA we trust). Default: the manager's. */
  tls?: HsmsTlsOptions;
  /** Active peers: local address to connect from. */
  localAddress?: string;
}

/**
 * Options for a peer's handler, as plain data. The layers above add theirs to this interface
 * (the SECS layer: role, catalogue, validateBodies; the GEM layer: gem), so that one definition
 * describes a whole peer while the HSMS layer imports nothing above it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in secs/ and gem/
export interface HsmsPeerHandlerOptions {}

/** One peer as data: `manager.addPeer({ name, address, port, active, sessionId, role, gem, t3, ... })`. */
export interface HsmsPeerDefinition extends HsmsPeerOptions, HsmsPeerHandlerOptions {
  /** Unique name: logs, events, patterns, @InjectHsmsPeer. */
  name: string;
  /** Where we connect (active: an IP address or host name) or the only IP address accepted (passive). */
  address: string;
  /** Port to connect to (active) or the multi-passive port to listen on (passive; 0: a port the OS picks). */
  port: number;
  /** true: we connect (the tool listens). false: the tool connects to us. */
  active: boolean;
  /** Session (device) id. Default 0. */
  sessionId?: number;
  /** Start the peer at once (handler.enable()). Default true. */
  enabled?: boolean;
  /** The handler class, when neither the default (SecsHandler) nor role/gem say what is wanted. */
  handler?: HsmsHandlerClass;
}

/**
 * Builds the handler a definition asks for, or returns undefined when the definition is not of
 * its kind. The SECS and GEM layers register one each (SecsHandler; GemHostHandler and
 * GemEquipmentHandler when `gem` is set).
 */
export type HsmsPeerHandlerFactory = (connection: HsmsConnection, definition: HsmsPeerDefinition) => HsmsSession | undefined;

const factories: HsmsPeerHandlerFactory[] = [];

/** Called once by each layer above when it loads (the package entry loads them all). */
export function registerPeerHandlerFactory(factory: HsmsPeerHandlerFactory): void {
  if (!factories.includes(factory)) factories.push(factory);
}

/** Keys of a definition that only a factory of a layer above understands. */
export const HANDLER_KEYS = ['role', 'gem', 'catalogue', 'validateBodies'] as const;

/** Every key a peer definition may carry: a typo such as `sessionID` is refused, never ignored. */
export const PEER_DEFINITION_KEYS: readonly string[] = [
  'name',
  'address',
  'port',
  'active',
  'sessionId',
  'enabled',
  'handler',
  'tls',
  'localAddress',
  ...COMMON_OPTION_KEYS,
  ...HANDLER_KEYS,
];

/**
 * The handler for a definition: its `handler` class, else what a registered factory builds (a
 * SecsHandler by default, so the Nest transport can route the peer), else a bare HsmsSession.
 */
export function createPeerHandler(connection: HsmsConnection, definition: HsmsPeerDefinition): HsmsSession {
  if (definition.handler) return new definition.handler(connection, { name: definition.name });
  for (const factory of factories) {
    const handler = factory(connection, definition);
    if (handler) return handler;
  }
  const asked = HANDLER_KEYS.filter((key) => (definition as unknown as Record<string, unknown>)[key] !== undefined);
  if (asked.length > 0) {
    throw new HsmsOptionError(
      asked[0]!,
      `peer '${definition.name}' asks for ${asked.join(', ')}, which the SECS/GEM layers provide; they are not loaded (import from the package entry)`,
    );
  }
  return new HsmsSession(connection, { name: definition.name });
}
