// The HSMS layer's public names (design/README.md: hsms/).
export * from './hsms-errors.js';
export * from './hsms-handler.events.js';
export * from './hsms-handler.js';
export { HsmsSession, type HsmsDataReceiver, type HsmsPacketObserver } from './hsms-session.js';
export * from './hsms-manager.events.js';
export * from './hsms-connection-manager.js';
export type { HsmsHandlerStatus, HsmsPeerCounters, HsmsPeerStatus } from './peer-counters.js';
export * from './typed-event-emitter.js';
export {
  type HsmsPeerDefinition,
  type HsmsPeerHandlerOptions,
  type HsmsPeerHandlerFactory,
  registerPeerHandlerFactory,
} from './peer-definition.js';
