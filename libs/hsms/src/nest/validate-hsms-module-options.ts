import { isIP } from 'node:net';
import { resolveQueueFullPolicy } from '../connections/send-queue-options.js';
import { AddressAllowList } from '../connections/address-allow-list.js';
import { resolveConnectRateLimit } from '../connections/connect-rate-limiter.js';
import { HsmsOptionError, resolveMaxQueuedBytes, resolveTimerOptions, type HsmsTimerOptions } from '../connections/hsms-options.js';
import { resolveTlsOptions } from '../connections/tls-options.js';
import { type HsmsConnectionLimits, type HsmsModuleOptions, HsmsModuleOptionsError, type HsmsPeerConfig } from './hsms-module-options.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Checks the module options at start-up and throws HsmsModuleOptionsError naming the first bad
 * field ('peers[1].port'), so a typo in a config file stops the app with a readable message.
 */
export function validateHsmsModuleOptions(options: HsmsModuleOptions): void {
  if (options === null || typeof options !== 'object') throw new HsmsModuleOptionsError('options', 'must be an object');
  checkTimers(options, '');
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel)) {
    throw new HsmsModuleOptionsError('logLevel', `must be one of ${LOG_LEVELS.join(', ')}, got ${String(options.logLevel)}`);
  }
  if (options.peers !== undefined && !Array.isArray(options.peers)) throw new HsmsModuleOptionsError('peers', 'must be a list');
  checkSecurity(options);
  if (options.peers === undefined) return;
  const names = new Set<string>();
  options.peers.forEach((peer, i) => {
    validatePeer(peer, `peers[${i}]`);
    if (names.has(peer.name)) throw new HsmsModuleOptionsError(`peers[${i}].name`, `'${peer.name}' is used by another peer`);
    names.add(peer.name);
  });
}

function validatePeer(peer: HsmsPeerConfig, at: string): void {
  if (peer === null || typeof peer !== 'object') throw new HsmsModuleOptionsError(at, 'must be an object');
  if (typeof peer.name !== 'string' || peer.name.trim() === '') throw new HsmsModuleOptionsError(`${at}.name`, 'must be a non-empty string');
  if (typeof peer.active !== 'boolean') throw new HsmsModuleOptionsError(`${at}.active`, `must be true (we connect) or false (the peer connects), got ${String(peer.active)}`);
  if (typeof peer.address !== 'string' || peer.address.trim() === '') throw new HsmsModuleOptionsError(`${at}.address`, 'must be a host name or IP address');
  // E37 multi-passive: an incoming socket is matched to its peer by its remote IP address, never by name
  if (!peer.active && isIP(peer.address) === 0) {
    throw new HsmsModuleOptionsError(`${at}.address`, `a passive peer is matched by the IP address its socket comes from, so it must be an IP address, got '${peer.address}' (write 127.0.0.1 or ::1 for localhost)`);
  }
  const minPort = peer.active ? 1 : 0;
  if (!Number.isInteger(peer.port) || peer.port < minPort || peer.port > 65535) {
    throw new HsmsModuleOptionsError(`${at}.port`, `must be an integer in ${minPort}..65535, got ${String(peer.port)}`);
  }
  // E37/E5: the session id of a data message is the 15-bit device id.
  if (peer.sessionId !== undefined && (!Number.isInteger(peer.sessionId) || peer.sessionId < 0 || peer.sessionId > 0x7fff)) {
    throw new HsmsModuleOptionsError(`${at}.sessionId`, `must be an integer in 0..32767, got ${String(peer.sessionId)}`);
  }
  if (peer.role !== undefined && peer.role !== 'host' && peer.role !== 'equipment') {
    throw new HsmsModuleOptionsError(`${at}.role`, `must be 'host' or 'equipment', got ${String(peer.role)}`);
  }
  if (peer.enabled !== undefined && typeof peer.enabled !== 'boolean') throw new HsmsModuleOptionsError(`${at}.enabled`, `must be true or false, got ${String(peer.enabled)}`);
  if (peer.gem !== undefined && typeof peer.gem !== 'boolean' && (peer.gem === null || typeof peer.gem !== 'object' || Array.isArray(peer.gem))) {
    throw new HsmsModuleOptionsError(`${at}.gem`, `must be true, false or the GEM options ({ mdln, softrev, ... }), got ${String(peer.gem)}`);
  }
  checkTimers(peer, `${at}.`);
}

function checkTimers(options: HsmsTimerOptions & HsmsConnectionLimits, prefix: string): void {
  asModuleError(prefix, () => resolveTimerOptions(options));
  asModuleError(prefix, () => resolveMaxQueuedBytes(options.maxQueuedBytes));
  asModuleError(prefix, () => resolveQueueFullPolicy(options.onQueueFull));
}

/**
 * allow, connectRateLimit and tls, checked as the connections will check them (TLS files are read
 * here, so a missing file stops start-up naming 'tls.keyFile'). With a passive peer configured,
 * tls must carry a certificate and key; the connections read the files again when they are built.
 */
function checkSecurity(options: HsmsModuleOptions): void {
  asModuleError('', () => {
    if (options.allow !== undefined) new AddressAllowList(options.allow, 'allow');
    resolveConnectRateLimit(options.connectRateLimit);
    const listens = (options.peers ?? []).some((peer) => peer !== null && typeof peer === 'object' && peer.active === false);
    resolveTlsOptions(options.tls, listens ? 'server' : 'client');
  });
}

/** Runs a connections-layer check and rethrows its HsmsOptionError as HsmsModuleOptionsError naming the field. */
function asModuleError(prefix: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof HsmsOptionError) throw new HsmsModuleOptionsError(`${prefix}${error.option}`, error.message.slice(error.option.length + 2));
    throw error;
  }
}
