import type { Socket } from 'node:net';
import type { Server, TLSSocket } from 'node:tls';
import type { LeveledLogger } from './hsms-logger.js';
import { nodeTls } from './lazy-builtins.js';
import { refuseSocket } from './socket-shutdown.js';
import type { ThrottledWarnings } from './throttled-warnings.js';
import type { ResolvedTls } from './tls-options.js';

/** One accepted socket in its handshake. */
interface Handshake {
  readonly raw: Socket;
  /** remote address:port, taken while the socket was open. */
  readonly from: string;
  /** Why it failed, once node:tls said so. */
  reason?: string;
  /** 'secured' closes much later with nothing to report; 'aborted' (listener stopping) is not worth a warning. */
  outcome?: 'secured' | 'aborted';
}

/**
 * The listening side's TLS handshake, for TCP sockets that already passed the address gates.
 *
 * A plain net.Server accepts, and the gates (allow list, rate limit, peer match) run on the raw
 * socket before any byte is read; only then is the socket handed to a tls.Server that never
 * listens itself (the documented way: emit 'connection' on it). So a refused address costs no
 * handshake, and node:tls still does the whole server side: certificate verification with
 * requestCert/rejectUnauthorized, the handshake timeout, 'secureConnection' and
 * 'tlsClientError'.
 *
 * A failed handshake is logged once, with the peer's address, when its socket has closed.
 * 'tlsClientError' names the TLSSocket, which no longer knows its address when the peer hung up
 * or its certificate was refused; such an error comes right after its raw socket's 'close', in
 * the same order as the closes, so it explains the oldest closed handshake still unexplained.
 */
export class TlsAcceptor {
  private readonly server: Server;
  private readonly requestCert: boolean;
  /** Handshakes in progress, by remote address:port (the TLSSocket reports the same pair while open). */
  private readonly pending = new Map<string, Handshake>();
  /** Closed without success, to be logged at the next turn of the event loop. */
  private readonly closed: Handshake[] = [];

  constructor(
    tls: ResolvedTls,
    handshakeTimeoutMs: number,
    private readonly onSecure: (socket: TLSSocket) => void,
    private readonly warnings: ThrottledWarnings,
    private readonly logger: LeveledLogger,
  ) {
    this.requestCert = tls.requestCert;
    this.server = nodeTls().createServer({
      ...tls.contextOptions,
      requestCert: tls.requestCert,
      rejectUnauthorized: tls.rejectUnauthorized,
      handshakeTimeout: handshakeTimeoutMs,
    });
    this.server.on('secureConnection', (socket: TLSSocket) => this.secured(socket));
    this.server.on('tlsClientError', (error: Error, socket: TLSSocket) => this.failed(error, socket));
  }

  /** Starts the server side of the handshake on an accepted socket; onSecure gets the TLSSocket. */
  handshake(raw: Socket): void {
    const from = `${raw.remoteAddress}:${raw.remotePort}`;
    const handshake: Handshake = { raw, from };
    this.pending.set(from, handshake);
    // The raw socket reports 'close' when the TLSSocket over it closes, however that happens.
    raw.once('close', () => this.rawClosed(handshake));
    this.server.emit('connection', raw);
  }

  /** Ends every handshake in progress, without a warning each (the listener is stopping). */
  abort(): void {
    const handshakes = [...this.pending.values()];
    this.pending.clear();
    for (const handshake of handshakes) {
      handshake.outcome = 'aborted';
      refuseSocket(handshake.raw);
    }
  }

  private secured(socket: TLSSocket): void {
    const handshake = this.pending.get(`${socket.remoteAddress}:${socket.remotePort}`);
    if (handshake) handshake.outcome = 'secured';
    if (!socket.authorized && this.requestCert) {
      // Only reachable with rejectUnauthorized false: say so, an unverified peer is worth a line.
      this.logger.warn(
        `TLS peer ${socket.remoteAddress}:${socket.remotePort} accepted without a verified certificate: ${String(socket.authorizationError)}`,
      );
    }
    this.onSecure(socket);
  }

  private failed(error: Error, socket: TLSSocket): void {
    // Look up first: once destroyed, the socket no longer knows its address.
    const handshake =
      socket.remoteAddress === undefined
        ? this.closed.find((h) => h.reason === undefined)
        : this.pending.get(`${socket.remoteAddress}:${socket.remotePort}`);
    // A refused client certificate surfaces as a hang-up; authorizationError says why.
    if (handshake) handshake.reason ??= socket.authorizationError ? String(socket.authorizationError) : error.message.trim();
    refuseSocket(socket); // node:tls leaves a socket that timed out in its handshake open
  }

  private rawClosed(handshake: Handshake): void {
    if (this.pending.get(handshake.from) === handshake) this.pending.delete(handshake.from);
    if (handshake.outcome === 'secured') return;
    // An aborted handshake still gets its anonymous 'tlsClientError': it queues too, so the errors stay matched in order.
    this.closed.push(handshake);
    setImmediate(() => {
      this.closed.splice(this.closed.indexOf(handshake), 1);
      if (handshake.outcome === 'aborted') return;
      this.warnings.warn(
        `TLS handshake with ${handshake.from} failed: ${handshake.reason ?? 'the connection closed during the handshake'}`,
      );
    });
  }
}
