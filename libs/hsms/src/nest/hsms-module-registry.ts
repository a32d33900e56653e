import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';

/**
 * The managers HsmsModule runs in this process, each with the function that starts its configured
 * peers: `new HsmsServer()` and an HsmsClient built by ClientsModule find their manager here.
 */
const modules = new Map<HsmsConnectionManager, () => void>();

/** HsmsModule's lifecycle registers its manager on creation and forgets it on shutdown. */
export function registerModuleManager(manager: HsmsConnectionManager, startPeers: () => void): void {
  modules.set(manager, startPeers);
}

export function unregisterModuleManager(manager: HsmsConnectionManager): void {
  modules.delete(manager);
}

/** Starts the configured peers of the module that owns `manager` (nothing for a manager made by hand). */
export function startModulePeers(manager: HsmsConnectionManager): void {
  modules.get(manager)?.();
}

/** The one manager HsmsModule runs in this process; undefined with none or several (`count` says which). */
export function soleModuleManager(): { manager: HsmsConnectionManager | undefined; count: number } {
  const [first] = modules.keys();
  return { manager: modules.size === 1 ? first : undefined, count: modules.size };
}
