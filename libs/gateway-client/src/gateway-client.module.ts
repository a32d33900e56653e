import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { GatewayClient } from './gateway-client.js';
import type { GatewayEventHandler } from './gateway-event.js';
import { GatewayEventConsumer, type GatewayEventConsumerOptions } from './gateway-event-consumer.js';

/** The NATS connection the module opened (inject it to share it, e.g. for your own JetStream use). */
export const GATEWAY_NATS_CONNECTION = Symbol('GATEWAY_NATS_CONNECTION');

export interface GatewayClientModuleOptions {
  /** NATS servers, e.g. 'nats://127.0.0.1:4222' or a list. */
  servers: string | string[];
  /** Connection name shown by the server's monitoring. */
  name?: string;
  /** Default command deadline (ms). Default 10,000. */
  defaultTimeoutMs?: number;
}

export interface GatewayClientModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => GatewayClientModuleOptions | Promise<GatewayClientModuleOptions>;
}

const OPTIONS = Symbol('GATEWAY_CLIENT_OPTIONS');

/**
 * Starts durable consumers of the tool-event stream for the application and stops them on
 * shutdown, before the module's NATS connection is drained.
 */
@Injectable()
export class GatewayEvents implements OnApplicationShutdown {
  private readonly consumers: GatewayEventConsumer[] = [];

  constructor(@Inject(GATEWAY_NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async consume(options: GatewayEventConsumerOptions, handler: GatewayEventHandler): Promise<GatewayEventConsumer> {
    const consumer = await GatewayEventConsumer.start(this.nc, options, handler);
    this.consumers.push(consumer);
    return consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

const providers: Provider[] = [
  {
    provide: GATEWAY_NATS_CONNECTION,
    inject: [OPTIONS],
    useFactory: (options: GatewayClientModuleOptions): Promise<NatsConnection> =>
      connect({ servers: options.servers, name: options.name ?? 'gateway-client' }),
  },
  {
    provide: GatewayClient,
    inject: [GATEWAY_NATS_CONNECTION, OPTIONS],
    useFactory: (nc: NatsConnection, options: GatewayClientModuleOptions) =>
      new GatewayClient(nc, options.defaultTimeoutMs === undefined ? {} : { defaultTimeoutMs: options.defaultTimeoutMs }),
  },
  GatewayEvents,
];

/**
 * For fab services: `GatewayClientModule.forRoot({ servers })` provides GatewayClient (commands to
 * tools) and GatewayEvents (durable consumers of their events) on one NATS connection.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a decorated class with static forRoot()
export class GatewayClientModule {
  static forRoot(options: GatewayClientModuleOptions): DynamicModule {
    return {
      module: GatewayClientModule,
      providers: [{ provide: OPTIONS, useValue: options }, ...providers],
      exports: [GatewayClient, GatewayEvents, GATEWAY_NATS_CONNECTION],
    };
  }

  static forRootAsync(options: GatewayClientModuleAsyncOptions): DynamicModule {
    return {
      module: GatewayClientModule,
      imports: options.imports ?? [],
      providers: [{ provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory }, ...providers],
      exports: [GatewayClient, GatewayEvents, GATEWAY_NATS_CONNECTION],
    };
  }
}
