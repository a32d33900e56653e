import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AsyncMicroserviceOptions } from '@nestjs/microservices';
import { EquipmentSimulator, HsmsServer } from '@app/hsms';
import { AppModule } from './app.module.js';
import { loadSampleConfig } from './sample-config.js';

/**
 * The sample host: a Nest microservice on the HSMS transport (the DI-provided HsmsServer, so it
 * shares the module's connection manager), plus the embedded equipment simulator when the config
 * asks for it. Ctrl-C separates every link and closes every socket.
 */
async function bootstrap(): Promise<void> {
  const logger = new Logger('Sample');
  const config = loadSampleConfig();
  const simulators = ((config.simulator.enabled ?? true) ? (config.simulator.equipment ?? []) : []).map(
    (equipment) => new EquipmentSimulator({ ...equipment, logger: new Logger('Simulator') }),
  );
  await Promise.all(simulators.map((s) => s.start()));

  const app = await NestFactory.createMicroservice<AsyncMicroserviceOptions>(AppModule, {
    inject: [HsmsServer],
    useFactory: (strategy: HsmsServer) => ({ strategy }),
  });
  await app.listen();
  logger.log(`listening; ${simulators.length} simulated tool(s) running. Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: separating and closing`);
    await app.close();
    await Promise.all(simulators.map((s) => s.stop()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

bootstrap().catch((error: unknown) => {
  new Logger('Sample').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
