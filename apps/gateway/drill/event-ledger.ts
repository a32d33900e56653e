// What the drill's consumer saw, per tool, checked against what the tools had acknowledged:
// lost, duplicated (one tool event stored twice in the stream), redelivered, reordered.
import { performance } from 'node:perf_hooks';
import type { GatewayEvent } from '@app/gateway-client';
import { readToolEvent } from '../testing/resending-tool.js';

interface ToolLedger {
  /** tool event number -> the stream sequence it was first delivered at */
  readonly seen: Map<number, number>;
  highest: number;
}

export interface LedgerSummary {
  delivered: number;
  lost: number;
  duplicatesAfterDedup: number;
  redeliveries: number;
  reordered: number;
}

export class EventLedger {
  private readonly tools = new Map<string, ToolLedger>();
  private duplicates = 0;
  private redelivered = 0;
  private reorders = 0;
  private deliveredCount = 0;
  /** Tool-to-consumer latencies (ms) of first deliveries, in arrival order. */
  readonly latenciesMs: number[] = [];

  record(event: GatewayEvent): void {
    const content = readToolEvent(event.message);
    if (!content) return;
    let ledger = this.tools.get(event.equipment);
    if (!ledger) {
      ledger = { seen: new Map(), highest: 0 };
      this.tools.set(event.equipment, ledger);
    }
    const first = ledger.seen.get(content.seq);
    if (first !== undefined) {
      // the same stream message again is a redelivery; another stream message is a duplicate the message id did not catch
      if (first === event.streamSequence) this.redelivered++;
      else this.duplicates++;
      return;
    }
    ledger.seen.set(content.seq, event.streamSequence);
    this.deliveredCount++;
    if (content.seq < ledger.highest) this.reorders++;
    ledger.highest = Math.max(ledger.highest, content.seq);
    this.latenciesMs.push(performance.timeOrigin + performance.now() - content.raisedAt);
  }

  get delivered(): number {
    return this.deliveredCount;
  }

  /** Compares with each tool's acknowledged count (a tool's acks are in order: events 1..acked). */
  summary(acked: ReadonlyMap<string, number>): LedgerSummary {
    let lost = 0;
    for (const [tool, count] of acked) {
      const seen = this.tools.get(tool)?.seen;
      for (let seq = 1; seq <= count; seq++) if (!seen?.has(seq)) lost++;
    }
    return {
      delivered: this.deliveredCount,
      lost,
      duplicatesAfterDedup: this.duplicates,
      redeliveries: this.redelivered,
      reordered: this.reorders,
    };
  }
}
