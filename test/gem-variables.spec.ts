// Status variables (S1F3, S1F11), equipment constants (S2F13, S2F15, S2F29) and the clock
// (S2F17, S2F31) between a host and an equipment of this library over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  DEFAULT_STANDARD_IDS,
  type EquipmentConstantChange,
  F4,
  F8,
  GemDuplicateIdError,
  GemUnknownIdError,
  GemValueError,
  L,
  S2F17,
  S2F31,
  type SecsItem,
  U2,
  U4,
} from '../libs/hsms/src/core.js';
import { startGemPair, type GemPairOptions } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

/** E30's standard variables and constants exist on every equipment; "all" lists hold them first. */
const STANDARD = new Set<unknown>(Object.values(DEFAULT_STANDARD_IDS));
const own = <T extends { svid?: unknown; ecid?: unknown }>(rows: T[]): T[] => rows.filter((r) => !STANDARD.has(r.svid ?? r.ecid));

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function communicatingPair(options: GemPairOptions = {}) {
  const p = cleanup.add(await startGemPair(options), (x) => x.dispose());
  await p.communicating();
  return p;
}

const same = (actual: readonly SecsItem[], expected: readonly SecsItem[]) =>
  actual.length === expected.length && actual.every((item, i) => item.equals(expected[i]!));

describe('status variables', () => {
  it('answers S1F3 with each SV in the order asked, reading the value at each request, and an empty list for an unknown SVID', async () => {
    const { host, equipment } = await communicatingPair();
    let temperature = 20;
    equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: () => F4(temperature) });
    equipment.addStatusVariable({ svid: 2, name: 'Lot', value: async () => A('LOT-7') });
    expect(same(await host.requestStatusVariables([2, 99, 1]), [A('LOT-7'), L(), F4(20)])).toBe(true);
    temperature = 25.5;
    expect(same(await host.requestStatusVariables([1]), [F4(25.5)])).toBe(true);
    expect(same((await host.requestStatusVariables()).slice(-2), [F4(25.5), A('LOT-7')])).toBe(true); // none asks for all, ours last
  });

  it('finds an SV whatever integer format the host sends its SVID in', async () => {
    const { host, equipment } = await communicatingPair();
    equipment.addStatusVariable({ svid: 7, name: 'Pressure', value: U4(3) });
    expect(same(await host.requestStatusVariables([U2(7)]), [U4(3)])).toBe(true);
  });

  it('answers S1F11 with SVID, SVNAME and UNITS, and zero-length name and units for an unknown SVID', async () => {
    const { host, equipment } = await communicatingPair();
    equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(1) });
    equipment.addStatusVariable({ svid: 'ChamberState', name: 'Chamber state', value: A('IDLE') });
    expect(await host.requestStatusVariableNames([1, 99])).toEqual([
      { svid: 1, svname: 'Temp', units: 'C' },
      { svid: 99, svname: '', units: '' },
    ]);
    expect(own(await host.requestStatusVariableNames())).toEqual([
      { svid: 1, svname: 'Temp', units: 'C' },
      { svid: 'ChamberState', svname: 'Chamber state', units: '' },
    ]);
  });

  it('refuses a VID defined twice, across SVs, DVs and ECs', async () => {
    const { equipment } = await communicatingPair();
    equipment.addStatusVariable({ svid: 1, name: 'Temp', value: U4(1) });
    expect(() => equipment.addDataValue({ dvid: 1, name: 'Again' })).toThrow(GemDuplicateIdError);
    expect(() => equipment.addEquipmentConstant({ ecid: 1, name: 'Again', default: 0 })).toThrow(GemDuplicateIdError);
  });
});

