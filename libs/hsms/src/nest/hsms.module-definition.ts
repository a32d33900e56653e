import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { HsmsModuleOptions } from './hsms-module-options.js';

/** Extras of forRoot/forRootAsync beside the options themselves. */
export interface HsmsModuleExtras {
  /** Register the module globally. Default false. */
  isGlobal: boolean;
  /**
   * Names of peers injectable with @InjectHsmsPeer(name). forRoot adds every configured peer by
   * itself; forRootAsync cannot know the names before its factory runs, so list them here.
   */
  injectPeers: string[];
}

export const {
  ConfigurableModuleClass: HsmsConfigurableModule,
  MODULE_OPTIONS_TOKEN: HSMS_MODULE_OPTIONS,
  OPTIONS_TYPE: HSMS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: HSMS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<HsmsModuleOptions>({ moduleName: 'Hsms' })
  .setClassMethodName('forRoot')
  .setExtras<HsmsModuleExtras>({ isGlobal: false, injectPeers: [] }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
