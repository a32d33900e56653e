import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsModuleOptions } from './hsms-module-options.js';
import { HSMS_MODULE_OPTIONS } from './hsms.module-definition.js';
import { registerModuleManager, unregisterModuleManager } from './hsms-module-registry.js';
import { HsmsServer } from './hsms.server.js';

/**
 * Starts the configured peers and closes every socket when the application goes down. When the
 * application runs an HsmsServer transport, the peers start when it listens (so the first S1F13
 * is routed and no 'hsms.selected' is lost, however late listen() comes); otherwise on bootstrap.
 */
@Injectable()
export class HsmsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private started = false;

  constructor(
    private readonly manager: HsmsConnectionManager,
    @Inject(HSMS_MODULE_OPTIONS) private readonly options: HsmsModuleOptions,
    private readonly modules: ModulesContainer,
  ) {
    registerModuleManager(manager, () => this.startPeers());
  }

  onApplicationBootstrap(): void {
    if (!this.hasHsmsTransport()) this.startPeers();
  }

  /** Enables every configured peer whose `enabled` is not false; once. */
  startPeers(): void {
    if (this.started) return;
    this.started = true;
    for (const peer of this.options.peers ?? []) {
      if (peer.enabled !== false) this.manager.get(peer.name)?.enable();
    }
  }

  /** Separate.req to every SELECTED peer, then every socket and listener closed (bounded). */
  async onApplicationShutdown(): Promise<void> {
    unregisterModuleManager(this.manager);
    await this.manager.stop();
  }

  /** Whether this application was created with an HsmsServer strategy (Nest records each transport as an RPC target when the app is created). */
  private hasHsmsTransport(): boolean {
    let found = false;
    // a ReplaySubject: every target added so far is delivered synchronously
    this.modules
      .getRpcTargetRegistry<unknown>()
      .subscribe((target) => {
        if (target instanceof HsmsServer) found = true;
      })
      .unsubscribe();
    return found;
  }
}
