// The client library for fab services talking to tools through the HSMS gateway cluster: commands
// (GatewayClient), events (GatewayEventConsumer), the Nest module, and the wire contract.
export * from './gateway-subjects.js';
export * from './gateway-errors.js';
export * from './gateway-event.js';
export { GatewayClient, type GatewayClientOptions, type GatewayCommandOptions } from './gateway-client.js';
export { GatewayEventConsumer, type GatewayEventConsumerOptions } from './gateway-event-consumer.js';
export { ensureEventStream, type EventStreamOptions } from './event-stream.js';
export { secsFromNats, secsHeaders, secsPayload, parseStreamFunction } from './secs-wire.js';
export {
  GATEWAY_NATS_CONNECTION,
  GatewayClientModule,
  GatewayEvents,
  type GatewayClientModuleAsyncOptions,
  type GatewayClientModuleOptions,
} from './gateway-client.module.js';
