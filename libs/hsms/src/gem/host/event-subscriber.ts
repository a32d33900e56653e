import type { SecsMessage } from '../../protocol/secs-message.js';
import {
  parseS2F34,
  parseS2F36,
  parseS2F38,
  S2F33,
  S2F35,
  S2F37,
  type BuildOptions,
  type ParseOptions,
  type SecsCatalogue,
} from '../../secs/catalogue/index.js';
import { GemRequestDeniedError } from '../gem-errors.js';
import type { GemId } from '../gem-id.js';
import { SubscriptionTable, type CollectionEventSubscription, type SubscribedVariable } from './subscription-table.js';

export interface SubscribeOptions {
  /** The RPTID to define; by default the next free one from firstReportId. */
  readonly rptid?: GemId;
  /** DATAID of the S2F33 and S2F35; by default a counter. */
  readonly dataId?: number;
}

/** What the subscriber needs of its handler. */
export interface SubscriberLinks {
  request(message: SecsMessage, what: string): Promise<SecsMessage>;
  readonly build: BuildOptions;
  readonly parse: ParseOptions;
  readonly catalogue: SecsCatalogue;
}

/**
 * E30 dynamic event report setup from the host: one call defines a report (S2F33), links it to the
 * event (S2F35) and enables the event (S2F37). A refused step undoes the steps before it (best
 * effort) and fails with GemRequestDeniedError carrying the equipment's code.
 */
export class EventSubscriber {
  readonly table = new SubscriptionTable();
  private nextReportId: number;
  private nextDataId = 1;

  constructor(
    private readonly links: SubscriberLinks,
    firstReportId: number,
  ) {
    this.nextReportId = firstReportId;
  }

  async subscribe(
    ceid: GemId,
    variables: readonly SubscribedVariable[],
    options: SubscribeOptions = {},
  ): Promise<CollectionEventSubscription> {
    const subscription = SubscriptionTable.subscription(ceid, options.rptid ?? this.freeReportId(), variables);
    const dataId = options.dataId ?? this.dataId();
    const { rptid, vids } = subscription;
    await this.step('DRACK', S2F33({ dataId, reports: [{ rptid, vids }] }, this.links.build), parseS2F34);
    let linked = false;
    try {
      await this.step('LRACK', S2F35({ dataId, links: [{ ceid, rptids: [rptid] }] }, this.links.build), parseS2F36);
      linked = true;
      await this.step('ERACK', S2F37({ enable: true, ceids: [ceid] }, this.links.build), parseS2F38);
    } catch (error) {
      await this.undo(ceid, rptid, linked);
      throw error;
    }
    this.table.add(subscription);
    return subscription;
  }

  /** Disables the event, unlinks and deletes our report. False when this host never subscribed it. */
  async unsubscribe(ceid: GemId): Promise<boolean> {
    const subscription = this.table.get(ceid);
    if (subscription === undefined) return false;
    await this.step('ERACK', S2F37({ enable: false, ceids: [ceid] }, this.links.build), parseS2F38);
    await this.step('LRACK', S2F35({ dataId: this.dataId(), links: [{ ceid, rptids: [] }] }, this.links.build), parseS2F36);
    await this.step(
      'DRACK',
      S2F33({ dataId: this.dataId(), reports: [{ rptid: subscription.rptid, vids: [] }] }, this.links.build),
      parseS2F34,
    );
    this.table.remove(ceid);
    return true;
  }

  /** Disables every event and deletes every report (E30: with their links): S2F37 <L[0]> and S2F33 <L[2] DATAID <L[0]>>. */
  async clear(): Promise<void> {
    await this.step('ERACK', S2F37({ enable: false, ceids: [] }, this.links.build), parseS2F38);
    await this.step('DRACK', S2F33({ dataId: this.dataId(), reports: [] }, this.links.build), parseS2F34);
    this.table.clear();
  }

  private async step(ackName: string, message: SecsMessage, parse: (reply: SecsMessage, options?: ParseOptions) => number): Promise<void> {
    const code = parse(await this.links.request(message, `send ${message.sf}`), this.links.parse);
    if (code !== 0) throw new GemRequestDeniedError(message.sf, ackName, code, this.links.catalogue.constantName(ackName, code));
  }

  private async undo(ceid: GemId, rptid: GemId, linked: boolean): Promise<void> {
    try {
      if (linked) await this.links.request(S2F35({ dataId: this.dataId(), links: [{ ceid, rptids: [] }] }, this.links.build), 'undo S2F35');
      await this.links.request(S2F33({ dataId: this.dataId(), reports: [{ rptid, vids: [] }] }, this.links.build), 'undo S2F33');
    } catch {
      // best effort: the step that failed already says what went wrong
    }
  }

  private freeReportId(): number {
    while (this.table.hasReport(this.nextReportId)) this.nextReportId++;
    return this.nextReportId++;
  }

  private dataId(): number {
    const id = this.nextDataId;
    this.nextDataId = (this.nextDataId % 0xffff_ffff) + 1;
    return id;
  }
}
