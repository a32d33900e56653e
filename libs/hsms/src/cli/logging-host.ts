import { HsmsActiveConnection } from '../connections/hsms-active-connection.js';
import { LeveledLogger, type HsmsLogger } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import { HsmsPassiveConnection } from '../connections/hsms-passive-connection.js';
import { GemHostHandler } from '../gem/gem-host-handler.js';

export interface LoggingHostOptions extends HsmsTimerOptions {
  readonly name: string;
  readonly active: boolean;
  /** Active: the equipment to connect to. Passive: the peer address to accept ('*': any). */
  readonly address: string;
  readonly port: number;
  readonly sessionId: number;
  /** Passive only: the interface to listen on. */
  readonly bindAddress?: string;
  /** Gets every message in SML (verbose) and the events; debug lines when it has a debug method. */
  readonly logger: HsmsLogger;
}

/**
 * The bare host of `hsms serve --role host` / `hsms connect --role host`: a GEM host (E30) that
 * answers what an equipment sends (S1F13, S6F11, S5F1, S10F1 ...) and logs it; it asks for
 * nothing itself. Every message is traced in SML by the handler at verbose level.
 */
export class LoggingHost {
  readonly handler: GemHostHandler;
  private readonly connection: HsmsActiveConnection | HsmsPassiveConnection;
  private readonly logger: LeveledLogger;

  constructor(options: LoggingHostOptions) {
    const { name, active, address, port, sessionId, bindAddress, logger, ...timers } = options;
    const common = { ...timers, logger, logLevel: 'verbose' as const };
    this.connection = active
      ? new HsmsActiveConnection(address, port, sessionId, undefined, common)
      : new HsmsPassiveConnection(address, port, sessionId, undefined, { ...common, bindAddress });
    this.handler = new GemHostHandler(this.connection, { name });
    this.logger = new LeveledLogger(logger, 'verbose', `Host ${name}`);
    this.listen();
  }

  get listeningPort(): number | undefined {
    return this.connection instanceof HsmsPassiveConnection ? this.connection.listeningPort : undefined;
  }

  /** Passive: resolves once listening (rejects when the port cannot be listened on, after disabling). Active: at once. */
  async start(): Promise<void> {
    this.handler.enable();
    if (!(this.connection instanceof HsmsPassiveConnection)) return;
    try {
      await this.connection.whenListening();
    } catch (error) {
      await this.handler.disable();
      throw error;
    }
  }

  /** Separate.req when SELECTED, then closed; idempotent and bounded (HsmsHandler.disable). */
  stop(): Promise<void> {
    return this.handler.disable();
  }

  private listen(): void {
    const h = this.handler;
    h.on('communicating', () =>
      this.logger.log(`communicating with ${h.remoteIdentity ? `${h.remoteIdentity.mdln} ${h.remoteIdentity.softrev}` : 'the equipment'}`),
    );
    h.on('closed', (cause) => this.logger.log(`connection closed (${cause})`));
    h.on('collectionEvent', (e) =>
      this.logger.log(`collection event ${String(e.ceid)} (DATAID ${String(e.dataId)}, ${e.reports.length} report(s))`),
    );
    h.on('alarm', (a) => this.logger.log(`alarm ${String(a.alid)} ${a.set ? 'set' : 'cleared'}: ${a.text}`));
    h.on('terminalMessage', (m) => this.logger.log(`terminal ${m.tid}: ${m.text}`));
  }
}
