import { parseS5F3, parseS5F5, S5F4, S5F6, S5F8, type AlarmRecord } from '../../secs/catalogue/index.js';
import type { AlarmEntry } from '../alarm-table.js';
import type { EquipmentContext } from './equipment-context.js';

/** E30 alarm management: S5F3 enable/disable, S5F5 list alarms, S5F7 list enabled alarms. */
export function registerAlarmServices(ctx: EquipmentContext): void {
  const { alarms, build, parse } = ctx;

  ctx.register(5, 3, (m) => {
    const { enable, alid } = parseS5F3(m, parse);
    const ackc5 = alarms.enable(enable, alid);
    if (ackc5 === 0) ctx.persist('alarms');
    return S5F4(ackc5, build);
  });

  // E5 asks for zero-length ALCD/ALTX for an unknown ALID; the catalogue's ALCD is B[1], so unknown ALIDs are left out
  ctx.register(5, 5, (m) => {
    if (m.body?.type === 'L') ctx.debug('S5F5 with the ALIDs as a list of items (not a vector): accepted, the meaning is the same');
    const asked = parseS5F5(m, parse);
    ctx.budget.rows('S5F6', asked.length > 0 ? asked.length : alarms.all.length, 4); // L, ALCD, ALID, ALTX
    return S5F6(alarms.list(asked).map(alarmRecord), build);
  });

  ctx.register(5, 7, () => S5F8(alarms.all.filter((a) => a.enabled).map(alarmRecord), build));
}

/** The S5F1/S5F6/S5F8 record of an alarm in its current state. */
export function alarmRecord(entry: AlarmEntry): AlarmRecord {
  const d = entry.definition;
  return { alcd: { set: entry.set, category: d.category ?? 0 }, alid: d.alid, altx: d.text };
}
