import type { LoggerService } from '@nestjs/common';
import { headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { HsmsNotSelectedError, type SecsHandler, type SecsMessage } from '@app/hsms';
import {
  equipmentCommandFilter,
  type GatewayErrorCode,
  GatewayHeader,
  type GatewayUnavailableReason,
  secsFromNats,
  secsHeaders,
  secsPayload,
} from '@app/gateway-client';

/** What the responder asks before it lets a command through. */
export interface LeaseCheck {
  holds(equipment: string): boolean;
}

const DEADLINE_PASSED = Symbol('deadline passed');

/**
 * Serves `hsms.cmd.<equipment>.*` for the tools this gateway holds: one core NATS subscription per
 * tool, taken when the lease is acquired and dropped when it is lost, so a request for a tool
 * nobody holds meets "no responders" at once. A command goes to the tool only while the lease is
 * provably held and the session is SELECTED (otherwise a GATEWAY_TOOL_UNAVAILABLE reply at once),
 * never after the caller's deadline, and never twice.
 */
export class ToolCommandResponder {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly leases: LeaseCheck,
    private readonly logger: LoggerService,
  ) {}

  attach(equipment: string, handler: SecsHandler): void {
    this.detach(equipment);
    const subscription = this.nc.subscribe(equipmentCommandFilter(equipment), {
      callback: (error, msg) => {
        if (error) return void this.logger.warn?.(`${equipment}: command subscription failed: ${error.message}`);
        this.answer(equipment, handler, msg).catch((e: unknown) =>
          this.logger.error(`${equipment}: answering a command failed: ${String(e)}`),
        );
      },
    });
    this.subscriptions.set(equipment, subscription);
  }

  detach(equipment: string): void {
    this.subscriptions.get(equipment)?.unsubscribe();
    this.subscriptions.delete(equipment);
  }

  private async answer(equipment: string, handler: SecsHandler, msg: Msg): Promise<void> {
    if (!msg.reply) return; // a command is request/reply: a plain publish has nobody to answer and is not forwarded
    const deadline = Number(msg.headers?.get(GatewayHeader.Deadline));
    const remaining = Number.isFinite(deadline) ? deadline - Date.now() : Number.POSITIVE_INFINITY;
    if (remaining <= 0) return; // the caller has given up: acting now would act for nobody
    const command = secsFromNats(msg.headers, msg.data);
    const sf = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    if (!command || command.sf !== sf || !command.isPrimary || !command.wBit) {
      return replyError(msg, 'GATEWAY_INVALID_COMMAND', `${msg.subject}: expected a W-bit primary ${sf} with the Hsms-Sf header`);
    }
    if (!this.leases.holds(equipment)) return replyUnavailable(msg, 'lease-lost', 'this gateway is letting the tool go');
    if (!handler.selected) return replyUnavailable(msg, 'not-selected', `the link is ${handler.state}`);
    let reply: SecsMessage | typeof DEADLINE_PASSED;
    try {
      reply = await withDeadline(handler.sendAndWaitForResponse(command), remaining);
    } catch (error) {
      if (error instanceof HsmsNotSelectedError) return replyUnavailable(msg, 'not-selected', error.message);
      return replyError(msg, 'GATEWAY_TOOL_REPLY_FAILED', error instanceof Error ? error.message : String(error));
    }
    if (reply === DEADLINE_PASSED) return; // the caller has its timeout error already
    msg.respond(secsPayload(reply), { headers: secsHeaders(reply) });
  }
}

function replyUnavailable(msg: Msg, reason: GatewayUnavailableReason, text: string): void {
  const headers = natsHeaders();
  headers.set(GatewayHeader.ErrorReason, reason);
  replyError(msg, 'GATEWAY_TOOL_UNAVAILABLE', text, headers);
}

function replyError(msg: Msg, code: GatewayErrorCode, text: string, headers = natsHeaders()): void {
  headers.set(GatewayHeader.ErrorCode, code);
  headers.set(GatewayHeader.ErrorMessage, text.replace(/[\r\n]+/g, ' '));
  msg.respond(new Uint8Array(0), { headers });
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof DEADLINE_PASSED> {
  if (!Number.isFinite(ms)) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof DEADLINE_PASSED>((resolve) => {
    timer = setTimeout(() => resolve(DEADLINE_PASSED), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
