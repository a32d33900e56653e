import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsModuleOptions } from './hsms-module-options.js';
import { HSMS_MODULE_OPTIONS } from './hsms.module-definition.js';

/** Starts the configured peers when the application is up and closes every socket when it goes down. */
@Injectable()
export class HsmsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly manager: HsmsConnectionManager,
    @Inject(HSMS_MODULE_OPTIONS) private readonly options: HsmsModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    for (const peer of this.options.peers ?? []) {
      if (peer.enabled !== false) this.manager.get(peer.name)?.enable();
    }
  }

  /** Separate.req to every SELECTED peer, then every socket and listener closed (bounded). */
  async onApplicationShutdown(): Promise<void> {
    await this.manager.stop();
  }
}
