import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecsMessage } from '@app/hsms';
import { type GatewayEvent, GatewayClient, GatewayEvents } from '@app/gateway-client';

export const FAB_EXAMPLE_OPTIONS = Symbol('FAB_EXAMPLE_OPTIONS');

export interface FabExampleOptions {
  /** Durable consumer name: one per service (instances of one service share it). */
  durable: string;
}

/** What the example keeps per equipment. In a real service this lives in its database, in the same transaction as the effect. */
interface EquipmentProgress {
  lastSequence: number;
  events: number;
}

/**
 * The consumer side of a fab service: every tool event exactly once in effect, in each tool's
 * order, although JetStream delivers at least once.
 *
 * The stream holds each event once (the gateways publish with a message id), so a repeat can only
 * be a redelivery of an event this service handled but did not ack in time, and it carries the
 * same stream sequence. Keeping the last applied sequence per equipment (one number each, stored
 * with the effect) is therefore enough to skip it; GatewayEvent.id is the same idea as a key, for
 * stores that prefer a unique constraint.
 */
@Injectable()
export class FabEventsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FabEvents');
  private readonly progress = new Map<string, EquipmentProgress>();
  /** Redeliveries skipped. */
  skipped = 0;

  constructor(
    private readonly events: GatewayEvents,
    private readonly client: GatewayClient,
    @Inject(FAB_EXAMPLE_OPTIONS) private readonly options: FabExampleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.events.consume({ durable: this.options.durable, onError: (e) => this.logger.warn(String(e)) }, (event) => this.apply(event));
  }

  /** Events applied per equipment so far. */
  applied(equipment: string): number {
    return this.progress.get(equipment)?.events ?? 0;
  }

  /** Asks a tool whether it is there (S1F1 -> S1F2) through whichever gateway holds it. */
  areYouThere(equipment: string, timeoutMs = 5_000): Promise<SecsMessage> {
    return this.client.command(equipment, new SecsMessage(1, 1, true), { timeoutMs });
  }

  private apply(event: GatewayEvent): void {
    const progress = this.progress.get(event.equipment) ?? { lastSequence: 0, events: 0 };
    if (event.streamSequence <= progress.lastSequence) {
      this.skipped++;
      return; // a redelivery of what was applied: ack it again, do nothing
    }
    // the application's effect would go here (store the report, update the lot, raise an alarm ...)
    progress.lastSequence = event.streamSequence;
    progress.events++;
    this.progress.set(event.equipment, progress);
    this.logger.debug?.(`${event.equipment}: ${event.streamFunction} #${event.streamSequence} (${event.id})`);
  }
}
