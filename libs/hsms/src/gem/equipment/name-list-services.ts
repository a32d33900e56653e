import { parseS1F21, parseS1F23, S1F22, S1F24, type IdReading } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * E30 name lists: S1F21 Data Variable Namelist Request (E5: VID, DVVALNAME, UNITS of each data
 * value) and S1F23 Collection Event Namelist Request (CEID, CENAME and the DVIDs the event carries).
 * An unknown id comes back with a zero-length name (and units, and no VIDs); an empty request asks
 * for all.
 */
export function registerNameListServices(ctx: EquipmentContext): void {
  const { variables, events, build, parse } = ctx;

  ctx.register(1, 21, (m) => {
    const asked = parseS1F21(m, parse);
    const rows =
      asked.length > 0
        ? asked.map((vid) => variables.dataValue(vid) ?? { dvid: vid as IdReading, name: '', unit: '' })
        : variables.dataValueList;
    return S1F22(
      rows.map((dv) => ({ vid: dv.dvid, name: dv.name, units: dv.unit ?? '' })),
      build,
    );
  });

  ctx.register(1, 23, (m) => {
    const asked = parseS1F23(m, parse);
    const rows =
      asked.length > 0 ? asked.map((ceid) => events.get(ceid) ?? { ceid: ceid as IdReading, name: '', dataValues: [] }) : events.all;
    return S1F24(
      rows.map((e) => ({ ceid: e.ceid, name: e.name, vids: e.dataValues ?? [] })),
      build,
    );
  });
}
