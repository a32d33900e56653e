import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { HsmsNotListeningError } from './connection-errors.js';
import { HsmsConnection, type HsmsSessionOutcome } from './hsms-connection.js';
import type { HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import type { HsmsCommonOptions } from './hsms-options.js';
import { IncomingGate } from './incoming-gate.js';
import { type HsmsListenerSecurityOptions, resolveListenerSecurity } from './listener-security.js';
import { isAnyPeer, normalizeAddress } from './peer-address.js';
import { closeServer } from './socket-shutdown.js';

export interface HsmsPassiveOptions extends HsmsCommonOptions, HsmsListenerSecurityOptions {
  /** Interface to listen on. Default: all interfaces ('::', or '0.0.0.0' without IPv6), as peers expect. */
  bindAddress?: string;
}

interface ListenWaiter {
  resolve(port: number): void;
  reject(error: Error): void;
}

/**
 * The listening side for one peer (E37 passive entity). enable() listens on `port` and accepts
 * one connection at a time from `address` (an IP literal; '*', '0.0.0.0' or '::' accept any
 * peer). Sockets from other addresses, and a second socket while one is up, are closed at once
 * and logged; the current connection is not disturbed. Port 0 picks a free port: see
 * listeningPort and whenListening(). If listening fails (port in use) it is retried every T5.
 *
 * Security options (HsmsListenerSecurityOptions): an `allow` list and a per-address
 * `connectRateLimit` are checked before the peer address, and `tls` runs a TLS handshake (bounded
 * by connectTimeout) before the connection is established; see IncomingGate.
 */
export class HsmsPassiveConnection extends HsmsConnection {
  readonly isActive = false;
  readonly bindAddress: string | undefined;
  private readonly expected: string;
  private readonly anyPeer: boolean;
  private server: Server | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private waiters: ListenWaiter[] = [];
  private readonly gate: IncomingGate;

  constructor(
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsPassiveOptions = {},
  ) {
    super(address, port, sessionId, delegate, options);
    this.bindAddress = options.bindAddress;
    this.expected = normalizeAddress(address);
    this.anyPeer = isAnyPeer(address);
    this.gate = new IncomingGate(resolveListenerSecurity(options), this.logger, this.options.connectTimeout * 1000, {
      refusal: (socket, from) => this.refusal(socket, from),
      adopt: (socket) => this.attachSocket(socket),
    });
  }

  /** True when this connection speaks TLS (options.tls). */
  get tls(): boolean {
    return this.gate.tls;
  }

  /** The port actually listened on (differs from `port` when that is 0); undefined when not listening. */
  get listeningPort(): number | undefined {
    return this.server?.listening ? (this.server.address() as AddressInfo).port : undefined;
  }

  /** Resolves with listeningPort once listening; rejects if listening fails or disable() comes first. */
  whenListening(): Promise<number> {
    const port = this.listeningPort;
    if (port !== undefined) return Promise.resolve(port);
    if (!this.isEnabled) return Promise.reject(new HsmsNotListeningError(this.port));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  enable(): void {
    if (this.isEnabled) return;
    this.isEnabled = true;
    this.listen();
  }

  async disable(): Promise<void> {
    this.isEnabled = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const server = this.server;
    this.server = undefined;
    this.settleWaiters(new HsmsNotListeningError(this.port));
    this.gate.stop();
    this.close('local');
    await Promise.all([server ? closeServer(server, 1000) : undefined, this.socketsClosed()]);
  }

  private listen(): void {
    const server = createServer((socket) => this.gate.accept(socket));
    this.server = server;
    server.on('error', (error: Error) => this.listenFailed(server, error));
    server.listen({ port: this.port, host: this.bindAddress }, () => {
      if (server !== this.server) return;
      const port = this.listeningPort!;
      this.logger.debug(`listening on ${this.bindAddress ?? '*'}:${port}`);
      this.settleWaiters(port);
    });
  }

  private listenFailed(server: Server, error: Error): void {
    if (server !== this.server) return;
    this.server = undefined;
    server.close();
    this.logger.error(`cannot listen on ${this.bindAddress ?? '*'}:${this.port}: ${error.message}; retrying in T5`);
    this.settleWaiters(error);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.isEnabled && !this.server) this.listen();
    }, this.options.t5 * 1000);
  }

  /** The peer-address rules; the gate has already applied `allow` and the rate limit. */
  protected override socketEnded(address: string | undefined, outcome: HsmsSessionOutcome): void {
    this.gate.connectionEnded(address, outcome);
  }

  private refusal(socket: Socket, from: string): string | undefined {
    if (!this.isEnabled) return '';
    if (!this.anyPeer && normalizeAddress(socket.remoteAddress ?? '') !== this.expected)
      return `refused a connection from ${from}: expecting ${this.address}`;
    if (this.connected) return `refused a second connection from ${from}: one is already up`;
    return undefined;
  }

  private settleWaiters(outcome: number | Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (typeof outcome === 'number') w.resolve(outcome);
      else w.reject(outcome);
    }
  }
}