describe('equipment constants', () => {
  async function withConstants() {
    const p = await communicatingPair();
    p.equipment.addEquipmentConstant({ ecid: 10, name: 'MaxTemp', unit: 'C', min: 0, max: 500, default: 300, format: 'U2' });
    p.equipment.addEquipmentConstant({ ecid: 11, name: 'Recipe', default: 'STD' });
    p.equipment.addEquipmentConstant({ ecid: 12, name: 'Gain', min: 0, max: 1, default: 0.5 });
    return p;
  }

  it('answers S2F13 with each ECV in its format and a zero-length item for an unknown ECID', async () => {
    const { host } = await withConstants();
    expect(same(await host.requestEquipmentConstants([10, 99, 11, 12]), [U2(300), A(), A('STD'), F8(0.5)])).toBe(true);
    expect(same((await host.requestEquipmentConstants()).slice(-3), [U2(300), A('STD'), F8(0.5)])).toBe(true);
  });

  it('sets constants with S2F15 (EAC 0), converting the host format and telling listeners', async () => {
    const { host, equipment } = await withConstants();
    const changes: EquipmentConstantChange[] = [];
    equipment.on('equipmentConstantChanged', (c) => changes.push(c));
    expect(
      await host.setEquipmentConstants([
        { ecid: 10, ecv: U4(450) },
        { ecid: 11, ecv: A('FAST') },
      ]),
    ).toBe(0);
    expect(equipment.getEquipmentConstant(10)).toBe(450);
    expect(same(await host.requestEquipmentConstants([10, 11]), [U2(450), A('FAST')])).toBe(true);
    expect(changes).toEqual([
      { ecid: 10, name: 'MaxTemp', value: 450, previous: 300, byHost: true },
      { ecid: 11, name: 'Recipe', value: 'FAST', previous: 'STD', byHost: true },
    ]);
  });

  it('denies S2F15 with EAC 3 for a value out of range or of the wrong kind, and EAC 1 for an unknown ECID, changing nothing', async () => {
    const { host, equipment } = await withConstants();
    expect(await host.setEquipmentConstants([{ ecid: 10, ecv: U4(501) }])).toBe(3);
    expect(await host.setEquipmentConstants([{ ecid: 12, ecv: F8(1.5) }])).toBe(3);
    expect(await host.setEquipmentConstants([{ ecid: 10, ecv: A('hot') }])).toBe(3);
    expect(
      await host.setEquipmentConstants([
        { ecid: 10, ecv: U4(100) },
        { ecid: 99, ecv: U4(1) },
      ]),
    ).toBe(1);
    expect(equipment.getEquipmentConstant(10)).toBe(300);
    expect(equipment.getEquipmentConstant(12)).toBe(0.5);
  });

  it('answers S2F29 with name, limits, default and units, and zero-length items for an unknown ECID', async () => {
    const { host } = await withConstants();
    const [maxTemp, recipe, unknown] = await host.requestEquipmentConstantNames([10, 11, 98]);
    expect(maxTemp).toMatchObject({ ecid: 10, ecname: 'MaxTemp', units: 'C' });
    expect(same([maxTemp!.ecmin, maxTemp!.ecmax, maxTemp!.ecdef], [U2(0), U2(500), U2(300)])).toBe(true);
    expect(recipe!.ecmin.length + recipe!.ecmax.length).toBe(0); // no limits: zero-length
    expect(recipe!.ecdef.equals(A('STD'))).toBe(true);
    expect(unknown).toMatchObject({ ecid: 98, ecname: '', units: '' });
    expect(own(await host.requestEquipmentConstantNames()).map((r) => r.ecid)).toEqual([10, 11, 12]);
  });

  it('checks local definitions and sets against the limits', async () => {
    const { equipment } = await withConstants();
    expect(() => equipment.addEquipmentConstant({ ecid: 20, name: 'Bad', min: 0, max: 10, default: 11 })).toThrow(GemValueError);
    expect(() => equipment.setEquipmentConstant(10, 600)).toThrow(GemValueError);
    expect(() => equipment.setEquipmentConstant(99, 1)).toThrow(GemUnknownIdError);
    equipment.setEquipmentConstant(10, 5);
    expect(equipment.getEquipmentConstant(10)).toBe(5);
  });
});

describe('clock', () => {
  it('answers S2F17 with TIME as A[16] by default and A[12] when configured', async () => {
    const sixteen = await communicatingPair();
    const reply = await sixteen.host.sendRequest(S2F17());
    expect(reply.body?.type).toBe('A');
    expect(reply.body?.length).toBe(16);
    expect(Math.abs((await sixteen.host.requestDateTime()).getTime() - Date.now())).toBeLessThan(5000);

    const twelve = await communicatingPair({ equipment: { timeFormat: 12 } });
    expect((await twelve.host.sendRequest(S2F17())).body?.length).toBe(12);
  });

  it('sets the equipment clock with S2F31 (TIACK 0) as an offset, and refuses a time that is not a date with TIACK 1', async () => {
    const { host, equipment } = await communicatingPair();
    const target = new Date(2031, 4, 6, 7, 8, 9, 120);
    const changed = new Promise<Date>((resolve) => equipment.once('clockChanged', (time) => resolve(time)));
    expect(await host.setDateTime(target)).toBe(0);
    expect((await changed).getTime()).toBe(target.getTime());
    expect(Math.abs(equipment.now().getTime() - target.getTime())).toBeLessThan(5000);
    expect(Math.abs((await host.requestDateTime()).getTime() - target.getTime())).toBeLessThan(5000);
    const refused = await host.sendRequest(S2F31('2031139999999999'));
    expect(refused.body?.type === 'B' && refused.body.value).toBe(1);
  });
});
