// nest-hsms: the package root for NestJS users, nest-hsms/core plus the Nest integration.
// Protocol-only users import 'nest-hsms/core', which loads no @nestjs module. The hsms command-line
// tool is the package's bin, not exported here. The surface is checked by
// test/package/public-surface.spec.ts.
export * from './core.js';

// nest: the NestJS module, transport, context and client
export { HsmsS9Exception, type HsmsS9ErrorPayload } from './nest/hsms-exceptions.js';
export { type HealthIndicatorSessions, type HealthResultSession } from './nest/hsms-health-sessions.js';
export { type HsmsConnectionEvent, type HsmsLifecycleEvent, type HsmsLifecyclePayloads } from './nest/hsms-lifecycle-payloads.js';
export { type HsmsModuleOptions, type HsmsPeerConfig, type HsmsRole } from './nest/hsms-module-options.js';
export { HsmsMessageHandler, HsmsEventHandler, type HsmsMessagePatternValue } from './nest/hsms-pattern.decorators.js';
export { InjectHsmsPeer, getHsmsPeerToken } from './nest/hsms-peer.decorator.js';
export {
  HsmsClient,
  HEADER_ONLY,
  type HsmsClientPattern,
  type HsmsClientData,
  type HsmsClientOptions,
  type HsmsSf,
} from './nest/hsms.client.js';
export {
  HsmsClientPatternError,
  HsmsClientMessageMismatchError,
  HsmsClientNotConnectedError,
  HsmsClientSetupError,
} from './nest/hsms-client-errors.js';
export { HsmsServerSetupError } from './nest/hsms-server-errors.js';
export { HSMS_TRANSPORT, HsmsEventPattern, HsmsStatus, type HsmsEventPatternName } from './nest/hsms.constants.js';
export { HsmsContext, type HsmsContextArgs } from './nest/hsms.context.js';
export {
  HsmsHealthIndicator,
  type HsmsHealthOptions,
  type HsmsHealthDetails,
  type HsmsHealthPeer,
  type HsmsHealthIndicatorResult,
} from './nest/hsms.health-indicator.js';
export { HSMS_MODULE_OPTIONS, type HsmsModuleExtras } from './nest/hsms.module-definition.js';
export { HsmsModule } from './nest/hsms.module.js';
export { HsmsServer, type HsmsServerEvents } from './nest/hsms.server.js';
export { resolveHsmsModuleOptions } from './nest/resolve-hsms-module-options.js';

// console: the live web console as a Nest module (its Nest-free server is in core)
export { HsmsConsoleModule } from './console/hsms-console.module.js';
export { HSMS_CONSOLE_OPTIONS } from './console/hsms-console.module-definition.js';
export { HsmsConsoleService } from './console/hsms-console.service.js';
