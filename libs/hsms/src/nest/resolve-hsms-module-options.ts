import { isIP } from 'node:net';
import { AddressAllowList } from '../connections/address-allow-list.js';
import { resolveConnectRateLimit } from '../connections/connect-rate-limiter.js';
import { resolveNotSelectedBackoff } from '../connections/not-selected-backoff.js';
import { resolveMaxQueuedBytes, resolveTimerOptions, TIMER_OPTION_KEYS } from '../connections/hsms-options.js';
import { resolveQueueFullPolicy } from '../connections/send-queue-options.js';
import { resolveTlsOptions } from '../connections/tls-options.js';
import { resolveTraceOptions } from '../connections/trace-options.js';
import { resolveGemOptions } from '../gem/gem-options.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import {
  describeValue,
  optionPath,
  readBoolean,
  readOneOf,
  readPort,
  readSessionId,
  rejectUnknownKeys,
  requireObject,
} from '../protocol/option-checks.js';
import type { HsmsConnectionLimits, HsmsModuleOptions, HsmsPeerConfig, HsmsRole } from './hsms-module-options.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Options a peer may override and the module gives as defaults for every peer. */
const LIMIT_KEYS: readonly (keyof HsmsConnectionLimits | (typeof TIMER_OPTION_KEYS)[number])[] = [
  ...TIMER_OPTION_KEYS,
  'maxQueuedBytes',
  'onQueueFull',
  'trace',
];

/** Every key of HsmsPeerConfig. */
export const PEER_CONFIG_KEYS: readonly string[] = [
  'name',
  'address',
  'port',
  'active',
  'sessionId',
  'role',
  'gem',
  'enabled',
  'catalogue',
  'validateBodies',
  'localAddress',
  'tls',
  ...LIMIT_KEYS,
];

/** Every key of HsmsModuleOptions (forRoot's extras isGlobal and injectPeers are taken off by Nest before it). */
export const MODULE_OPTION_KEYS: readonly string[] = [
  'peers',
  'bindAddress',
  'logger',
  'logLevel',
  'allow',
  'connectRateLimit',
  'notSelectedBackoff',
  'tls',
  ...LIMIT_KEYS,
];

/**
 * Checks the module options at start-up and returns them with numbers read from decimal strings
 * ('15100' from an environment variable becomes 15100), so a typo in a config file stops the app
 * with an HsmsOptionError naming its path: 'peers[1].port', 'peers[0].sessionID' (unknown, with the
 * nearest valid name), 'tls.keyFile', 't3' (E37 range, in seconds).
 */
export function resolveHsmsModuleOptions(options: HsmsModuleOptions): HsmsModuleOptions {
  rejectUnknownKeys('', requireObject('', options), MODULE_OPTION_KEYS);
  const resolved: HsmsModuleOptions = { ...options, ...resolveLimits(options, '') };
  if (options.logLevel !== undefined) resolved.logLevel = readOneOf('logLevel', options.logLevel, LOG_LEVELS, 'log');
  if (options.peers !== undefined && !Array.isArray(options.peers))
    throw new HsmsOptionError('peers', `must be a list, got ${describeValue(options.peers)}`);
  checkSecurity(options);
  if (options.peers === undefined) return resolved;
  const names = new Set<string>();
  resolved.peers = options.peers.map((peer, i) => {
    const at = `peers[${i}]`;
    const out = resolvePeerConfig(peer, at);
    if (names.has(out.name)) throw new HsmsOptionError(`${at}.name`, `'${out.name}' is used by another peer`);
    names.add(out.name);
    return out;
  });
  return resolved;
}

