import { AddressAllowList } from './address-allow-list.js';
import { type HsmsConnectRateLimit, resolveConnectRateLimit } from './connect-rate-limiter.js';
import { type HsmsNotSelectedBackoff, resolveNotSelectedBackoff } from './not-selected-backoff.js';
import { type HsmsTlsOptions, type ResolvedTls, resolveTlsOptions } from './tls-options.js';

/** What a listening side (passive connection, multi-passive server) lets in, besides the configured peer addresses. */
export interface HsmsListenerSecurityOptions {
  /**
   * IPv4/IPv6 CIDRs or single addresses ('10.1.2.0/24', '::1') a socket may come from; any other
   * is closed before a byte is read. An outer gate: a peer must still match its configured
   * address (useful with a passive address of '*'). Default: every address.
   */
  allow?: string[];
  /**
   * Connection attempts accepted from one address per window; more are closed at once, before
   * being matched to a peer. false turns it off. Default 10 per 10 s (DEFAULT_CONNECT_RATE_LIMIT).
   */
  connectRateLimit?: HsmsConnectRateLimit | false;
  /**
   * Refuses for a while an address whose connections keep being closed by T7 (never selected), so one client
   * cannot hold an HSMS-SS port by reconnecting. false turns it off. Default after 3 in a row,
   * 10 s doubling up to 120 s (DEFAULT_NOT_SELECTED_BACKOFF).
   */
  notSelectedBackoff?: Partial<HsmsNotSelectedBackoff> | false;
  /** TLS on the listening port (a certificate and key required). Default: plain TCP. */
  tls?: HsmsTlsOptions;
}

/** The checked form: each part undefined when off. */
export interface ResolvedListenerSecurity {
  readonly allow: AddressAllowList | undefined;
  readonly connectRateLimit: HsmsConnectRateLimit | undefined;
  readonly notSelectedBackoff: HsmsNotSelectedBackoff | undefined;
  readonly tls: ResolvedTls | undefined;
}

/** Validates the listener options (HsmsOptionError naming 'allow', 'connectRateLimit.attempts', 'tls.certFile' ...). */
export function resolveListenerSecurity(options: HsmsListenerSecurityOptions): ResolvedListenerSecurity {
  return {
    allow: options.allow === undefined ? undefined : new AddressAllowList(options.allow, 'allow'),
    connectRateLimit: resolveConnectRateLimit(options.connectRateLimit),
    notSelectedBackoff: resolveNotSelectedBackoff(options.notSelectedBackoff),
    tls: resolveTlsOptions(options.tls, 'server'),
  };
}
