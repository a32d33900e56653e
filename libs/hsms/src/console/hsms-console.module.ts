import { Module } from '@nestjs/common';
import { HsmsConsoleConfigurableModule } from './hsms-console.module-definition.js';
import { HsmsConsoleService } from './hsms-console.service.js';

/**
 * The live web console of an HSMS Nest app: `HsmsConsoleModule.forRoot({ port: 3000 })` or
 * `forRootAsync({ imports, inject, useFactory })` beside HsmsModule. It serves its own small
 * HTTP server (node:http), so it works the same in a microservice-only app (createMicroservice)
 * and in a hybrid HTTP app, and needs no HTTP platform package.
 */
@Module({
  providers: [HsmsConsoleService],
  exports: [HsmsConsoleService],
})
export class HsmsConsoleModule extends HsmsConsoleConfigurableModule {}
