import type { LeveledLogger } from '../connections/hsms-logger.js';
import type { HsmsMultiPassiveConnection } from '../connections/hsms-multi-passive-connection.js';
import { HsmsMultiPassiveServer, type HsmsMultiPassiveServerOptions } from '../connections/hsms-multi-passive-server.js';
import type { HsmsCommonOptions } from '../connections/hsms-options.js';

/**
 * The multi-passive servers of a manager, one per configured port: a server is created and
 * started with its first peer and stopped when its last peer goes. Port 0 is one shared server
 * on a port the OS picks (listeningPort tells which).
 */
export class MultiPassivePorts {
  private readonly servers = new Map<number, HsmsMultiPassiveServer>();

  constructor(
    private readonly options: HsmsMultiPassiveServerOptions,
    private readonly logger: LeveledLogger,
  ) {}

  /** A connection for a peer at `address` on `port`; starts that port's server if needed. */
  createConnection(address: string, port: number, sessionId: number, options: HsmsCommonOptions): HsmsMultiPassiveConnection {
    let server = this.servers.get(port);
    const created = server === undefined;
    server ??= new HsmsMultiPassiveServer(port, this.options);
    const connection = server.createConnection(address, port, sessionId, undefined, options); // throws for a duplicate address
    if (created) {
      this.servers.set(port, server);
      this.start(server);
    }
    return connection;
  }

  /** Takes the connection off its server (disabling it) and stops the server if it was the last. */
  async remove(connection: HsmsMultiPassiveConnection): Promise<void> {
    const server = connection.server;
    const removing = server.removeConnection(connection); // forgets the address synchronously
    let stopping: Promise<void> | undefined;
    if (server.connections.length === 0 && this.servers.get(server.port) === server) {
      this.servers.delete(server.port);
      stopping = server.stop();
    }
    await Promise.all([removing, stopping]);
  }

  /** Resolves when every server listens (retrying a listen that failed); rejects with a listen error. */
  async ready(): Promise<void> {
    await Promise.all([...this.servers.values()].map((server) => server.start()));
  }

  /** The bound port of the server for configured `port` (the OS's pick for 0); undefined if not listening. */
  listeningPort(port: number): number | undefined {
    return this.servers.get(port)?.listeningPort;
  }

  /** Stops every server (their connections should have been removed first); idempotent, bounded. */
  async stop(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((server) => server.stop()));
  }

  private start(server: HsmsMultiPassiveServer): void {
    server.start().then(
      (port) => this.logger.debug(`multi-passive port ${server.port} listening on ${port}`),
      (error: unknown) => this.logger.error(`multi-passive port ${server.port} cannot listen (ready() retries)`, error),
    );
  }
}
