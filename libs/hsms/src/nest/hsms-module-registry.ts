import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';

/** What HsmsModule registers for its manager while the application runs. */
interface ModuleEntry {
  /** Starts the configured peers (idempotent). */
  readonly startPeers: () => void;
  /** An HsmsServer bound to this manager has Nest handlers: the peers wait for its listen(). */
  transportPending: boolean;
}

const modules = new Map<HsmsConnectionManager, ModuleEntry>();
/** `new HsmsServer()` instances that got Nest handlers and have no manager yet. */
const unboundServers = new Set<object>();

/** HsmsModule's lifecycle registers its manager on creation and forgets it on shutdown. */
export function registerModuleManager(manager: HsmsConnectionManager, startPeers: () => void): void {
  modules.set(manager, { startPeers, transportPending: false });
}

export function unregisterModuleManager(manager: HsmsConnectionManager): void {
  modules.delete(manager);
}

/** An HsmsServer got its first Nest handler: its application will listen, so peers start then. */
export function noteTransportPending(server: object, manager: HsmsConnectionManager | undefined): void {
  if (manager === undefined) unboundServers.add(server);
  else {
    const entry = modules.get(manager);
    if (entry) entry.transportPending = true;
  }
}

/** The server listened or closed: it no longer holds peers back. */
export function forgetServer(server: object): void {
  unboundServers.delete(server);
}

/** Whether a transport will route this manager's peers, so they should start at its listen() rather than on bootstrap. */
export function transportWillListen(manager: HsmsConnectionManager): boolean {
  return modules.get(manager)?.transportPending === true || unboundServers.size > 0;
}

/** Starts the configured peers of the module that owns `manager` (nothing for a manager made by hand). */
export function startModulePeers(manager: HsmsConnectionManager): void {
  modules.get(manager)?.startPeers();
}

/** The one manager HsmsModule runs in this process, for `new HsmsServer()`; undefined with none or several. */
export function soleModuleManager(): { manager: HsmsConnectionManager | undefined; count: number } {
  const [first] = modules.keys();
  return { manager: modules.size === 1 ? first : undefined, count: modules.size };
}
