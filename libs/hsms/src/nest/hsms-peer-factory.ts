import type { HsmsConnection } from '../connections/hsms-connection.js';
import { GemEquipmentHandler, GemHostHandler } from '../gem/index.js';
import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandlerClass, HsmsHandlerOptions } from '../hsms/hsms-handler.js';
import { SecsHandler } from '../secs/index.js';
import type { HsmsPeerConfig } from './hsms-module-options.js';

/** Per-peer overrides of the module's options that reach the peer's connection. */
const PEER_OPTION_KEYS = [
  't3', 't5', 't6', 't7', 't8', 'linktest', 'linktestFailures', 'maxMessageLength', 'connectTimeout',
  'maxItemDepth', 'maxItemCount', 'maxQueuedBytes', 'onQueueFull', 'trace',
] as const;

/**
 * The handler class for a configured peer: GEM state models when `gem` is set, otherwise a plain
 * SecsHandler (stream/function dispatch and the S9 rules) in the configured role.
 */
export function handlerClassFor(peer: HsmsPeerConfig): HsmsHandlerClass<SecsHandler> {
  const role = peer.role ?? 'host';
  if (peer.gem) return role === 'equipment' ? GemEquipmentHandler : GemHostHandler;
  return class extends SecsHandler {
    constructor(connection: HsmsConnection, options?: HsmsHandlerOptions) {
      super(connection, { ...options, role });
    }
  };
}

/** Adds one configured peer to the manager (not enabled yet) and returns its handler. */
export function addConfiguredPeer(manager: HsmsConnectionManager, peer: HsmsPeerConfig): SecsHandler {
  const overrides: Record<string, unknown> = {};
  for (const key of PEER_OPTION_KEYS) if (peer[key] !== undefined) overrides[key] = peer[key];
  return manager.addPeer(peer.name, peer.address, peer.port, peer.active, peer.sessionId ?? 0, handlerClassFor(peer), overrides);
}
