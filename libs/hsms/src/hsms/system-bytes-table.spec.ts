import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemBytesTable } from './system-bytes-table.js';

interface Entry {
  key: number;
  tag: string;
}

type Op = { kind: 'add' | 'delete' | 'get'; key: number };

/** Keys as the session makes them (consecutive from a start) mixed with any 32-bit value a peer may send. */
const keyArb = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));

describe('SystemBytesTable', () => {
  it('behaves as a Map under any sequence of adds, deletes and lookups (the same answers, the same size)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom<Op['kind']>('add', 'delete', 'get'), key: keyArb }), { maxLength: 600 }),
        (ops) => {
          const table = new SystemBytesTable<Entry>();
          const model = new Map<number, Entry>();
          for (const { kind, key } of ops) {
            if (kind === 'add') {
              if (model.has(key)) continue; // the session never opens system bytes that are open
              const entry = { key, tag: `e${key}` };
              table.add(entry);
              model.set(key, entry);
            } else if (kind === 'delete') {
              expect(table.delete(key)).toBe(model.get(key));
              model.delete(key);
            } else {
              expect(table.get(key)).toBe(model.get(key));
            }
            expect(table.size).toBe(model.size);
          }
          for (const [key, entry] of model) expect(table.get(key)).toBe(entry);
          expect(new Set(table.values())).toEqual(new Set(model.values()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a long-lived entry reachable while thousands of consecutive keys wrap around its slot', () => {
    const table = new SystemBytesTable<Entry>();
    const stuck = { key: 5, tag: 'waits for T3' };
    table.add(stuck);
    for (let key = 6; key < 6 + 10_000; key++) {
      table.add({ key, tag: 'short' });
      if (key - 6 >= 40) expect(table.delete(key - 40)?.key).toBe(key - 40);
    }
    expect(table.get(5)).toBe(stuck);
    expect(table.size).toBe(41);
  });

  it('grows past its first capacity and clear() hands back every entry once', () => {
    const table = new SystemBytesTable<Entry>();
    for (let key = 0; key < 1000; key++) table.add({ key: key * 64, tag: 'same home slot every time' });
    expect(table.get(999 * 64)?.key).toBe(999 * 64);
    expect(table.get(1000 * 64)).toBeUndefined();
    const all = table.clear();
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((e) => e.key)).size).toBe(1000);
    expect(table.size).toBe(0);
    expect(table.get(0)).toBeUndefined();
  });
});
