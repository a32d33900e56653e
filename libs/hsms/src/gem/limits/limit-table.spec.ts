import { describe, expect, it } from 'vitest';
import { A, F8, L, U4 } from '../../protocol/items/secs-item.js';
import { LimitTable } from './limit-table.js';

function table(): LimitTable {
  const t = new LimitTable();
  t.add({ vid: 1, units: 'C', min: 0, max: 100 });
  return t;
}

describe('LimitTable', () => {
  it('reports zone transitions only when the value leaves the deadband on the other side', () => {
    const t = table();
    expect(t.define([{ vid: 1, limits: [{ limitId: 0, upper: F8(80), lower: F8(70) }] }], () => true)).toEqual([]);
    expect(t.update(1, 50)).toEqual([]); // first value: lower zone, no transition
    expect(t.update(1, 75)).toEqual([]); // inside the deadband
    expect(t.update(1, 81)).toEqual([{ vid: 1, limitId: 0, transition: 0 }]);
    expect(t.update(1, 72)).toEqual([]); // deadband: stays upper
    expect(t.update(1, 85)).toEqual([]);
    expect(t.update(1, 69)).toEqual([{ vid: 1, limitId: 0, transition: 1 }]);
  });

  it('refuses a definition with LVACK / LIMITACK and changes nothing (E30 all or none)', () => {
    const t = table();
    const errors = t.define(
      [
        { vid: 1, limits: [{ limitId: 0, upper: F8(120), lower: F8(10) }] },
        { vid: 2, limits: [] },
        { vid: 3, limits: [] },
      ],
      (vid) => vid === 2,
    );
    expect(errors).toEqual([
      { vid: 1, lvack: 4, limit: { limitId: 0, limitack: 3 } },
      { vid: 2, lvack: 2 },
      { vid: 3, lvack: 1 },
    ]);
    expect(t.attributes(1)!.limits).toEqual([]);
    expect(t.define([{ vid: 1, limits: [{ limitId: 1, upper: F8(10), lower: F8(20) }] }], () => true)[0]!.limit!.limitack).toBe(5);
    expect(t.define([{ vid: 1, limits: [{ limitId: 1, upper: L(), lower: F8(20) }] }], () => true)[0]!.limit!.limitack).toBe(6);
    expect(t.define([{ vid: 1, limits: [{ limitId: 9, upper: F8(1), lower: F8(0) }] }], () => true)[0]!.limit!.limitack).toBe(1);
    expect(
      t.define(
        [
          { vid: 1, limits: [] },
          { vid: 1, limits: [] },
        ],
        () => true,
      )[0]!.lvack,
    ).toBe(3);
  });

  it('deletes one limit with a LIMITID alone, every limit with an empty list, and reads A deadbands', () => {
    const t = table();
    t.define(
      [
        {
          vid: 1,
          limits: [
            { limitId: 0, upper: A('80'), lower: U4(70) },
            { limitId: 1, upper: F8(30), lower: F8(20) },
          ],
        },
      ],
      () => true,
    );
    expect(t.attributes(1)!.limits.map((l) => l.limitId)).toEqual([0, 1]);
    t.define([{ vid: 1, limits: [{ limitId: 0, upper: undefined, lower: undefined }] }], () => true);
    expect(t.attributes(1)!.limits).toEqual([{ limitId: 1, upper: 30, lower: 20 }]);
    t.define([{ vid: 1, limits: [] }], () => true);
    expect(t.attributes(1)!.limits).toEqual([]);
  });
});
