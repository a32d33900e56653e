import { connect, type Socket } from 'node:net';
import type { HsmsActiveOptions } from '../connections/hsms-active-connection.js';
import { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsConnectionDelegate } from '../connections/hsms-connection-delegate.js';
import { HsmsOptionError } from '../connections/hsms-options.js';
import { refuseSocket } from '../connections/socket-shutdown.js';
import { CliConnectError } from './cli-errors.js';

/**
 * The active side for a one-shot command: exactly one connect attempt, bounded by connectTimeout,
 * whose failure is reported (whenConnected rejects with CliConnectError naming Node's reason, say
 * ECONNREFUSED) instead of retried every T5 as HsmsActiveConnection does for a long-lived peer.
 * A script wants to hear at once that nothing listens there.
 */
export class SingleAttemptConnection extends HsmsConnection {
  readonly isActive = true;
  readonly localAddress: string | undefined;
  private attempt: Socket | undefined;
  private attemptTimer: NodeJS.Timeout | undefined;
  private readonly outcome: Promise<void>;
  private settle: (error?: Error) => void = () => undefined;
  private attempted = false;

  constructor(
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsActiveOptions = {},
  ) {
    super(address, port, sessionId, delegate, options);
    if (this.port === 0) throw new HsmsOptionError('port', 'an active connection needs the peer port, got 0');
    this.localAddress = options.localAddress;
    this.outcome = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
    this.outcome.catch(() => undefined); // reported through whenConnected(); never an unhandled rejection
  }

  /** Resolves once the TCP connection is up; rejects with CliConnectError when the attempt fails or disable() comes first. */
  whenConnected(): Promise<void> {
    return this.outcome;
  }

  /** Makes the one attempt (a second enable() does nothing: one instance, one attempt). */
  enable(): void {
    if (this.attempted) return;
    this.attempted = true;
    this.isEnabled = true;
    let socket: Socket;
    try {
      socket = connect({ host: this.address, port: this.port, localAddress: this.localAddress });
    } catch (error) {
      // Node checks some arguments synchronously
      this.settle(new CliConnectError(this.address, this.port, error instanceof Error ? error.message : String(error), { cause: error }));
      return;
    }
    this.attempt = socket;
    socket.once('error', (error: Error) => this.attemptFailed(socket, error.message));
    socket.once('connect', () => this.attemptSucceeded(socket));
    this.attemptTimer = setTimeout(
      () => this.attemptFailed(socket, `no answer within ${this.options.connectTimeout} s`),
      this.options.connectTimeout * 1000,
    );
  }

  async disable(): Promise<void> {
    this.isEnabled = false;
    if (this.attempt) this.attemptFailed(this.attempt, 'cancelled');
    this.close('local');
    await this.socketsClosed();
  }

  private attemptSucceeded(socket: Socket): void {
    if (socket !== this.attempt) return;
    this.endAttempt();
    socket.removeAllListeners('error'); // attachSocket installs the connection's own
    this.attachSocket(socket);
    this.settle();
  }

  private attemptFailed(socket: Socket, reason: string): void {
    if (socket !== this.attempt) return;
    this.endAttempt();
    refuseSocket(socket);
    this.logger.debug(`connect to ${this.address}:${this.port} failed: ${reason}`);
    this.settle(new CliConnectError(this.address, this.port, reason));
  }

  private endAttempt(): void {
    clearTimeout(this.attemptTimer);
    this.attemptTimer = undefined;
    this.attempt = undefined;
  }
}
