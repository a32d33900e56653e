import type { SecsItem } from '../protocol/items/secs-item.js';
import type { IdReading } from '../secs/catalogue/index.js';
import { idKey } from './gem-id.js';

/** A report as S2F33 defines it; `item` is the RPTID item as the host sent it (echoed in S6F11). */
export interface ReportInput {
  readonly rptid: IdReading;
  readonly item: SecsItem;
  readonly vids: readonly IdReading[];
}

/** A link as S2F35 asks for it. */
export interface LinkInput {
  readonly ceid: IdReading;
  readonly rptids: readonly IdReading[];
}

/** A defined report: its RPTID item and its variables in order. */
export interface DefinedReport {
  readonly rptid: SecsItem;
  readonly vids: readonly IdReading[];
}

/** The table's whole state by id keys (see idKey), for the state store. */
export interface EventReportSnapshot {
  readonly reports: readonly { readonly key: string; readonly rptid: SecsItem; readonly vids: readonly IdReading[] }[];
  readonly links: readonly { readonly ceid: string; readonly rptids: readonly string[] }[];
  readonly enabled: readonly string[];
}

export interface ReportLimits {
  /** Most reports defined at once (DRACK 1 beyond it). */
  readonly reports: number;
  /** Most reports linked to one event (LRACK 1 beyond it). */
  readonly reportsPerEvent: number;
  /** Most VIDs in one report (DRACK 1 beyond it). */
  readonly vidsPerReport: number;
  /** Most VIDs over all reports linked to one event (LRACK 1 beyond it). */
  readonly vidsPerEvent: number;
  /** Most VIDs over all defined reports (DRACK 1 beyond it). */
  readonly vidsTotal: number;
  /** Most bytes of one event report body (checked when it is sent: EquipmentReporter). */
  readonly eventReportBytes: number;
}

// E5 DRACK, LRACK and ERACK codes.
const ACCEPTED = 0;
const INSUFFICIENT_SPACE = 1;
const INVALID_FORMAT = 2;
const DRACK_RPTID_DEFINED = 3;
const DRACK_VID_UNKNOWN = 4;
const LRACK_CEID_LINKED = 3;
const LRACK_CEID_UNKNOWN = 4;
const LRACK_RPTID_UNKNOWN = 5;
const ERACK_CEID_UNKNOWN = 1;

/**
 * E30 dynamic event report configuration: reports (S2F33), their links to collection events
 * (S2F35) and which events are enabled (S2F37). Each request is checked whole and applied only
 * when every part of it is acceptable (E30: a denied request changes nothing).
 */
export class EventReportTable {
  private readonly reports = new Map<string, DefinedReport>();
  /** CEID key -> RPTID keys, in link order. */
  private readonly links = new Map<string, string[]>();
  private readonly enabled = new Set<string>();
  /** VIDs over all defined reports. */
  private vidCount = 0;

  constructor(readonly limits: ReportLimits) {}

  /** S2F33: returns DRACK. No reports deletes every report and every link. */
  defineReports(reports: readonly ReportInput[], isVariable: (vid: IdReading) => boolean): number {
    if (reports.length === 0) {
      this.reports.clear();
      this.links.clear();
      this.vidCount = 0;
      return ACCEPTED;
    }
    const seen = new Set<string>();
    let added = 0;
    for (const report of reports) {
      const key = idKey(report.rptid);
      if (seen.has(key)) return INVALID_FORMAT; // one RPTID twice in one request is not a valid request
      seen.add(key);
      if (report.vids.length === 0) continue; // deletion; deleting an undefined report is harmless
      if (this.reports.has(key)) return DRACK_RPTID_DEFINED;
      // E5 DRACK 1 "insufficient space": one host must not make every later event report huge
      if (report.vids.length > this.limits.vidsPerReport) return INSUFFICIENT_SPACE;
      if (!report.vids.every(isVariable)) return DRACK_VID_UNKNOWN;
      added++;
    }
    const deleted = reports.filter((r) => r.vids.length === 0 && this.reports.has(idKey(r.rptid)));
    if (this.reports.size - deleted.length + added > this.limits.reports) return INSUFFICIENT_SPACE;
    let vids = this.vidCount;
    for (const r of deleted) vids -= this.reports.get(idKey(r.rptid))!.vids.length;
    for (const r of reports) vids += r.vids.length;
    if (vids > this.limits.vidsTotal) return INSUFFICIENT_SPACE; // E5 DRACK 1: all reports together
    this.vidCount = vids;
    for (const report of reports) {
      const key = idKey(report.rptid);
      if (report.vids.length === 0) this.deleteReport(key);
      else this.reports.set(key, { rptid: report.item, vids: [...report.vids] });
    }
    return ACCEPTED;
  }

