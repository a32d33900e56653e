import { parseS6F19, parseS6F21, S6F20, S6F22 } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * E30 individual report requests: S6F19 (the values of one defined report, in its VID order) and
 * S6F21 (the same, each value with its VID). E5: an undefined RPTID is answered with an empty list.
 */
export function registerIndividualReportServices(ctx: EquipmentContext): void {
  const { reports, variables, build, parse } = ctx;

  ctx.register(6, 19, async (m) => {
    const report = reports.report(parseS6F19(m, parse));
    const values = report === undefined ? [] : await Promise.all(report.vids.map((vid) => variables.readVariable(vid)));
    return S6F20(values, build);
  });

  ctx.register(6, 21, async (m) => {
    const report = reports.report(parseS6F21(m, parse));
    const values =
      report === undefined ? [] : await Promise.all(report.vids.map(async (vid) => ({ vid, value: await variables.readVariable(vid) })));
    return S6F22(values, build);
  });
}
