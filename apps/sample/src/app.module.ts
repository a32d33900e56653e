import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { HsmsModule, type HsmsModuleOptions } from '@app/hsms';
import { FabService } from './fab.service.js';
import { loadSampleConfig } from './sample-config.js';
import { ToolController } from './tool.controller.js';

/** The sample host: peers from the YAML config (HSMS_CONFIG), one controller, one service. */
@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ...loadSampleConfig() })] }),
    HsmsModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<HsmsModuleOptions>('hsms'),
    }),
  ],
  controllers: [ToolController],
  providers: [FabService],
})
export class AppModule {}
