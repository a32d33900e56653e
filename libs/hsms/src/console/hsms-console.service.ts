import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import { type HsmsConsoleOptions, resolveConsoleOptions } from './console-options.js';
import { HsmsConsoleSetupError } from './console-errors.js';
import { HsmsConsoleServer } from './hsms-console-server.js';
import { HSMS_CONSOLE_OPTIONS } from './hsms-console.module-definition.js';

/**
 * Runs the web console (HsmsConsoleServer) inside a Nest app: it starts once the app is up, prints
 * its URL (and the token when it generated one), and stops before the HSMS peers close. It finds
 * the HsmsConnectionManager of HsmsModule wherever it was imported (global or not).
 */
@Injectable()
export class HsmsConsoleService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HsmsConsole');
  private console: HsmsConsoleServer | undefined;

  constructor(
    @Inject(HSMS_CONSOLE_OPTIONS) private readonly options: HsmsConsoleOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    resolveConsoleOptions(options); // a bad option fails the module at start-up, with its name
  }

  /** The running console server; undefined while not started or when disabled. */
  get server(): HsmsConsoleServer | undefined {
    return this.console;
  }

  /** 'http://127.0.0.1:3000/' once listening (the real port when 0 was configured). */
  get url(): string | undefined {
    return this.console?.url;
  }

  /** The token sends need (configured, or generated at start). */
  get token(): string | undefined {
    return this.console?.token;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (resolveConsoleOptions(this.options).enabled === false) return;
    let manager: HsmsConnectionManager;
    try {
      manager = this.moduleRef.get(HsmsConnectionManager, { strict: false });
    } catch {
      throw new HsmsConsoleSetupError(
        'HsmsConsoleModule needs an HsmsConnectionManager: import HsmsModule.forRoot(...) in the same application',
      );
    }
    const server = new HsmsConsoleServer(manager, this.options);
    await server.start();
    this.console = server;
    const url = server.url!;
    if (server.tokenGenerated) {
      this.logger.log(`web console at ${url}#token=${server.token}`);
      this.logger.log(`console token (generated; set console.token to keep one): ${server.token}`);
    } else {
      this.logger.log(`web console at ${url} (sends need the configured console token)`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.console;
    this.console = undefined;
    await server?.stop();
  }
}
