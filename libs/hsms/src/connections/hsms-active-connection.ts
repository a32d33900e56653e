import { connect, isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { HsmsConnection } from './hsms-connection.js';
import type { HsmsCloseCause, HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import { type HsmsCommonOptions, HsmsOptionError } from './hsms-options.js';
import { nodeTls } from './lazy-builtins.js';
import { LifecycleLog } from './lifecycle-log.js';
import { sharedReadBuffer } from './shared-read-buffer.js';
import { refuseSocket } from './socket-shutdown.js';
import { type HsmsTlsOptions, type ResolvedTls, resolveTlsOptions } from './tls-options.js';

export interface HsmsActiveOptions extends HsmsCommonOptions {
  /** Local address to connect from (tests use 127.0.0.2 and up as distinct peers). Default: the OS's choice. */
  localAddress?: string;
  /** Connect over TLS (the peer's certificate is verified against `ca`). Default: plain TCP. */
  tls?: HsmsTlsOptions;
}

/**
 * The connecting side (E37 active entity: it sends Select.req). enable() connects and keeps
 * reconnecting for as long as it is enabled: attempts start at least T5 apart, each one bounded by
 * connectTimeout, and after a connection closes the next attempt waits T5.
 *
 * With `tls` an attempt is a TCP connect plus a TLS handshake, both within connectTimeout; the
 * connection is established only once the handshake (and the certificate check) succeeded. A
 * failed handshake is logged at warn and is a failed attempt like any other: retried after T5.
 */
export class HsmsActiveConnection extends HsmsConnection {
  readonly isActive = true;
  readonly localAddress: string | undefined;
  private readonly tlsSettings: ResolvedTls | undefined;
  private attempt: Socket | undefined;
  private attemptTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  /** Connecting and connect failures at `log` level, repeats throttled: a dead tool shows at the default level. */
  private readonly lifecycle = new LifecycleLog(this.logger);

  constructor(
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsActiveOptions = {},
  ) {
    super(address, port, sessionId, delegate, options);
    if (this.port === 0) throw new HsmsOptionError('port', 'an active connection needs the peer port, got 0');
    if (options.localAddress !== undefined && isIP(options.localAddress) === 0) {
      throw new HsmsOptionError('localAddress', `must be an IP address, got '${String(options.localAddress)}'`);
    }
    this.localAddress = options.localAddress;
    this.tlsSettings = resolveTlsOptions(options.tls, 'client');
  }

  /** True when this connection speaks TLS (options.tls). */
  get tls(): boolean {
    return this.tlsSettings !== undefined;
  }

  /** True while a connect attempt is in flight. */
  get connecting(): boolean {
    return this.attempt !== undefined;
  }

  enable(): void {
    if (this.isEnabled) return;
    this.isEnabled = true;
    // E37 T5 also holds across disable()/enable(): the wait counts from the last attempt.
    this.retryIn(this.lastAttemptAt + this.options.t5 * 1000 - performance.now());
  }

  async disable(): Promise<void> {
    this.isEnabled = false;
    this.clearRetry();
    this.abortAttempt();
    this.close('local');
    await this.socketsClosed();
  }

  protected override afterClose(_cause: HsmsCloseCause): void {
    // E37 T5: connect separation; the peer gets time to recover before we knock again.
    if (this.isEnabled) this.retryIn(this.options.t5 * 1000);
  }

  private retryIn(delayMs: number): void {
    this.clearRetry();
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.startAttempt();
      },
      Math.max(0, delayMs),
    );
  }

  private startAttempt(): void {
    if (!this.isEnabled || this.connected || this.attempt) return;
    this.lastAttemptAt = performance.now();
    this.lifecycle.note('connecting', `connecting to ${this.address}:${this.port}`);
    let socket: Socket;
    try {
      socket = this.openSocket((length, buffer) => this.readBorrowed(socket, buffer, length));
    } catch (error) {
      // Node validates some arguments synchronously; a timer callback must never throw.
      this.logger.error(`cannot connect to ${this.address}:${this.port}`, error);
      this.retryIn(this.options.t5 * 1000);
      return;
    }
    this.attempt = socket;
    let tcpUp = false; // with TLS: a failure after this is the handshake's, worth a warning
    const failed = (error: Error) => this.attemptFailed(socket, error.message, tcpUp);
    socket.once('connect', () => (tcpUp = true));
    socket.once('error', failed);
    socket.once(this.tlsSettings ? 'secureConnect' : 'connect', () => {
      socket.removeListener('error', failed);
      this.attemptSucceeded(socket);
    });
    this.attemptTimer = setTimeout(
      () => this.attemptFailed(socket, `no answer within connectTimeout ${this.options.connectTimeout} s`, tcpUp),
      this.options.connectTimeout * 1000,
    );
  }

  /**
   * A TCP socket, or a TLS one (node:tls) whose 'secureConnect' means the handshake and certificate
   * check passed. A TCP socket reads into the process's shared read buffer (onread) and hands the
   * bytes to `onRead`: no Buffer per read (issue 10: the reads' buffers were a large part of a
   * requester's garbage). node:tls has no onread, so TLS sockets emit 'data' as usual.
   */
  private openSocket(onRead: (length: number, buffer: Buffer) => boolean): Socket {
    const target = { host: this.address, port: this.port, localAddress: this.localAddress };
    const tls = this.tlsSettings;
    if (!tls) return connect({ ...target, onread: { buffer: sharedReadBuffer(), callback: onRead } });
    // No servername for an IP address: SNI must not carry one (RFC 6066); the certificate is then checked against the IP.
    const servername = tls.servername ?? (isIP(this.address) === 0 ? this.address : undefined);
    return nodeTls().connect({ ...target, secureContext: tls.context, rejectUnauthorized: tls.rejectUnauthorized, servername });
  }

  private attemptSucceeded(socket: Socket): void {
    if (socket !== this.attempt) return;
    this.endAttempt();
    if (!this.isEnabled) {
      refuseSocket(socket);
      return;
    }
    const tls = socket as TLSSocket;
    if (this.tlsSettings && !tls.authorized) {
      // Only reachable with rejectUnauthorized false (lab use): an unverified server is worth a line.
      this.logger.warn(
        `TLS server ${this.address}:${this.port} accepted without a verified certificate: ${String(tls.authorizationError)}`,
      );
    }
    this.attachSocket(socket, this.tlsSettings === undefined);
  }

  private attemptFailed(socket: Socket, reason: string, tcpUp: boolean): void {
    if (socket !== this.attempt) return;
    this.endAttempt();
    refuseSocket(socket);
    // A refused TCP connect is routine (the tool is off); a failed handshake is a configuration problem.
    if (this.tlsSettings && tcpUp) this.logger.warn(`TLS handshake with ${this.address}:${this.port} failed: ${reason}; retrying after T5`);
    else
      this.lifecycle.note(
        'connect-failed',
        `connect to ${this.address}:${this.port} failed: ${reason}; retrying after T5 (${this.options.t5} s)`,
      );
    if (this.isEnabled) this.retryIn(this.lastAttemptAt + this.options.t5 * 1000 - performance.now());
  }

  private endAttempt(): void {
    clearTimeout(this.attemptTimer);
    this.attemptTimer = undefined;
    this.attempt = undefined;
  }

  private abortAttempt(): void {
    const socket = this.attempt;
    if (!socket) return;
    this.endAttempt();
    refuseSocket(socket);
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
