import { A, L } from '../../protocol/items/secs-item.js';
import {
  parseS1F11,
  parseS1F3,
  parseS2F13,
  parseS2F15,
  parseS2F29,
  S1F12,
  S1F4,
  S2F14,
  S2F16,
  S2F30,
  type IdReading,
} from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/** E30 status variables (S1F3, S1F11) and equipment constants (S2F13, S2F15, S2F29). */
export function registerVariableServices(ctx: EquipmentContext): void {
  const { variables, build, parse } = ctx;
  const constants = variables.constants;

  ctx.register(1, 3, async (m) => {
    const asked = parseS1F3(m, parse);
    const svids: readonly IdReading[] = asked.length > 0 ? asked : variables.statusVariableList.map((v) => v.svid);
    ctx.budget.rows('S1F4', svids.length, 1); // before reading any value: the request sets the size
    // E5: an unknown SVID gets a zero-length item in its place
    const values = await Promise.all(svids.map(async (svid) => (await variables.readStatusVariable(svid)) ?? L()));
    return S1F4(values, build);
  });

  ctx.register(1, 11, (m) => {
    const asked = parseS1F11(m, parse);
    ctx.budget.rows('S1F12', asked.length > 0 ? asked.length : variables.statusVariableList.length, 4); // L, SVID, SVNAME, UNITS
    const rows =
      asked.length > 0 ? asked.map((svid) => variables.statusVariable(svid) ?? { svid, name: '', unit: '' }) : variables.statusVariableList;
    // E5: an unknown SVID comes back with zero-length SVNAME and UNITS
    return S1F12(
      rows.map((v) => ({ svid: v.svid, svname: v.name, units: v.unit ?? '' })),
      build,
    );
  });

  ctx.register(2, 13, (m) => {
    const asked = parseS2F13(m, parse);
    const ecids: readonly IdReading[] = asked.length > 0 ? asked : constants.ids;
    ctx.budget.rows('S2F14', ecids.length, 1);
    // E5: an unknown ECID gets a zero-length item in its place (ECV is never a list: <A[0]>)
    return S2F14(
      ecids.map((ecid) => constants.item(ecid) ?? A()),
      build,
    );
  });

  ctx.register(2, 15, (m) => {
    const { eac, changes } = constants.setFromHost(parseS2F15(m, parse));
    if (changes.length > 0) ctx.persist('constants');
    for (const change of changes) ctx.emit('equipmentConstantChanged', change);
    return S2F16(eac, build);
  });

  ctx.register(2, 29, (m) => {
    const asked = parseS2F29(m, parse);
    const ecids: readonly IdReading[] = asked.length > 0 ? asked : constants.ids;
    ctx.budget.rows('S2F30', ecids.length, 7); // L, ECID, ECNAME, ECMIN, ECMAX, ECDEF, UNITS
    const rows = ecids.map((ecid) => {
      const row = constants.nameRow(ecid);
      // E5: an unknown ECID comes back with zero-length items
      return row === undefined ? { ecid, ecname: '', ecmin: A(), ecmax: A(), ecdef: A(), units: '' } : { ecid, ...row };
    });
    return S2F30(rows, build);
  });
}
