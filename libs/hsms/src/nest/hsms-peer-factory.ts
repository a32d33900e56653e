import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { SecsHandler } from '../secs/index.js';
import type { HsmsPeerConfig } from './hsms-module-options.js';
// loads the GEM layer, whose handlers build { gem } peers
import '../gem/index.js';

/**
 * Adds one configured peer to the manager and returns its handler (a SecsHandler in the peer's
 * role, or a GEM handler with `gem`), started at once unless `enabled` is false. The same as
 * `manager.addPeer(config)`.
 */
export function addConfiguredPeer(manager: HsmsConnectionManager, peer: HsmsPeerConfig): SecsHandler {
  return manager.addPeer<SecsHandler>(peer);
}
