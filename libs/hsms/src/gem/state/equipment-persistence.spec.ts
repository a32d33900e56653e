import { describe, expect, it } from 'vitest';
import { U4 } from '../../protocol/items/secs-item.js';
import { AlarmTable } from '../alarm-table.js';
import { EquipmentConstantTable } from '../equipment-constants.js';
import { EventReportTable } from '../event-report-table.js';
import { EquipmentPersistence } from './equipment-persistence.js';
import { MemoryGemStateStore } from './memory-state-store.js';

function tables(vidsTotal = 20_000) {
  return {
    reports: new EventReportTable({
      reports: 10,
      reportsPerEvent: 10,
      vidsPerReport: 1000,
      vidsPerEvent: 2000,
      vidsTotal,
      eventReportBytes: 1 << 20,
    }),
    alarms: new AlarmTable(),
    constants: new EquipmentConstantTable(),
  };
}

describe('EquipmentPersistence', () => {
  it('counts the restored reports against maxVidsTotal, so a restart does not reopen the space', () => {
    const store = new MemoryGemStateStore();
    const before = tables(3);
    const first = new EquipmentPersistence(store, before);
    expect(before.reports.defineReports([{ rptid: 5, item: U4(5), vids: [1, 2, 3] }], () => true)).toBe(0);
    first.save('reports');
    const after = tables(3);
    new EquipmentPersistence(store, after);
    expect(after.reports.defineReports([{ rptid: 6, item: U4(6), vids: [4] }], () => true)).toBe(1); // E5 DRACK 1
    expect(
      after.reports.defineReports(
        [
          { rptid: 5, item: U4(5), vids: [] },
          { rptid: 6, item: U4(6), vids: [4] },
        ],
        () => true,
      ),
    ).toBe(0);
  });

  it('restores reports, links and enabled events at start, alarms and constants when defined again', () => {
    const store = new MemoryGemStateStore();
    const before = tables();
    const first = new EquipmentPersistence(store, before);
    before.reports.defineReports([{ rptid: 5, item: U4(5), vids: [1, 2n ** 40n] }], () => true);
    before.reports.linkReports([{ ceid: 100, rptids: [5] }], () => true);
    before.reports.enableEvents(
      true,
      [100],
      () => true,
      () => [100],
    );
    first.save('reports');
    before.alarms.add({ alid: 7, text: 'x' });
    before.alarms.enable(true, 7);
    first.save('alarms');
    before.constants.add({ ecid: 60, name: 'Setpoint', default: 1, min: 0, max: 10 });
    before.constants.set(60, 9);
    first.save('constants');

    const after = tables();
    const second = new EquipmentPersistence(store, after);
    expect(after.reports.linkedReports(100)).toEqual([{ rptid: U4(5), vids: [1, 2n ** 40n] }]);
    expect(after.reports.isEnabled(100)).toBe(true);
    expect(second.eventEnabled(100)).toBe(true);
    expect(second.eventEnabled(200)).toBe(false);
    after.alarms.add({ alid: 7, text: 'x' });
    second.restoreAlarm(7);
    expect(after.alarms.get(7)!.enabled).toBe(true);
    after.constants.add({ ecid: 60, name: 'Setpoint', default: 1, min: 0, max: 5 }); // limits narrowed since
    second.restoreConstant(60);
    expect(after.constants.value(60)).toBe(1); // 9 no longer fits: the default stands
  });

  it('keeps stored state of things not defined (yet) when it saves again', () => {
    const store = new MemoryGemStateStore();
    const before = tables();
    before.alarms.add({ alid: 7, text: 'x', enabled: true });
    new EquipmentPersistence(store, before).save('alarms');
    const after = tables();
    after.alarms.add({ alid: 8, text: 'y' });
    new EquipmentPersistence(store, after).save('alarms');
    expect(store.get('alarms-enabled')).toEqual({ 'N:7': true, 'N:8': false });
  });
});
