export { HSMS_TRANSPORT, HsmsEventPattern, type HsmsEventPatternName, HsmsStatus } from './hsms.constants.js';
export { HsmsModule } from './hsms.module.js';
export { HSMS_MODULE_OPTIONS, type HsmsModuleExtras } from './hsms.module-definition.js';
export { type HsmsModuleOptions, type HsmsPeerConfig, type HsmsRole } from './hsms-module-options.js';
export { HsmsServer, type HsmsServerEvents } from './hsms.server.js';
export {
  HsmsClient,
  HEADER_ONLY,
  type HsmsClientPattern,
  type HsmsClientData,
  type HsmsClientOptions,
  type HsmsSf,
} from './hsms.client.js';
export {
  HsmsClientPatternError,
  HsmsClientMessageMismatchError,
  HsmsClientNotConnectedError,
  HsmsClientSetupError,
} from './hsms-client-errors.js';
export { HsmsContext, type HsmsContextArgs } from './hsms.context.js';
export { InjectHsmsPeer, getHsmsPeerToken } from './hsms-peer.decorator.js';
export {
  HsmsHealthIndicator,
  type HsmsHealthOptions,
  type HsmsHealthDetails,
  type HsmsHealthPeer,
  type HsmsHealthIndicatorResult,
} from './hsms.health-indicator.js';
export type { HealthIndicatorSessions, HealthResultSession } from './hsms-health-sessions.js';
export { HsmsS9Exception, type HsmsS9ErrorPayload } from './hsms-exceptions.js';
export type { HsmsConnectionEvent, HsmsLifecycleEvent, HsmsLifecyclePayloads } from './hsms-lifecycle-payloads.js';
export { HsmsServerSetupError } from './hsms-server-errors.js';
export { resolveHsmsModuleOptions } from './resolve-hsms-module-options.js';
export { HsmsMessageHandler, HsmsEventHandler, type HsmsMessagePatternValue } from './hsms-pattern.decorators.js';
export { addConfiguredPeer } from './hsms-peer-factory.js';
