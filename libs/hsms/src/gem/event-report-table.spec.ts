import { describe, expect, it } from 'vitest';
import { A, U4 } from '../protocol/items/secs-item.js';
import { EventReportTable, type ReportInput, type ReportLimits } from './event-report-table.js';

const VIDS = new Set([1, 2, 3]);
const CEIDS = new Set([100, 200]);
const isVid = (vid: unknown) => VIDS.has(vid as number);
const isCeid = (ceid: unknown) => CEIDS.has(ceid as number);
const report = (rptid: number, vids: number[]): ReportInput => ({ rptid, item: U4(rptid), vids });

function table(limits: Partial<ReportLimits> = {}) {
  return new EventReportTable({
    reports: 10,
    reportsPerEvent: 5,
    vidsPerReport: 1000,
    vidsPerEvent: 10_000,
    vidsTotal: 100_000,
    eventReportBytes: 1 << 20,
    ...limits,
  });
}

describe('EventReportTable S2F33 (DRACK)', () => {
  it('defines reports, and refuses an RPTID already defined with DRACK 3 without changing anything', () => {
    const t = table();
    expect(t.defineReports([report(10, [1, 2])], isVid)).toBe(0);
    expect(t.defineReports([report(11, [3]), report(10, [1])], isVid)).toBe(3);
    expect(t.report(11)).toBeUndefined();
    expect(t.report(10)!.vids).toEqual([1, 2]);
  });

  it('refuses an unknown VID with DRACK 4', () => {
    expect(table().defineReports([report(10, [1, 99])], isVid)).toBe(4);
  });

  it('refuses one RPTID twice in a request with DRACK 2', () => {
    expect(table().defineReports([report(10, [1]), report(10, [2])], isVid)).toBe(2);
  });

  it('refuses more reports than it has room for with DRACK 1', () => {
    const t = table({ reports: 1, reportsPerEvent: 5 });
    expect(t.defineReports([report(10, [1]), report(11, [2])], isVid)).toBe(1);
    expect(t.reportCount).toBe(0);
  });

  it('deletes a report with an empty VID list, and its links', () => {
    const t = table();
    t.defineReports([report(10, [1])], isVid);
    t.linkReports([{ ceid: 100, rptids: [10] }], isCeid);
    expect(t.defineReports([report(10, [])], isVid)).toBe(0);
    expect(t.report(10)).toBeUndefined();
    expect(t.linkedReports(100)).toEqual([]);
  });

  it('deletes every report and link on an empty report list', () => {
    const t = table();
    t.defineReports([report(10, [1]), report(11, [2])], isVid);
    t.linkReports([{ ceid: 100, rptids: [10, 11] }], isCeid);
    expect(t.defineReports([], isVid)).toBe(0);
    expect(t.reportCount).toBe(0);
    expect(t.linkedReports(100)).toEqual([]);
  });

  it('keeps the RPTID item as the host sent it', () => {
    const t = table();
    t.defineReports([{ rptid: 'R1', item: A('R1'), vids: [1] }], isVid);
    expect(t.linkedReports(100)).toEqual([]);
    expect(t.report('R1')!.rptid.equals(A('R1'))).toBe(true);
  });
});

describe('EventReportTable S2F35 (LRACK) and S2F37 (ERACK)', () => {
  function defined() {
    const t = table({ reports: 10, reportsPerEvent: 1 });
    t.defineReports([report(10, [1]), report(11, [2])], isVid);
    return t;
  }

  it('links reports in order and reports them for the event', () => {
    const t = table();
    t.defineReports([report(10, [1]), report(11, [2])], isVid);
    expect(t.linkReports([{ ceid: 100, rptids: [11, 10] }], isCeid)).toBe(0);
    expect(t.linkedReports(100).map((r) => r.vids)).toEqual([[2], [1]]);
  });

  it('answers LRACK 4 for an unknown CEID, 5 for an unknown RPTID, 3 for a CEID already linked, 1 beyond the limit, 2 for a repeated RPTID', () => {
    const t = defined();
    expect(t.linkReports([{ ceid: 999, rptids: [10] }], isCeid)).toBe(4);
    expect(t.linkReports([{ ceid: 100, rptids: [77] }], isCeid)).toBe(5);
    expect(t.linkReports([{ ceid: 100, rptids: [10, 11] }], isCeid)).toBe(1);
    expect(t.linkReports([{ ceid: 100, rptids: [10, 10] }], isCeid)).toBe(2);
    expect(t.linkReports([{ ceid: 100, rptids: [10] }], isCeid)).toBe(0);
    expect(t.linkReports([{ ceid: 100, rptids: [11] }], isCeid)).toBe(3);
    expect(t.linkedReports(100).map((r) => r.vids)).toEqual([[1]]);
  });

  it('changes nothing when one link of a request is refused', () => {
    const t = defined();
    expect(
      t.linkReports(
        [
          { ceid: 100, rptids: [10] },
          { ceid: 200, rptids: [77] },
        ],
        isCeid,
      ),
    ).toBe(5);
    expect(t.linkedReports(100)).toEqual([]);
  });

  it('unlinks with an empty RPTID list', () => {
    const t = defined();
    t.linkReports([{ ceid: 100, rptids: [10] }], isCeid);
    expect(t.linkReports([{ ceid: 100, rptids: [] }], isCeid)).toBe(0);
    expect(t.linkedReports(100)).toEqual([]);
  });

  it('enables and disables events, all of them for an empty list, and refuses an unknown CEID with ERACK 1', () => {
    const t = table();
    const all = () => [...CEIDS];
    expect(t.enableEvents(true, [100], isCeid, all)).toBe(0);
    expect(t.isEnabled(100)).toBe(true);
    expect(t.isEnabled(200)).toBe(false);
    expect(t.enableEvents(true, [], isCeid, all)).toBe(0);
    expect(t.isEnabled(200)).toBe(true);
    expect(t.enableEvents(false, [100, 999], isCeid, all)).toBe(1);
    expect(t.isEnabled(100)).toBe(true);
    expect(t.enableEvents(false, [], isCeid, all)).toBe(0);
    expect(t.isEnabled(100) || t.isEnabled(200)).toBe(false);
  });
});
