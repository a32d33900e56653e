import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GatewayModule } from './gateway.module.js';
import { loadGatewayConfig } from './load-gateway-config.js';

/**
 * One gateway of the cluster: `GATEWAY_CONFIG=apps/gateway/config/gateway.yaml GATEWAY_ID=gw-1
 * NATS_URL=nats://127.0.0.1:4222 node dist/apps/gateway/apps/gateway/src/main.js`. SIGTERM/SIGINT
 * separate every tool and hand its lease over; SIGKILL leaves the leases to expire.
 */
async function bootstrap(): Promise<void> {
  const logger = new Logger('Gateway');
  const config = loadGatewayConfig(process.env['GATEWAY_CONFIG'] ?? process.argv[2] ?? 'apps/gateway/config/gateway.yaml');
  const app = await NestFactory.createApplicationContext(GatewayModule.forRoot(config), { bufferLogs: false });
  await app.init();
  logger.log(`gateway ${config.gatewayId} up`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: handing every tool over`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

bootstrap().catch((error: unknown) => {
  new Logger('Gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
