export { HsmsConsoleModule } from './hsms-console.module.js';
export { HSMS_CONSOLE_OPTIONS } from './hsms-console.module-definition.js';
export { HsmsConsoleService } from './hsms-console.service.js';
export { HsmsConsoleServer } from './hsms-console-server.js';
export { type HsmsConsoleOptions, HsmsConsoleOptionError } from './console-options.js';
export { HsmsConsoleHttpError, HsmsConsoleListenError, type ConsoleErrorBody } from './console-errors.js';
export type { ConsolePeerView, ConsoleCounters, ConsoleGemView } from './peer-view.js';
export type { ConsoleError, ConsoleEventReport, ConsoleAlarm, ConsoleStatusVariable } from './peer-activity.js';
export type { TraceRecord, TraceDirection } from './trace-entry.js';
