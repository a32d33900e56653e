import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  A,
  B,
  HSMS_TRANSPORT,
  HsmsContext,
  HsmsEventPattern,
  L,
  parseS6F11,
  parseS10F1,
  S1F14,
  S6F12,
  S10F2,
  type HsmsConnectionEvent,
  type HsmsLifecycleEvent,
  type SecsItem,
  type SecsMessage,
} from '@app/hsms';

/**
 * Messages from peers without the GEM state models (litho-1) arrive here as Nest patterns; the
 * GEM peer (etcher-1) answers its own and reports through 'gem.*' events.
 */
@Controller()
export class ToolController {
  private readonly logger = new Logger('ToolController');

  /** E30: answer the tool's Establish Communications Request. */
  @MessagePattern('S1F13', HSMS_TRANSPORT)
  establishCommunications(): SecsMessage {
    return S1F14({ commack: 0, mdln: '', softrev: '' });
  }

  /** A collection event from a tool: log it and acknowledge (ACKC6 0). */
  @MessagePattern('S6F11', HSMS_TRANSPORT)
  collectionEvent(@Payload() body: SecsItem, @Ctx() ctx: HsmsContext): SecsMessage {
    const event = parseS6F11(body);
    this.logger.log(`${ctx.getPeer()}: collection event ${String(event.ceid)} with ${event.reports.length} report(s)`);
    return S6F12(0);
  }

  /** Alarms from non-GEM peers: acknowledged with ACKC5 0. */
  @MessagePattern('S5F1', HSMS_TRANSPORT)
  alarm(@Payload() body: SecsItem, @Ctx() ctx: HsmsContext): SecsItem {
    this.logger.warn(`${ctx.getPeer()}: alarm ${body.toSml()}`);
    return B(0);
  }

  /** Terminal text from a tool's operator (S10F1): shown in the log and accepted (ACKC10 0). */
  @MessagePattern('S10F1', HSMS_TRANSPORT)
  terminalText(@Payload() body: SecsItem, @Ctx() ctx: HsmsContext): SecsMessage {
    const { tid, text } = parseS10F1(body);
    this.logger.log(`${ctx.getPeer()}: terminal ${String(tid)}: ${text}`);
    return S10F2(0);
  }

  /** Are You There, asked by a tool. */
  @MessagePattern('S1F1', HSMS_TRANSPORT)
  areYouThere(): SecsItem {
    return L(A('SAMPLEHOST'), A('1.0.0'));
  }

  @EventPattern(HsmsEventPattern.Selected, HSMS_TRANSPORT)
  selected(@Payload() event: HsmsConnectionEvent): void {
    this.logger.log(`${event.peer}: selected`);
  }

  @EventPattern(HsmsEventPattern.ConnectionClosed, HSMS_TRANSPORT)
  closed(@Payload() event: HsmsLifecycleEvent<'hsms.connection.closed'>): void {
    this.logger.log(`${event.peer}: connection closed (${event.cause})`);
  }

  @EventPattern(HsmsEventPattern.GemCollectionEvent, HSMS_TRANSPORT)
  gemCollectionEvent(@Payload() event: HsmsLifecycleEvent<'gem.collection_event'>): void {
    this.logger.log(`${event.peer}: GEM collection event ${JSON.stringify(event.collectionEvent, bigintSafe)}`);
  }

  @EventPattern(HsmsEventPattern.GemAlarm, HSMS_TRANSPORT)
  gemAlarm(@Payload() event: HsmsLifecycleEvent<'gem.alarm'>): void {
    this.logger.warn(`${event.peer}: GEM alarm ${JSON.stringify(event.alarm, bigintSafe)}`);
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && 'toSml' in value && typeof value.toSml === 'function') return (value.toSml as () => string)();
  return value;
}
