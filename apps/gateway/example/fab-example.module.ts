import { type DynamicModule, Module } from '@nestjs/common';
import { GatewayClientModule } from '@app/gateway-client';
import { FAB_EXAMPLE_OPTIONS, type FabExampleOptions, FabEventsService } from './fab-events.service.js';

/** A small fab service on the gateway cluster: consumes tool events and sends commands. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a decorated class with static forRoot()
export class FabExampleModule {
  static forRoot(servers: string | string[], options: FabExampleOptions = { durable: 'fab-example' }): DynamicModule {
    return {
      module: FabExampleModule,
      imports: [GatewayClientModule.forRoot({ servers, name: `fab-example-${options.durable}` })],
      providers: [{ provide: FAB_EXAMPLE_OPTIONS, useValue: options }, FabEventsService],
      exports: [FabEventsService],
    };
  }
}
