import type { SecsMessage } from '@app/hsms';

/** One tool event as a fab service receives it from the stream. */
export interface GatewayEvent {
  /**
   * The idempotency key: the JetStream message id the gateway published with (equipment, SxFy and
   * the tool's DATAID or a hash of the body), identical for every re-send and redelivery of the
   * same event. Keep the ids you have applied and skip a repeat.
   */
  readonly id: string;
  readonly equipment: string;
  /** 'S6F11' */
  readonly streamFunction: string;
  /** The tool's primary as received (body decoded on first access). */
  readonly message: SecsMessage;
  /** Position in the stream: increasing per equipment in publish order. */
  readonly streamSequence: number;
  /** 1 on first delivery; more when the consumer did not ack in time (crash, handler error). */
  readonly deliveryCount: number;
  /** Id of the gateway that received it from the tool. */
  readonly gateway: string;
  /** When that gateway received it (ms since the epoch, fractional). */
  readonly receivedAt: number;
}

/** Handles one event; the event is acknowledged to JetStream when the returned promise resolves. */
export type GatewayEventHandler = (event: GatewayEvent) => void | Promise<void>;