  /** S2F35: returns LRACK. No RPTIDs unlinks every report from that event. */
  linkReports(links: readonly LinkInput[], isEvent: (ceid: IdReading) => boolean): number {
    const seen = new Set<string>();
    for (const link of links) {
      const key = idKey(link.ceid);
      if (seen.has(key)) return INVALID_FORMAT;
      seen.add(key);
      const rptids = new Set(link.rptids.map(idKey));
      if (rptids.size !== link.rptids.length) return INVALID_FORMAT;
      if (!isEvent(link.ceid)) return LRACK_CEID_UNKNOWN;
      if (link.rptids.length === 0) continue;
      if ((this.links.get(key)?.length ?? 0) > 0) return LRACK_CEID_LINKED;
      if (![...rptids].every((r) => this.reports.has(r))) return LRACK_RPTID_UNKNOWN;
      if (rptids.size > this.limits.reportsPerEvent) return INSUFFICIENT_SPACE;
      // E5 LRACK 1: the event's report would carry more than vidsPerEvent values
      let vids = 0;
      for (const r of rptids) vids += this.reports.get(r)!.vids.length;
      if (vids > this.limits.vidsPerEvent) return INSUFFICIENT_SPACE;
    }
    for (const link of links) {
      const key = idKey(link.ceid);
      if (link.rptids.length === 0) this.links.delete(key);
      else this.links.set(key, link.rptids.map(idKey));
    }
    return ACCEPTED;
  }

  /** S2F37: returns ERACK. No CEIDs applies to every event in `allEvents`. */
  enableEvents(
    enable: boolean,
    ceids: readonly IdReading[],
    isEvent: (ceid: IdReading) => boolean,
    allEvents: () => readonly IdReading[],
  ): number {
    if (!ceids.every(isEvent)) return ERACK_CEID_UNKNOWN;
    const targets = ceids.length === 0 ? allEvents() : ceids;
    for (const ceid of targets) {
      if (enable) this.enabled.add(idKey(ceid));
      else this.enabled.delete(idKey(ceid));
    }
    return ACCEPTED;
  }

  /** Local enable/disable of one event (equipment configuration at start). */
  setEnabled(ceid: IdReading, enable: boolean): void {
    if (enable) this.enabled.add(idKey(ceid));
    else this.enabled.delete(idKey(ceid));
  }

  isEnabled(ceid: IdReading): boolean {
    return this.enabled.has(idKey(ceid));
  }

  /** The reports linked to an event, in link order. */
  linkedReports(ceid: IdReading): DefinedReport[] {
    const keys = this.links.get(idKey(ceid)) ?? [];
    return keys.map((k) => this.reports.get(k)).filter((r) => r !== undefined);
  }

  /** The defined report, or undefined. */
  report(rptid: IdReading): DefinedReport | undefined {
    return this.reports.get(idKey(rptid));
  }

  get reportCount(): number {
    return this.reports.size;
  }

  /** Everything the host configured, for the non-volatile store (E30: it survives a restart). */
  snapshot(): EventReportSnapshot {
    return {
      reports: [...this.reports].map(([key, report]) => ({ key, rptid: report.rptid, vids: report.vids })),
      links: [...this.links].map(([ceid, rptids]) => ({ ceid, rptids: [...rptids] })),
      enabled: [...this.enabled],
    };
  }

  /** Replaces the whole configuration with a snapshot taken before a restart. */
  restoreSnapshot(snapshot: EventReportSnapshot): void {
    this.reports.clear();
    this.links.clear();
    this.enabled.clear();
    for (const r of snapshot.reports) this.reports.set(r.key, { rptid: r.rptid, vids: [...r.vids] });
    // maxVidsTotal counts the restored reports too, so a restart does not reopen the space
    this.vidCount = snapshot.reports.reduce((sum, r) => sum + r.vids.length, 0);
    for (const l of snapshot.links)
      this.links.set(
        l.ceid,
        l.rptids.filter((k) => this.reports.has(k)),
      );
    for (const key of snapshot.enabled) this.enabled.add(key);
  }

  /** Whether a snapshot of this table was taken with the event enabled. */
  static enabledIn(snapshot: EventReportSnapshot, ceid: IdReading): boolean {
    return snapshot.enabled.includes(idKey(ceid));
  }

  /** E30: deleting a report also removes it from every event it was linked to. */
  private deleteReport(key: string): void {
    if (!this.reports.delete(key)) return;
    for (const [ceid, rptids] of this.links) {
      const rest = rptids.filter((r) => r !== key);
      if (rest.length === 0) this.links.delete(ceid);
      else this.links.set(ceid, rest);
    }
  }
}
