import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { EventReportReading, IdReading } from '../../secs/catalogue/index.js';
import type { CollectionEventReport } from '../gem-host.events.js';
import { idKey, type GemId } from '../gem-id.js';

/** A variable to subscribe: its VID, optionally with the name its value is reported under. */
export type SubscribedVariable = GemId | { readonly vid: GemId; readonly name: string };

/** A collection event this host subscribed: the report it defined for it. */
export interface CollectionEventSubscription {
  readonly ceid: GemId;
  readonly rptid: GemId;
  readonly vids: readonly GemId[];
  /** The name of each VID's value in CollectionEventReport.values, in VID order. */
  readonly names: readonly string[];
}

/** The host's subscriptions, by CEID and by RPTID, and the decoding of S6F11 with them. */
export class SubscriptionTable {
  private readonly byEvent = new Map<string, CollectionEventSubscription>();
  private readonly byReport = new Map<string, CollectionEventSubscription>();

  static subscription(ceid: GemId, rptid: GemId, variables: readonly SubscribedVariable[]): CollectionEventSubscription {
    const vids = variables.map((v) => (typeof v === 'object' ? v.vid : v));
    const names = variables.map((v) => (typeof v === 'object' ? v.name : String(v)));
    return { ceid, rptid, vids, names };
  }

  add(subscription: CollectionEventSubscription): void {
    this.byEvent.set(idKey(subscription.ceid), subscription);
    this.byReport.set(idKey(subscription.rptid), subscription);
  }

  get(ceid: GemId): CollectionEventSubscription | undefined {
    return this.byEvent.get(idKey(ceid));
  }

  remove(ceid: GemId): CollectionEventSubscription | undefined {
    const subscription = this.byEvent.get(idKey(ceid));
    if (subscription === undefined) return undefined;
    this.byEvent.delete(idKey(ceid));
    this.byReport.delete(idKey(subscription.rptid));
    return subscription;
  }

  clear(): void {
    this.byEvent.clear();
    this.byReport.clear();
  }

  get all(): CollectionEventSubscription[] {
    return [...this.byEvent.values()];
  }

  /** Whether a RPTID is one of ours. */
  hasReport(rptid: GemId | IdReading): boolean {
    return this.byReport.has(idKey(rptid));
  }

  /** The received report with the values of our reports by name. */
  decode(reading: EventReportReading): CollectionEventReport {
    const values: Record<string, SecsItem> = {};
    for (const report of reading.reports) {
      const subscription = this.byReport.get(idKey(report.rptid));
      if (subscription === undefined) continue;
      subscription.names.forEach((name, i) => {
        const value = report.values[i];
        if (value !== undefined) values[name] = value;
      });
    }
    return { ceid: reading.ceid, dataId: reading.dataId, reports: reading.reports, values };
  }
}
