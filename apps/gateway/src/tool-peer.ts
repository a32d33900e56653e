import { B, type HsmsConnectionManager, L, type SecsHandler } from '@app/hsms';
import type { GatewayPeerConfig } from './gateway-config.js';

/**
 * Adds a tool the gateway now holds as a host-role peer of the manager and answers the
 * protocol-level primaries locally: S1F13 (COMMACK 0) and S1F1 (the host's empty list), as E30
 * asks of a host. GEM's host state models stay off (`gem: false`): every event primary goes to
 * JetStream untouched, and the fab services own the application's meaning.
 *
 * The peer is NOT enabled here (`enabled: false`): the caller attaches the event forwarder and the
 * command responder first and then enables it, so no primary of a fresh selection can arrive
 * before its route exists. The one place the gateway creates peers.
 */
export function addToolPeer(manager: HsmsConnectionManager, peer: GatewayPeerConfig): SecsHandler {
  const { uniqueDataIds: _uniqueDataIds, ...hsmsPeer } = peer;
  const handler = manager.addPeer<SecsHandler>({ ...hsmsPeer, role: 'host', gem: false, enabled: false });
  handler.registerStreamFunction(1, 13, () => L(B(0), L()));
  handler.registerStreamFunction(1, 1, () => L());
  return handler;
}
