import { type DynamicModule, Module } from '@nestjs/common';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import { HsmsClient } from './hsms.client.js';
import { HsmsHealthIndicator, hsmsHealthIndicatorProvider } from './hsms.health-indicator.js';
import { HsmsLifecycle } from './hsms.lifecycle.js';
import { HSMS_ASYNC_OPTIONS_TYPE, HSMS_OPTIONS_TYPE, HsmsConfigurableModule } from './hsms.module-definition.js';
import { hsmsManagerProvider, hsmsPeerProviders } from './hsms-providers.js';
import { HsmsServer } from './hsms.server.js';

/**
 * HSMS for Nest: `HsmsModule.forRoot({ peers: [...] })` or `forRootAsync({ imports, inject,
 * useFactory })`. Provides the HsmsConnectionManager (one per module; it closes every socket on
 * application shutdown), the HsmsServer transport strategy that shares it, an HsmsClient, the
 * HsmsHealthIndicator for @nestjs/terminus (which it does not need to load), and one provider per
 * peer for @InjectHsmsPeer(name).
 */
@Module({
  providers: [hsmsManagerProvider, HsmsServer, HsmsClient, HsmsLifecycle, hsmsHealthIndicatorProvider],
  exports: [HsmsConnectionManager, HsmsServer, HsmsClient, HsmsHealthIndicator],
})
export class HsmsModule extends HsmsConfigurableModule {
  static override forRoot(options: typeof HSMS_OPTIONS_TYPE): DynamicModule {
    const names = [...(options.peers ?? []).map((p) => p.name), ...(options.injectPeers ?? [])];
    return withPeerProviders(super.forRoot(options), names);
  }

  static override forRootAsync(options: typeof HSMS_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withPeerProviders(super.forRootAsync(options), options.injectPeers ?? []);
  }
}

function withPeerProviders(definition: DynamicModule, names: string[]): DynamicModule {
  const providers = hsmsPeerProviders(names);
  return {
    ...definition,
    providers: [...(definition.providers ?? []), ...providers],
    exports: [...(definition.exports ?? []), ...providers.map((p) => (p as { provide: string }).provide)],
  };
}
