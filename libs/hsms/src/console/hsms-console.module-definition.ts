import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { HsmsConsoleOptions } from './console-options.js';

export const {
  ConfigurableModuleClass: HsmsConsoleConfigurableModule,
  MODULE_OPTIONS_TOKEN: HSMS_CONSOLE_OPTIONS,
  OPTIONS_TYPE: HSMS_CONSOLE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: HSMS_CONSOLE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<HsmsConsoleOptions>({ moduleName: 'HsmsConsole' }).setClassMethodName('forRoot').build();
