import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FabExampleModule } from './fab-example.module.js';

/** `NATS_URL=nats://127.0.0.1:4222 node dist/apps/gateway/apps/gateway/example/main.js`: logs every tool event once. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(FabExampleModule.forRoot(process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222'), {
    logger: ['log', 'warn', 'error', 'debug'],
  });
  await app.init();
  new Logger('FabExample').log('consuming tool events; Ctrl-C to stop');
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void bootstrap();
