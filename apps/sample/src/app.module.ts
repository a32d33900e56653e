import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { HsmsConsoleModule, type HsmsConsoleOptions, HsmsModule, type HsmsModuleOptions } from '@app/hsms';
import { FabService } from './fab.service.js';
import { loadSampleConfig } from './sample-config.js';
import { ToolController } from './tool.controller.js';

/** The sample host: peers from the YAML config (HSMS_CONFIG), one controller, one service, the web console. */
@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ...loadSampleConfig() })] }),
    HsmsModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<HsmsModuleOptions>('hsms'),
    }),
    // The live web console: peers, trace, send box (config 'console'; on by default at :3000).
    HsmsConsoleModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.get<HsmsConsoleOptions>('console') ?? {},
    }),
  ],
  controllers: [ToolController],
  providers: [FabService],
})
export class AppModule {}
