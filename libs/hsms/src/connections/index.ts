// The connections layer's public names (design/README.md): sockets, framing, T5 and T8.
export * from './connection-errors.js';
export type { HsmsCloseCause, HsmsConnectionDelegate } from './hsms-connection-delegate.js';
export * from './hsms-options.js';
export { type HsmsQueueFullPolicy, type HsmsSendQueueOptions, resolveQueueFullPolicy } from './send-queue-options.js';
export { LeveledLogger, SILENT_LOGGER, type HsmsLogger, type HsmsLogLevel } from './hsms-logger.js';
export { HsmsConnection } from './hsms-connection.js';
export { HsmsActiveConnection, type HsmsActiveOptions } from './hsms-active-connection.js';
export { HsmsPassiveConnection, type HsmsPassiveOptions } from './hsms-passive-connection.js';
export { HsmsMultiPassiveServer, type HsmsMultiPassiveServerOptions } from './hsms-multi-passive-server.js';
export { HsmsMultiPassiveConnection } from './hsms-multi-passive-connection.js';
export type { HsmsTlsOptions, HsmsPem } from './tls-options.js';
export { type HsmsTraceOptions, DEFAULT_TRACE_OPTIONS } from './trace-options.js';
export type { HsmsListenerSecurityOptions } from './listener-security.js';
export { type HsmsConnectRateLimit, DEFAULT_CONNECT_RATE_LIMIT } from './connect-rate-limiter.js';
export { type HsmsNotSelectedBackoff, DEFAULT_NOT_SELECTED_BACKOFF } from './not-selected-backoff.js';
