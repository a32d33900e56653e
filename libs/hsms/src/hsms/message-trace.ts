import type { LeveledLogger } from '../connections/hsms-logger.js';
import type { ResolvedTraceOptions } from '../connections/trace-options.js';
import type { ItemDecodeLimits } from '../protocol/items/item-decoder.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { describePacket } from './packet-description.js';

const WINDOW_MS = 1000;

/**
 * The verbose trace of one peer's packets ('received ...' / 'sent ...'), bounded per message by
 * the trace options (values, characters, body bytes decoded: see describePacket) and per second
 * (perSecond lines; the rest are counted, and the count is written when the next second starts or
 * at flush()). Built only when the logger has verbose on: otherwise every call is one branch.
 */
export class MessageTrace {
  private windowStart = Number.NEGATIVE_INFINITY;
  private written = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: LeveledLogger,
    private readonly options: ResolvedTraceOptions,
    private readonly decodeLimits: ItemDecodeLimits,
  ) {}

  received(packet: HsmsPacket): void {
    this.trace('received', packet);
  }

  sent(packet: HsmsPacket): void {
    this.trace('sent', packet);
  }

  /** Writes the count of lines left out so far, if any. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dropped === 0) return;
    this.logger.verbose(() => `${this.dropped} message trace line(s) left out (over trace.perSecond ${this.options.perSecond})`);
    this.dropped = 0;
  }

  private trace(direction: 'received' | 'sent', packet: HsmsPacket): void {
    const now = performance.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.flush();
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written >= this.options.perSecond) {
      this.dropped++;
      this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.windowStart + WINDOW_MS - now)).unref();
      return;
    }
    this.written++;
    this.logger.verbose(() => `${direction} ${describePacket(packet, this.options, this.decodeLimits)}`);
  }
}
