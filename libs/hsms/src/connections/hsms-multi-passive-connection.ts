import type { Socket } from 'node:net';
import { HsmsConnection, type HsmsSessionOutcome } from './hsms-connection.js';
import type { HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import type { HsmsCommonOptions } from './hsms-options.js';
import type { HsmsMultiPassiveServer } from './hsms-multi-passive-server.js';

/**
 * One peer of a multi-passive server: the server owns the listening port and hands this
 * connection each socket that comes from its `address` while it is enabled and not connected.
 * Create it with server.createConnection(); enable() only marks it as accepting (the server must
 * be started); dispose() takes it off the server for good.
 */
export class HsmsMultiPassiveConnection extends HsmsConnection {
  readonly isActive = false;

  constructor(
    readonly server: HsmsMultiPassiveServer,
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsCommonOptions = {},
  ) {
    super(address, port, sessionId, delegate, options);
  }

  enable(): void {
    this.isEnabled = true;
  }

  async disable(): Promise<void> {
    this.isEnabled = false;
    this.close('local');
    await this.socketsClosed();
  }

  /** Disables this connection and removes it from its server (its address may then be reused). */
  dispose(): Promise<void> {
    return this.server.removeConnection(this);
  }

  /**
   * Called by the server for a socket from this connection's address.
   * @internal
   */
  adopt(socket: Socket): boolean {
    if (!this.isEnabled || this.connected) return false;
    this.attachSocket(socket);
    return true;
  }

  protected override socketEnded(address: string | undefined, outcome: HsmsSessionOutcome): void {
    this.server.connectionEnded(address, outcome);
  }

  /**
   * Closes the current socket and waits until it is gone (server stop); stays enabled.
   * @internal
   */
  async closeAndWait(): Promise<void> {
    this.close('local');
    await this.socketsClosed();
  }
}
