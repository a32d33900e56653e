import { performance } from 'node:perf_hooks';
import type { LoggerService } from '@nestjs/common';
import type { JetStreamClient } from '@nats-io/jetstream';
import { B, SecsAbortError, type SecsHandler, type SecsMessage, type SecsReply } from '@app/hsms';
import { eventSubject, GatewayHeader, parseStreamFunction, secsHeaders } from '@app/gateway-client';
import { eventMessageId } from './event-message-id.js';

export interface ForwarderSettings {
  gatewayId: string;
  /** 'S6F11', 'S5F1', ...: the primaries published. */
  primaries: readonly string[];
  publishTimeoutMs: number;
}

/** One tool's publishing queue. */
interface ToolQueue {
  readonly equipment: string;
  readonly uniqueDataIds: boolean;
  tail: Promise<unknown>;
  pending: number;
  /** A publish failed: every event queued behind it fails too, so a later one can never be stored before it. */
  failed: boolean;
}

/**
 * Publishes a tool's event primaries to JetStream and answers the tool only after the PubAck.
 *
 * Per tool, publishes run one after another in arrival order (each waits for the PubAck of the one
 * before), so the stream holds a tool's events in the tool's order. The tool's reply (ACKC 0, e.g.
 * S6F12 <B 0>) is the callback's promise, sent when the PubAck arrives; a gateway that dies first
 * never acknowledges, and the tool re-sends. A publish that fails (NATS down, no PubAck within
 * publishTimeoutMs) answers SxF0, and so does every event queued behind it until the queue is
 * empty: the tool re-sends them in order, and the message id makes any already stored a no-op.
 */
export class ToolEventForwarder {
  constructor(
    private readonly js: JetStreamClient,
    private readonly settings: ForwarderSettings,
    private readonly logger: LoggerService,
  ) {}

  /** Routes the tool's event primaries through JetStream. */
  attach(equipment: string, handler: SecsHandler, uniqueDataIds: boolean): void {
    const queue: ToolQueue = { equipment, uniqueDataIds, tail: Promise.resolve(), pending: 0, failed: false };
    for (const sf of this.settings.primaries) {
      const [stream, fn] = parseStreamFunction(sf)!;
      handler.registerStreamFunction(stream, fn, (message) => this.enqueue(queue, message));
    }
  }

  private enqueue(queue: ToolQueue, message: SecsMessage): Promise<SecsReply> {
    const receivedAt = performance.timeOrigin + performance.now();
    queue.pending++;
    const published = queue.tail.then(() => this.publish(queue, message, receivedAt));
    queue.tail = published
      .catch(() => undefined)
      .finally(() => {
        if (--queue.pending === 0) queue.failed = false;
      });
    return published.then(() => (message.wBit ? B(0) : undefined));
  }

  private async publish(queue: ToolQueue, message: SecsMessage, receivedAt: number): Promise<void> {
    if (queue.failed) throw new SecsAbortError(`${queue.equipment}: ${message.sf} not published: an earlier event of this tool failed`);
    const headers = secsHeaders(message);
    headers.set(GatewayHeader.Equipment, queue.equipment);
    headers.set(GatewayHeader.Gateway, this.settings.gatewayId);
    headers.set(GatewayHeader.ReceivedAt, receivedAt.toFixed(3));
    try {
      await this.js.publish(eventSubject(queue.equipment, message.sf), message.encodeBody(), {
        msgID: eventMessageId(queue.equipment, message, queue.uniqueDataIds),
        headers,
        timeout: this.settings.publishTimeoutMs,
      });
    } catch (error) {
      queue.failed = true;
      const text = error instanceof Error ? error.message : String(error);
      this.logger.warn?.(`${queue.equipment}: ${message.sf} not published (${text}); answering SxF0 so the tool keeps it`);
      throw new SecsAbortError(`${queue.equipment}: ${message.sf} not published: ${text}`, { cause: error });
    }
  }
}
