import type { Socket } from 'node:net';
import { ConnectRateLimiter } from './connect-rate-limiter.js';
import type { HsmsSessionOutcome } from './hsms-connection.js';
import type { LeveledLogger } from './hsms-logger.js';
import { NotSelectedBackoff } from './not-selected-backoff.js';
import type { ResolvedListenerSecurity } from './listener-security.js';
import { normalizeAddress } from './peer-address.js';
import { refuseSocket } from './socket-shutdown.js';
import { ThrottledWarnings } from './throttled-warnings.js';
import { TlsAcceptor } from './tls-acceptor.js';

/** The listener that owns a gate: it decides which peer a socket belongs to and takes it. */
export interface IncomingSocketOwner {
  /**
   * Why `socket` cannot be taken now (unknown peer, already connected): the warning line to log,
   * '' to refuse without a line (the listener is stopping), or undefined to take it. Asked
   * before the TLS handshake and again after it (a peer may have connected meanwhile).
   */
  refusal(socket: Socket, from: string): string | undefined;
  /** Takes a socket that passed every check: the raw one, or the TLSSocket after its handshake. */
  adopt(socket: Socket): void;
}

/**
 * Every socket a listener accepts goes through here, in this order: the allow list, the
 * per-address attempt limit, the owner's peer match, then (with TLS) the handshake and the match
 * again. The checks before the handshake run synchronously in the accept callback, so a refused
 * socket is closed before the event loop reads a byte from it. Refusals and failed handshakes are
 * logged at warn through one throttle per listener, so a scan cannot flood the log.
 */
export class IncomingGate {
  private readonly warnings: ThrottledWarnings;
  private readonly logger: LeveledLogger;
  private readonly limiter: ConnectRateLimiter | undefined;
  private readonly backoff: NotSelectedBackoff | undefined;
  private readonly acceptor: TlsAcceptor | undefined;

  constructor(
    private readonly security: ResolvedListenerSecurity,
    logger: LeveledLogger,
    handshakeTimeoutMs: number,
    private readonly owner: IncomingSocketOwner,
  ) {
    this.warnings = new ThrottledWarnings(logger, 'refused connections');
    this.limiter = security.connectRateLimit ? new ConnectRateLimiter(security.connectRateLimit) : undefined;
    this.backoff = security.notSelectedBackoff ? new NotSelectedBackoff(security.notSelectedBackoff) : undefined;
    this.logger = logger;
    this.acceptor = security.tls
      ? new TlsAcceptor(security.tls, handshakeTimeoutMs, (socket) => this.secured(socket), this.warnings, logger)
      : undefined;
  }

  /** True when accepted sockets go through a TLS handshake. */
  get tls(): boolean {
    return this.acceptor !== undefined;
  }

  /** Checks a freshly accepted socket and hands it on, or closes it. */
  accept(raw: Socket): void {
    const address = raw.remoteAddress;
    if (address === undefined) {
      refuseSocket(raw); // reset by the peer before we saw it
      return;
    }
    const from = `${address}:${raw.remotePort}`;
    const { allow, connectRateLimit: limit } = this.security;
    const backedOffMs = this.backoff?.refusedForMs(normalizeAddress(address)) ?? 0;
    if (allow && !allow.allows(address)) {
      this.refuse(raw, `refused a connection from ${from}: not in the allow list`);
    } else if (backedOffMs > 0) {
      // before the rate limit: a refused attempt must not also use up the address's attempts
      this.refuse(
        raw,
        `refused a connection from ${from}: its connections keep timing out of T7 (notSelectedBackoff, ${Math.ceil(backedOffMs / 1000)} s left)`,
      );
    } else if (this.limiter && !this.limiter.tryAcquire(normalizeAddress(address))) {
      this.refuse(raw, `refused a connection from ${from}: over connectRateLimit (${limit!.attempts} attempts per ${limit!.perSeconds} s)`);
    } else if (this.offer(raw, from)) {
      if (this.acceptor) this.acceptor.handshake(raw);
      else this.owner.adopt(raw);
    }
  }

  /**
   * A connection this gate let in has ended, and how its session went. Feeds the
   * notSelectedBackoff record of its address: T7 closes count, a selected session clears it.
   */
  connectionEnded(address: string | undefined, outcome: HsmsSessionOutcome): void {
    if (this.backoff === undefined || address === undefined || outcome === 'other') return;
    const key = normalizeAddress(address);
    const refusedMs = this.backoff.ended(key, outcome === 'selected');
    if (refusedMs > 0) {
      this.logger.warn(
        `${key}: ${this.backoff.strikes(key)} connections in a row closed by T7 (never selected); refusing it for ${refusedMs / 1000} s (notSelectedBackoff)`,
      );
    }
  }

  /** Ends handshakes in progress and writes the summary of throttled warnings (the listener stops). */
  stop(): void {
    this.acceptor?.abort();
    this.warnings.flush();
  }

  private secured(socket: Socket): void {
    if (this.offer(socket, `${socket.remoteAddress}:${socket.remotePort}`)) this.owner.adopt(socket);
  }

  /** Asks the owner; refuses (and logs) when it says no. */
  private offer(socket: Socket, from: string): boolean {
    const refusal = this.owner.refusal(socket, from);
    if (refusal === undefined) return true;
    this.refuse(socket, refusal);
    return false;
  }

  private refuse(socket: Socket, message: string): void {
    if (message !== '') this.warnings.warn(message);
    refuseSocket(socket);
  }
}