/** One peer of the module options, checked and with numbers read from decimal strings. */
export function resolvePeerConfig(peer: HsmsPeerConfig, at: string): HsmsPeerConfig {
  rejectUnknownKeys(at, requireObject(at, peer), PEER_CONFIG_KEYS);
  if (typeof peer.name !== 'string' || peer.name.trim() === '')
    throw new HsmsOptionError(`${at}.name`, `must be a non-empty string, got ${describeValue(peer.name)}`);
  if (typeof peer.address !== 'string' || peer.address.trim() === '') {
    throw new HsmsOptionError(`${at}.address`, `must be a host name or IP address, got ${describeValue(peer.address)}`);
  }
  if (typeof peer.active !== 'boolean') {
    throw new HsmsOptionError(`${at}.active`, `must be true (we connect) or false (the peer connects), got ${describeValue(peer.active)}`);
  }
  // E37 multi-passive: an incoming socket is matched to its peer by its remote IP address, never by name
  if (!peer.active && isIP(peer.address) === 0) {
    throw new HsmsOptionError(
      `${at}.address`,
      `a passive peer is matched by the IP address its socket comes from, so it must be an IP address, got '${peer.address}' (write 127.0.0.1 or ::1 for localhost)`,
    );
  }
  const out: HsmsPeerConfig = {
    ...peer,
    ...resolveLimits(peer, at),
    // a passive peer may listen on port 0 (the OS picks one); an active peer needs the tool's port
    port: readPort(`${at}.port`, peer.port, !peer.active),
  };
  if (peer.sessionId !== undefined) out.sessionId = readSessionId(`${at}.sessionId`, peer.sessionId);
  if (peer.role !== undefined) out.role = readOneOf<HsmsRole>(`${at}.role`, peer.role, ['host', 'equipment'], 'host');
  if (peer.gem !== undefined && typeof peer.gem !== 'boolean') {
    // GEM options as data ({ mdln, softrev, ... }): checked here so a typo stops start-up naming 'peers[i].gem.x'
    if (peer.gem === null || typeof peer.gem !== 'object' || Array.isArray(peer.gem)) {
      throw new HsmsOptionError(
        `${at}.gem`,
        `must be true, false or the GEM options ({ mdln, softrev, ... }), got ${describeValue(peer.gem)}`,
      );
    }
    resolveGemOptions(peer.gem, `${at}.gem`);
  } else if (peer.gem !== undefined) out.gem = readBoolean(`${at}.gem`, peer.gem, false);
  if (peer.validateBodies !== undefined) out.validateBodies = readBoolean(`${at}.validateBodies`, peer.validateBodies, true);
  if (peer.enabled !== undefined) out.enabled = readBoolean(`${at}.enabled`, peer.enabled, true);
  return out;
}

/** The timers and limits that were given, checked and as numbers; the others stay unset (module or E37 defaults apply). */
function resolveLimits(options: HsmsModuleOptions | HsmsPeerConfig, at: string): Partial<HsmsPeerConfig> {
  const timers = resolveTimerOptions(options, undefined, at);
  const out: Record<string, unknown> = {};
  for (const key of TIMER_OPTION_KEYS) if (options[key] !== undefined) out[key] = timers[key];
  if (options.maxQueuedBytes !== undefined) out['maxQueuedBytes'] = resolveMaxQueuedBytes(options.maxQueuedBytes, at);
  if (options.onQueueFull !== undefined) out['onQueueFull'] = resolveQueueFullPolicy(options.onQueueFull, at);
  if (options.trace !== undefined) out['trace'] = resolveTraceOptions(options.trace, optionPath(at, 'trace'));
  return out;
}

/**
 * allow, connectRateLimit, notSelectedBackoff and tls, checked as the connections will check them (TLS files are read
 * here, so a missing file stops start-up naming 'tls.keyFile'). With a passive peer configured,
 * tls must carry a certificate and key; the connections read the files again when they are built.
 */
function checkSecurity(options: HsmsModuleOptions): void {
  if (options.allow !== undefined) new AddressAllowList(options.allow, 'allow');
  resolveConnectRateLimit(options.connectRateLimit);
  resolveNotSelectedBackoff(options.notSelectedBackoff);
  const listens = (options.peers ?? []).some((peer) => peer !== null && typeof peer === 'object' && peer.active === false);
  resolveTlsOptions(options.tls, listens ? 'server' : 'client');
}
