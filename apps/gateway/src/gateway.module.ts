import { type DynamicModule, Module } from '@nestjs/common';
import { HsmsModule } from '@app/hsms';
import { type GatewayConfig, resolveGatewayConfig } from './gateway-config.js';
import { GatewayNats } from './gateway-nats.js';
import { GATEWAY_CONFIG } from './gateway.constants.js';
import { GatewayService } from './gateway.service.js';

/**
 * One gateway instance: `GatewayModule.forRoot(config)`. The HSMS module starts with no peers;
 * GatewayService adds a peer for each tool whose lease it acquires.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a decorated class with static forRoot()
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const resolved = resolveGatewayConfig(config);
    return {
      module: GatewayModule,
      imports: [HsmsModule.forRoot({ ...resolved.hsms, peers: [] })],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: resolved },
        { provide: GatewayNats, useFactory: () => GatewayNats.connect(resolved) },
        GatewayService,
      ],
      exports: [GatewayService],
    };
  }
}
