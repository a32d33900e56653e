/**
 * Peer addresses as keys. A dual-stack listener reports IPv4 peers as IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`); configured addresses are plain IPv4. Both normalize to `127.0.0.1`.
 */
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;

/** Lower-cased address with an IPv4-mapped IPv6 prefix removed. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = MAPPED_IPV4.exec(lower);
  return mapped ? mapped[1]! : lower;
}

/** Addresses that, given as a passive connection's peer, accept a peer from anywhere. */
const ANY_PEER = new Set(['*', '0.0.0.0', '::']);

/** True when `expected` (as configured) names any peer rather than one address. */
export function isAnyPeer(expected: string): boolean {
  return ANY_PEER.has(normalizeAddress(expected));
}
