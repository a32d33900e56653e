// The Nest path (equipment only): HsmsModule + the HsmsServer transport (createMicroservice), S1F1
// answered by a @MessagePattern('S1F1', HSMS_TRANSPORT) handler. Loads the root entry, Nest included.
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AsyncMicroserviceOptions, MessagePattern } from '@nestjs/microservices';
import { A, HSMS_TRANSPORT, HsmsConnectionManager, HsmsModule, HsmsServer, L, type SecsItem } from '../hsms-root.js';

const S1F2_BODY = L(A('MDLN'), A('SOFTREV'));

@Controller()
class EquipmentController {
  @MessagePattern('S1F1', HSMS_TRANSPORT)
  areYouThere(): SecsItem {
    return S1F2_BODY;
  }
}

@Module({
  imports: [
    HsmsModule.forRoot({
      bindAddress: '127.0.0.1',
      peers: [{ name: 'host', address: '127.0.0.1', port: 0, active: false, role: 'equipment' }],
    }),
  ],
  controllers: [EquipmentController],
})
class EquipmentModule {}

export async function startEquipment(): Promise<number> {
  const app = await NestFactory.createMicroservice<AsyncMicroserviceOptions>(EquipmentModule, {
    inject: [HsmsServer],
    useFactory: (strategy: HsmsServer) => ({ strategy }),
    logger: false,
  });
  await app.listen();
  const port = app.get(HsmsConnectionManager).listeningPort(0);
  if (port === undefined) throw new Error('nest: the multi-passive port is not listening');
  return port;
}
