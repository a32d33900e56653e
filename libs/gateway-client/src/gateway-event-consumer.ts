import { AckPolicy, type ConsumerMessages, DeliverPolicy, type JsMsg, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { GatewayConfigError, GatewayInvalidEventError } from './gateway-errors.js';
import type { GatewayEvent, GatewayEventHandler } from './gateway-event.js';
import { ensureEventStream } from './event-stream.js';
import { equipmentEventFilter, GATEWAY_EVENT_STREAM, GatewayHeader } from './gateway-subjects.js';
import { secsFromNats } from './secs-wire.js';

export interface GatewayEventConsumerOptions {
  /** Durable consumer name: a restarted service continues where the last ack left off. */
  durable: string;
  /** Stream name. Default HSMS_EVENTS. */
  stream?: string;
  /** Only this equipment's events (NATS 2.9 takes one filter subject per consumer). Default: all. */
  equipment?: string;
  /**
   * Unacknowledged events at most. Default 1: strict per-equipment order even across a crash of
   * this service (the one unacked event is redelivered before anything after it). Higher values
   * are faster; events are still handled one at a time in stream order, but after a crash of this
   * service the unacked ones come back after AckWait, behind newer ones.
   */
  maxAckPending?: number;
  /** Redelivery after this long without an ack (ms). Default 30,000. */
  ackWaitMs?: number;
  /** Pull batch size. Default 100. */
  batch?: number;
  /** A handler that throws gets its event redelivered after this delay (ms). Default 1,000. */
  retryDelayMs?: number;
  /** Where a new durable starts. Default 'all'. */
  deliver?: 'all' | 'new';
  /** Told of handler failures and malformed messages (a logger's warn, say). Default: silent. */
  onError?: (error: unknown, message: JsMsg) => void;
}

/**
 * A durable pull consumer of the tool-event stream: at-least-once (an event is acked only after
 * the handler's promise resolves), one event at a time in stream order (so per-equipment order is
 * the tools' order), every event with its idempotency key (GatewayEvent.id).
 */
export class GatewayEventConsumer {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> = Promise.resolve();
  private stopped = false;
  private handledCount = 0;

  private constructor(
    private readonly options: GatewayEventConsumerOptions,
    private readonly handler: GatewayEventHandler,
  ) {}

  /** Creates (or updates) the durable consumer and starts delivering to `handler`. */
  static async start(
    nc: NatsConnection,
    options: GatewayEventConsumerOptions,
    handler: GatewayEventHandler,
  ): Promise<GatewayEventConsumer> {
    if (!/^[A-Za-z0-9_-]+$/.test(options.durable))
      throw new GatewayConfigError('durable', `use letters, digits, '_' and '-', got '${options.durable}'`);
    const self = new GatewayEventConsumer(options, handler);
    const jsm = await jetstreamManager(nc);
    const stream = await ensureEventStream(jsm, { name: options.stream ?? GATEWAY_EVENT_STREAM });
    const config = {
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: options.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      max_ack_pending: options.maxAckPending ?? 1,
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
      ...(options.equipment === undefined ? {} : { filter_subject: equipmentEventFilter(options.equipment) }),
    };
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      // the durable exists (a restart): keep its position, adopt the limits we can change
      await jsm.consumers.update(stream, options.durable, { max_ack_pending: config.max_ack_pending, ack_wait: config.ack_wait });
    }
    const consumer = await jetstream(nc).consumers.get(stream, options.durable);
    self.messages = await consumer.consume({ max_messages: options.batch ?? 100 });
    self.loop = self.run(self.messages);
    return self;
  }

  /** Events handled and acked so far. */
  get handled(): number {
    return this.handledCount;
  }

  /** Stops pulling; the event being handled finishes (and is acked) first. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      if (this.stopped) break; // not acked: redelivered to the next consumer instance
      const event = toEvent(m);
      if (!event) {
        this.options.onError?.(new GatewayInvalidEventError(m.subject, m.seq, 'no SECS-II headers; terminated'), m);
        m.term();
        continue;
      }
      try {
        await this.handler(event);
        m.ack();
        this.handledCount++;
      } catch (error) {
        this.options.onError?.(error, m);
        m.nak(this.options.retryDelayMs ?? 1_000);
      }
    }
  }
}

function toEvent(m: JsMsg): GatewayEvent | undefined {
  const message = secsFromNats(m.headers, m.data);
  const id = m.headers?.get('Nats-Msg-Id');
  const equipment = m.headers?.get(GatewayHeader.Equipment);
  if (!message || !id || !equipment) return undefined;
  return {
    id,
    equipment,
    streamFunction: message.sf,
    message,
    streamSequence: m.seq,
    deliveryCount: m.info.deliveryCount,
    gateway: m.headers?.get(GatewayHeader.Gateway) ?? '',
    receivedAt: Number(m.headers?.get(GatewayHeader.ReceivedAt) ?? 0),
  };
}
