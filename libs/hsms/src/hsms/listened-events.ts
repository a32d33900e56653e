import type { EventEmitter } from 'node:events';

/** The events a peer emits per message: whether anyone listens is kept, not asked per message. */
export type PerMessageEvent = 'packet' | 'sent' | 'message' | 'primary';

const PER_MESSAGE: ReadonlySet<string> = new Set<PerMessageEvent>(['packet', 'sent', 'message', 'primary']);

/**
 * Whether each per-message event has a listener, kept current by the emitter's 'newListener' and
 * 'removeListener' events. A listenerCount() call per event per message was measurable on a
 * pipelined peer (issue 10); these are plain field reads.
 */
export class ListenedEvents {
  packet = false;
  sent = false;
  message = false;
  primary = false;
  private readonly added = (event: string | symbol): void => {
    if (typeof event === 'string' && PER_MESSAGE.has(event)) this[event as PerMessageEvent] = true;
  };
  private readonly removed = (event: string | symbol): void => {
    if (typeof event === 'string' && PER_MESSAGE.has(event)) this[event as PerMessageEvent] = this.emitter.listenerCount(event) > 0;
  };

  constructor(private readonly emitter: EventEmitter) {
    this.watch();
  }

  /**
   * Installs the two hooks (again: removeAllListeners() also removes them) and reads the counts.
   * Idempotent: the hooks are never installed twice.
   */
  watch(): void {
    this.emitter.off('newListener', this.added).off('removeListener', this.removed);
    this.emitter.on('newListener', this.added).on('removeListener', this.removed);
    for (const event of PER_MESSAGE) this[event as PerMessageEvent] = this.emitter.listenerCount(event) > 0;
  }
}
