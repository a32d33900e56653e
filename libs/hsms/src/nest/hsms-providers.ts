import { Logger, type Provider } from '@nestjs/common';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import type { HsmsModuleOptions } from './hsms-module-options.js';
import { HSMS_MODULE_OPTIONS } from './hsms.module-definition.js';
import { getHsmsPeerToken } from './hsms-peer.decorator.js';
import { addConfiguredPeer } from './hsms-peer-factory.js';
import { resolveHsmsModuleOptions } from './resolve-hsms-module-options.js';

/** The one connection manager of the module: built from the resolved options with every configured peer added. */
export const hsmsManagerProvider: Provider = {
  provide: HsmsConnectionManager,
  inject: [HSMS_MODULE_OPTIONS],
  useFactory: (options: HsmsModuleOptions): HsmsConnectionManager => {
    const { peers = [], logger, ...managerOptions } = resolveHsmsModuleOptions(options);
    const manager = new HsmsConnectionManager({ ...managerOptions, logger: logger ?? new Logger('Hsms') });
    // started by HsmsLifecycle: when the transport listens, else on bootstrap
    for (const peer of peers) addConfiguredPeer(manager, { ...peer, enabled: false });
    return manager;
  },
};

/** One provider per injectable peer name, resolving to that peer's handler. */
export function hsmsPeerProviders(names: Iterable<string>): Provider[] {
  return [...new Set(names)].map((name) => ({
    provide: getHsmsPeerToken(name),
    inject: [HsmsConnectionManager],
    useFactory: (manager: HsmsConnectionManager) => {
      const handler = manager.get(name);
      if (!handler) throw new HsmsOptionError('peers', `@InjectHsmsPeer('${name}') names a peer that is not configured`);
      return handler;
    },
  }));
}
