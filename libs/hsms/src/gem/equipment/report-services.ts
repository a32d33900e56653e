import {
  parseS2F33,
  parseS2F35,
  parseS2F37,
  parseS6F15,
  S2F34,
  S2F36,
  S2F38,
  S6F16,
  SecsBodyMismatchError,
} from '../../secs/catalogue/index.js';
import type { ReportInput } from '../event-report-table.js';
import { listItems, type EquipmentContext } from './equipment-context.js';

/** E5 DRACK / LRACK 2: denied, invalid format. */
const INVALID_FORMAT = 2;

/** E30 dynamic event report configuration (S2F33, S2F35, S2F37) and the event report request (S6F15). */
export function registerReportServices(ctx: EquipmentContext): void {
  const { reports, events, variables, build, parse } = ctx;

  ctx.register(2, 33, (m) => {
    const drack = formatChecked(() => {
      const body = parseS2F33(m, parse);
      // the RPTID items as sent, so S6F11 echoes the host's own format
      const items = listItems(listItems(m.body)[1]).map((report) => listItems(report)[0]!);
      const defs: ReportInput[] = body.reports.map((r, i) => ({ rptid: r.rptid, item: items[i]!, vids: r.vids }));
      return reports.defineReports(defs, (vid) => variables.has(vid));
    });
    if (drack === 0) ctx.persist('reports');
    return S2F34(drack, build);
  });

  ctx.register(2, 35, (m) => {
    const lrack = formatChecked(() => reports.linkReports(parseS2F35(m, parse).links, (ceid) => events.has(ceid)));
    if (lrack === 0) ctx.persist('reports');
    return S2F36(lrack, build);
  });

  ctx.register(2, 37, (m) => {
    const { enable, ceids } = parseS2F37(m, parse);
    const erack = reports.enableEvents(
      enable,
      ceids,
      (ceid) => events.has(ceid),
      () => events.ids,
    );
    if (erack === 0) ctx.persist('reports');
    return S2F38(erack, build);
  });

  ctx.register(6, 15, async (m) => {
    const ceid = parseS6F15(m, parse);
    // E5: an unknown CEID is answered with no reports
    const body = events.has(ceid) ? await ctx.reportBuilder.build(ceid) : { dataId: ctx.reportBuilder.dataId(), ceid, reports: [] };
    return S6F16(body, build);
  });
}

/** An id the parser refuses (a U4 with two values for an RPTID ...) is E30's "invalid format", not S9F7. */
function formatChecked(run: () => number): number {
  try {
    return run();
  } catch (error) {
    if (error instanceof SecsBodyMismatchError) return INVALID_FORMAT;
    throw error;
  }
}
