import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { HSMS_TRANSPORT } from './hsms.constants.js';
import type { HsmsClientPattern } from './hsms.client.js';

/** A message pattern: 'S1F3' for any peer, or `{ peer, sf }` for one peer (tried first). */
export type HsmsMessagePatternValue = string | HsmsClientPattern;

/**
 * `@MessagePattern(pattern, HSMS_TRANSPORT)` in one word. The reply is the handler's value.
 */
export function HsmsMessageHandler(pattern: HsmsMessagePatternValue): MethodDecorator {
  return MessagePattern(pattern, HSMS_TRANSPORT);
}

/**
 * `@EventPattern(pattern, HSMS_TRANSPORT)` for messages without W-bit and lifecycle events
 * ('hsms.selected' ...). Unlike Nest 12's typed EventPattern overload, it lets the handler take a
 * typed `@Ctx() ctx: HsmsContext` second parameter.
 */
export function HsmsEventHandler(pattern: HsmsMessagePatternValue): MethodDecorator {
  return EventPattern<HsmsMessagePatternValue>(pattern, HSMS_TRANSPORT);
}
