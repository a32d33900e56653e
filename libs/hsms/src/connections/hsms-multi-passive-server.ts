import { createServer, isIP, type AddressInfo, type Server, type Socket } from 'node:net';
import { HsmsDuplicateConnectionError, HsmsNotListeningError } from './connection-errors.js';
import type { HsmsConnection, HsmsSessionOutcome } from './hsms-connection.js';
import type { HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import { LeveledLogger } from './hsms-logger.js';
import { HsmsMultiPassiveConnection } from './hsms-multi-passive-connection.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { readPort } from '../protocol/option-checks.js';
import { type HsmsCommonOptions, resolveMaxQueuedBytes, resolveTimerOptions } from './hsms-options.js';
import { IncomingGate } from './incoming-gate.js';
import { type HsmsListenerSecurityOptions, resolveListenerSecurity } from './listener-security.js';
import { normalizeAddress } from './peer-address.js';
import { closeServer, refuseSocket } from './socket-shutdown.js';

export interface HsmsMultiPassiveServerOptions extends HsmsCommonOptions, HsmsListenerSecurityOptions {
  /** Interface to listen on. Default: all interfaces ('::', or '0.0.0.0' without IPv6). */
  bindAddress?: string;
}

/**
 * One listening port for many peers (the seed's multi-passive mode): each incoming socket goes to
 * the enabled, unconnected connection created for its remote address. Sockets from unknown
 * addresses, disabled connections, or a connection that is already up are closed at once and
 * logged. Peers are keyed by normalized IP (::ffff:10.0.0.1 is 10.0.0.1), so lookups stay O(1)
 * for thousands of peers; one address can have one connection per server.
 *
 * Security options apply to the whole port: `allow` and `connectRateLimit` are checked before a
 * socket is matched to a peer, and with `tls` every peer handshakes (bounded by connectTimeout)
 * before its connection is established; see IncomingGate. The same options given to
 * createConnection are not used (one port has one policy).
 */
export class HsmsMultiPassiveServer {
  readonly port: number;
  readonly bindAddress: string | undefined;
  readonly logger: LeveledLogger;
  private readonly options: HsmsMultiPassiveServerOptions;
  private readonly byAddress = new Map<string, HsmsMultiPassiveConnection>();
  private server: Server | undefined;
  private starting: Promise<number> | undefined;
  /** Rejects the pending start(): a listener closed before 'listening' never emits it. */
  private abortStart: ((error: Error) => void) | undefined;
  private readonly gate: IncomingGate;

  constructor(port: number, options: HsmsMultiPassiveServerOptions = {}) {
    const timers = resolveTimerOptions(options); // refuse bad options here, not at the first createConnection
    resolveMaxQueuedBytes(options.maxQueuedBytes);
    this.port = readPort('port', port, true);
    this.options = options;
    this.bindAddress = options.bindAddress;
    this.logger = new LeveledLogger(options.logger, options.logLevel, `Hsms *:${port}`);
    this.gate = new IncomingGate(resolveListenerSecurity(options), this.logger, timers.connectTimeout * 1000, {
      refusal: (socket, from) => this.refusal(socket, from),
      adopt: (socket) => {
        // refusal() was asked in this same tick, so adopt() takes it; refusing stays the safe fallback
        if (!this.getConnection(socket.remoteAddress ?? '')?.adopt(socket)) refuseSocket(socket);
      },
    });
  }

  /** True when peers connect over TLS (options.tls). */
  get tls(): boolean {
    return this.gate.tls;
  }

  /** The port actually listened on (differs from `port` when that is 0); undefined when stopped. */
  get listeningPort(): number | undefined {
    return this.server?.listening ? (this.server.address() as AddressInfo).port : undefined;
  }

  get listening(): boolean {
    return this.listeningPort !== undefined;
  }

  /** The connections on this server, in creation order. */
  get connections(): HsmsMultiPassiveConnection[] {
    return [...this.byAddress.values()];
  }

  /** The connection for a peer address, if any. */
  getConnection(address: string): HsmsMultiPassiveConnection | undefined {
    return this.byAddress.get(normalizeAddress(address));
  }

  /**
   * A connection for the peer at `address` (an IP literal). Options default to the server's.
   * Throws HsmsDuplicateConnectionError when the address already has one on this server.
   */
  createConnection(
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsCommonOptions = {},
  ): HsmsMultiPassiveConnection {
    // E37 multi-passive: the peer is recognised by the remote address of its socket, which is an IP
    if (isIP(String(address)) === 0) {
      throw new HsmsOptionError(
        'address',
        `a passive peer is matched by the IP address its socket comes from, so it must be an IP address, got '${String(address)}' (write 127.0.0.1 or ::1 for localhost)`,
      );
    }
    const key = normalizeAddress(String(address));
    if (this.byAddress.has(key)) throw new HsmsDuplicateConnectionError(address, this.port);
    const connection = new HsmsMultiPassiveConnection(this, address, port, sessionId, delegate, { ...this.options, ...options });
    this.byAddress.set(key, connection);
    return connection;
  }

  /**
   * Disables `connection` and forgets it; idempotent. The address is forgotten synchronously (so
   * `connections` no longer lists it when this returns); the promise waits for its socket to close.
   */
  async removeConnection(connection: HsmsMultiPassiveConnection): Promise<void> {
    const key = normalizeAddress(connection.address);
    if (this.byAddress.get(key) === connection) this.byAddress.delete(key);
    await connection.disable();
  }

  /**
   * A socket of one of this server's connections ended (notSelectedBackoff bookkeeping).
   * @internal
   */
  connectionEnded(address: string | undefined, outcome: HsmsSessionOutcome): void {
    this.gate.connectionEnded(address, outcome);
  }

  /** Listens; resolves with the bound port. Calling it again while started returns the same port. */
  start(): Promise<number> {
    this.starting ??= this.listen();
    return this.starting;
  }

  /** Closes the listener and every current connection (they stay enabled for a later start()); idempotent, bounded. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    this.abortStart?.(new HsmsNotListeningError(this.port));
    this.gate.stop();
    const closing = [...this.byAddress.values()].map((c) => c.closeAndWait());
    await Promise.all([server ? closeServer(server, 1000) : undefined, ...closing]);
  }

  private listen(): Promise<number> {
    const server = createServer((socket) => this.accept(server, socket));
    this.server = server;
    return new Promise<number>((resolve, reject) => {
      this.abortStart = (error) => {
        this.abortStart = undefined;
        reject(error);
      };
      server.once('error', (error: Error) => {
        this.abortStart = undefined;
        if (server === this.server) {
          this.server = undefined;
          this.starting = undefined;
        }
        this.logger.error(`cannot listen on ${this.bindAddress ?? '*'}:${this.port}: ${error.message}`);
        reject(error);
      });
      server.listen({ port: this.port, host: this.bindAddress }, () => {
        this.abortStart = undefined;
        if (server !== this.server) {
          server.close();
          reject(new HsmsNotListeningError(this.port));
          return;
        }
        server.on('error', (error: Error) => this.logger.error(`listener error: ${error.message}`));
        this.logger.debug(`listening on ${this.bindAddress ?? '*'}:${this.listeningPort}`);
        resolve(this.listeningPort!);
      });
    });
  }

  private accept(server: Server, socket: Socket): void {
    if (server === this.server) this.gate.accept(socket);
    else refuseSocket(socket); // a listener being closed by stop()
  }

  /** The peer match; the gate has already applied `allow` and the rate limit. */
  private refusal(socket: Socket, from: string): string | undefined {
    if (!this.server) return '';
    const connection = this.getConnection(socket.remoteAddress ?? '');
    if (!connection) return `refused a connection from unknown peer ${from}`;
    if (!connection.enabled) return `refused a connection from ${from}: its connection is disabled`;
    if (connection.connected) return `refused a connection from ${from}: its connection is already up`;
    return undefined;
  }
}
