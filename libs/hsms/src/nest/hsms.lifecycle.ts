import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsModuleOptions } from './hsms-module-options.js';
import { HSMS_MODULE_OPTIONS } from './hsms.module-definition.js';
import { registerModuleManager, transportWillListen, unregisterModuleManager } from './hsms-module-registry.js';

/**
 * Starts the configured peers and closes every socket when the application goes down. With an
 * HsmsServer that has Nest handlers, the peers start when it listens (so the first S1F13 is
 * routed and no 'hsms.selected' is lost); without one, on application bootstrap.
 */
@Injectable()
export class HsmsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private started = false;

  constructor(
    private readonly manager: HsmsConnectionManager,
    @Inject(HSMS_MODULE_OPTIONS) private readonly options: HsmsModuleOptions,
  ) {
    registerModuleManager(manager, () => this.startPeers());
  }

  onApplicationBootstrap(): void {
    if (!transportWillListen(this.manager)) this.startPeers();
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
}
