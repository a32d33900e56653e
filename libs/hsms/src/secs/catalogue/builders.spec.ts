import { describe, expect, it } from 'vitest';
import { HsmsHeader } from '../../protocol/hsms/hsms-header.js';
import { A, B, BOOLEAN, C2, F4, F8, I4, L, U1, U2, U4, U8, type SecsItem } from '../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../protocol/secs-message.js';
import { AlarmCategory } from './alcd.js';
import { CatalogueValueError, SecsBodyMismatchError } from './catalogue-errors.js';
import { HCACK } from './code-constants.js';
import * as catalogueApi from './index.js';
import {
  S1F1,
  S1F2,
  S1F3,
  S1F4,
  S1F11,
  S1F12,
  S1F13,
  S1F14,
  S1F15,
  S1F16,
  S1F17,
  S1F18,
  S2F13,
  S2F14,
  S2F15,
  S2F16,
  S2F17,
  S2F18,
  S2F29,
  S2F30,
  S2F31,
  S2F32,
  S2F33,
  S2F34,
  S2F35,
  S2F36,
  S2F37,
  S2F38,
  S2F41,
  S2F42,
  S5F1,
  S5F2,
  S5F3,
  S5F4,
  S5F5,
  S5F6,
  S5F7,
  S5F8,
  S6F11,
  S6F12,
  S6F15,
  S6F16,
  S7F1,
  S7F2,
  S7F3,
  S7F4,
  S7F5,
  S7F6,
  S7F17,
  S7F18,
  S7F19,
  S7F20,
  S9F1,
  S9F3,
  S9F5,
  S9F7,
  S9F9,
  S9F11,
  S9F13,
  S10F1,
  S10F2,
  S10F3,
  S10F4,
  S1F21,
  S1F22,
  S1F23,
  S1F24,
  S2F23,
  S2F24,
  S2F39,
  S2F40,
  S2F43,
  S2F44,
  S2F45,
  S2F46,
  S2F47,
  S2F48,
  S2F49,
  S2F50,
  S6F1,
  S6F2,
  S6F5,
  S6F6,
  S6F19,
  S6F20,
  S6F21,
  S6F22,
  S6F23,
  S6F24,
  S10F5,
  S10F6,
  S10F7,
  S10F9,
  S10F10,
} from './index.js';
import { SecsCatalogue, secsCatalogue } from './secs-catalogue.js';

const mhead = HsmsHeader.data(0, 2, 41, true, 0x01020304);
const mheadItem = B(0, 0, 0x82, 41, 0, 0, 1, 2, 3, 4);

// Every builder with the body it must produce and whether it sets the W-bit.
const cases: Array<{ sf: string; build: () => SecsMessage; body: SecsItem | undefined; w: boolean }> = [
  { sf: 'S1F1', build: () => S1F1(), body: undefined, w: true },
  { sf: 'S1F2', build: () => S1F2({ mdln: 'ETCH', softrev: '1.0' }), body: L(A('ETCH'), A('1.0')), w: false },
  { sf: 'S1F3', build: () => S1F3([1, 'Temp']), body: L(U4(1), A('Temp')), w: true },
  { sf: 'S1F4', build: () => S1F4([U4(3), A('x')]), body: L(U4(3), A('x')), w: false },
  { sf: 'S1F11', build: () => S1F11(), body: L(), w: true },
  { sf: 'S1F12', build: () => S1F12([{ svid: 1, svname: 'Temp', units: 'C' }]), body: L(L(U4(1), A('Temp'), A('C'))), w: false },
  { sf: 'S1F13', build: () => S1F13(), body: L(), w: true },
  { sf: 'S1F14', build: () => S1F14({ commack: 0, mdln: 'X', softrev: '1.0' }), body: L(B(0), L(A('X'), A('1.0'))), w: false },
  { sf: 'S1F15', build: () => S1F15(), body: undefined, w: true },
  { sf: 'S1F16', build: () => S1F16(), body: B(0), w: false },
  { sf: 'S1F17', build: () => S1F17(), body: undefined, w: true },
  { sf: 'S1F18', build: () => S1F18('alreadyOnline'), body: B(2), w: false },
  { sf: 'S2F13', build: () => S2F13([5]), body: L(U4(5)), w: true },
  { sf: 'S2F14', build: () => S2F14([F4(1.5)]), body: L(F4(1.5)), w: false },
  { sf: 'S2F15', build: () => S2F15([{ ecid: 5, ecv: U2(10) }]), body: L(L(U4(5), U2(10))), w: true },
  { sf: 'S2F16', build: () => S2F16('outOfRange'), body: B(3), w: false },
  { sf: 'S2F17', build: () => S2F17(), body: undefined, w: true },
  { sf: 'S2F18', build: () => S2F18('2024010112304512'), body: A('2024010112304512'), w: false },
  { sf: 'S2F29', build: () => S2F29(), body: L(), w: true },
  {
    sf: 'S2F30',
    build: () => S2F30([{ ecid: 5, ecname: 'MaxTemp', ecmin: U2(0), ecmax: U2(400), ecdef: U2(200), units: 'C' }]),
    body: L(L(U4(5), A('MaxTemp'), U2(0), U2(400), U2(200), A('C'))),
    w: false,
  },
  { sf: 'S2F31', build: () => S2F31('240101123045'), body: A('240101123045'), w: true },
  { sf: 'S2F32', build: () => S2F32(0), body: B(0), w: false },
  {
    sf: 'S2F33',
    build: () => S2F33({ dataId: 1, reports: [{ rptid: 100, vids: [1, 2] }] }),
    body: L(U4(1), L(L(U4(100), L(U4(1), U4(2))))),
    w: true,
  },
  { sf: 'S2F34', build: () => S2F34(0), body: B(0), w: false },
  {
    sf: 'S2F35',
    build: () => S2F35({ dataId: 1, links: [{ ceid: 10, rptids: [100] }] }),
    body: L(U4(1), L(L(U4(10), L(U4(100))))),
    w: true,
  },
  { sf: 'S2F36', build: () => S2F36('rptidUnknown'), body: B(5), w: false },
  { sf: 'S2F37', build: () => S2F37({ enable: true }), body: L(BOOLEAN(true), L()), w: true },
  { sf: 'S2F38', build: () => S2F38(1), body: B(1), w: false },
  {
    sf: 'S2F41',
    build: () => S2F41({ rcmd: 'START', params: [{ cpname: 'LOT', cpval: A('L1') }] }),
    body: L(A('START'), L(L(A('LOT'), A('L1')))),
    w: true,
  },
  {
    sf: 'S2F42',
    build: () => S2F42({ hcack: HCACK.parameterInvalid, params: [{ cpname: 'QTY', cpack: 'illegalValue' }] }),
    body: L(B(3), L(L(A('QTY'), B(2)))),
    w: false,
  },
  {
    sf: 'S5F1',
    build: () => S5F1({ alcd: { set: true, category: AlarmCategory.equipmentSafety }, alid: 7, altx: 'door open' }),
    body: L(B(0x82), U4(7), A('door open')),
    w: true,
  },
  { sf: 'S5F2', build: () => S5F2(), body: B(0), w: false },
  { sf: 'S5F3', build: () => S5F3({ enable: true, alid: 7 }), body: L(B(0x80), U4(7)), w: true },
  { sf: 'S5F4', build: () => S5F4(0), body: B(0), w: false },
  { sf: 'S5F5', build: () => S5F5([1, 2]), body: U4(1, 2), w: true },
  { sf: 'S5F6', build: () => S5F6([{ alcd: 0x01, alid: 7, altx: 'door' }]), body: L(L(B(1), U4(7), A('door'))), w: false },
  { sf: 'S5F7', build: () => S5F7(), body: undefined, w: true },
  { sf: 'S5F8', build: () => S5F8([]), body: L(), w: false },
  {
    sf: 'S6F11',
    build: () => S6F11({ dataId: 1, ceid: 100, reports: [{ rptid: 10, values: [A('LOT1'), U4(25)] }] }),
    body: L(U4(1), U4(100), L(L(U4(10), L(A('LOT1'), U4(25))))),
    w: true,
  },
  { sf: 'S6F12', build: () => S6F12(), body: B(0), w: false },
  { sf: 'S6F15', build: () => S6F15(100), body: U4(100), w: true },
  { sf: 'S6F16', build: () => S6F16({ dataId: 2, ceid: 100 }), body: L(U4(2), U4(100), L()), w: false },
  { sf: 'S7F1', build: () => S7F1({ ppid: 'RCP', length: 1024 }), body: L(A('RCP'), U4(1024)), w: true },
  { sf: 'S7F2', build: () => S7F2('ok'), body: B(0), w: false },
  { sf: 'S7F3', build: () => S7F3({ ppid: 'RCP', ppbody: Uint8Array.of(1, 2) }), body: L(A('RCP'), B(1, 2)), w: true },
  { sf: 'S7F4', build: () => S7F4('ppidNotFound'), body: B(4), w: false },
  { sf: 'S7F5', build: () => S7F5('RCP'), body: A('RCP'), w: true },
  { sf: 'S7F6', build: () => S7F6(), body: L(), w: false },
  { sf: 'S7F17', build: () => S7F17(['A', 'B']), body: L(A('A'), A('B')), w: true },
  { sf: 'S7F18', build: () => S7F18(0), body: B(0), w: false },
  { sf: 'S7F19', build: () => S7F19(), body: undefined, w: true },
  { sf: 'S7F20', build: () => S7F20(['RCP']), body: L(A('RCP')), w: false },
  { sf: 'S9F1', build: () => S9F1(mhead), body: mheadItem, w: false },
  { sf: 'S9F3', build: () => S9F3(mhead.encode()), body: mheadItem, w: false },
  { sf: 'S9F5', build: () => S9F5(mhead), body: mheadItem, w: false },
  { sf: 'S9F7', build: () => S9F7(mhead), body: mheadItem, w: false },
  { sf: 'S9F9', build: () => S9F9(mhead), body: mheadItem, w: false },
  { sf: 'S9F11', build: () => S9F11(mhead), body: mheadItem, w: false },
  { sf: 'S9F13', build: () => S9F13({ mexp: 'S6F12', edid: 1 }), body: L(A('S6F12'), U4(1)), w: false },
  { sf: 'S10F1', build: () => S10F1({ text: 'Operator call' }), body: L(B(0), A('Operator call')), w: true },
  { sf: 'S10F2', build: () => S10F2(), body: B(0), w: false },
  { sf: 'S10F3', build: () => S10F3({ tid: 1, text: 'Lot done ✓' }), body: L(B(1), C2('Lot done ✓')), w: true },
  { sf: 'S10F4', build: () => S10F4('terminalNotAvailable'), body: B(2), w: false },
  // the additional GEM capabilities (issue 12)
  { sf: 'S1F21', build: () => S1F21([1]), body: L(U4(1)), w: true },
  { sf: 'S1F22', build: () => S1F22([{ vid: 1, name: 'T', units: 'C' }]), body: L(L(U4(1), A('T'), A('C'))), w: false },
  { sf: 'S1F23', build: () => S1F23(), body: L(), w: true },
  { sf: 'S1F24', build: () => S1F24([{ ceid: 2, name: 'E', vids: [1] }]), body: L(L(U4(2), A('E'), L(U4(1)))), w: false },
  {
    sf: 'S2F23',
    build: () => S2F23({ trid: 1, dsper: '000001', totsmp: 4, repgsz: 2, svids: [7] }),
    body: L(U4(1), A('000001'), U4(4), U4(2), L(U4(7))),
    w: true,
  },
  { sf: 'S2F24', build: () => S2F24('ok'), body: B(0), w: false },
  { sf: 'S2F39', build: () => S2F39({ dataId: 1, dataLength: 9 }), body: L(U4(1), U4(9)), w: true },
  { sf: 'S2F40', build: () => S2F40('busy'), body: B(1), w: false },
  { sf: 'S2F43', build: () => S2F43([{ stream: 6, functions: [11] }]), body: L(L(U1(6), L(U1(11)))), w: true },
  { sf: 'S2F44', build: () => S2F44({ rspack: 0 }), body: L(B(0), L()), w: false },
  {
    sf: 'S2F45',
    build: () => S2F45({ dataId: 1, variables: [{ vid: 3, limits: [{ limitId: 1, upper: 2.5, lower: 1.5 }] }] }),
    body: L(U4(1), L(L(U4(3), L(L(B(1), F8(2.5), F8(1.5)))))),
    w: true,
  },
  { sf: 'S2F46', build: () => S2F46({ vlaack: 0 }), body: L(B(0), L()), w: false },
  { sf: 'S2F47', build: () => S2F47([3]), body: L(U4(3)), w: true },
  { sf: 'S2F48', build: () => S2F48([{ vid: 3 }]), body: L(L(U4(3), L())), w: false },
  {
    sf: 'S2F49',
    build: () => S2F49({ dataId: 1, rcmd: 'GO', params: [{ cpname: 'P', cepval: U4(1) }] }),
    body: L(U4(1), A(''), A('GO'), L(L(A('P'), U4(1)))),
    w: true,
  },
  { sf: 'S2F50', build: () => S2F50({ hcack: 0 }), body: L(B(0), L()), w: false },
  {
    sf: 'S6F1',
    build: () => S6F1({ trid: 1, smpln: 1, stime: '2026120512000000', values: [U4(5)] }),
    body: L(U4(1), U4(1), A('2026120512000000'), L(U4(5))),
    w: true,
  },
  { sf: 'S6F2', build: () => S6F2(), body: B(0), w: false },
  { sf: 'S6F5', build: () => S6F5({ dataId: 1, dataLength: 9 }), body: L(U4(1), U4(9)), w: true },
  { sf: 'S6F6', build: () => S6F6('notInterested'), body: B(2), w: false },
  { sf: 'S6F19', build: () => S6F19(4), body: U4(4), w: true },
  { sf: 'S6F20', build: () => S6F20([A('x')]), body: L(A('x')), w: false },
  { sf: 'S6F21', build: () => S6F21(4), body: U4(4), w: true },
  { sf: 'S6F22', build: () => S6F22([{ vid: 1, value: A('x') }]), body: L(L(U4(1), A('x'))), w: false },
  { sf: 'S6F23', build: () => S6F23('transmit'), body: U1(0), w: true },
  { sf: 'S6F24', build: () => S6F24('ok'), body: B(0), w: false },
  { sf: 'S10F5', build: () => S10F5({ tid: 0, lines: ['a'] }), body: L(B(0), L(A('a'))), w: true },
  { sf: 'S10F6', build: () => S10F6(), body: B(0), w: false },
  { sf: 'S10F7', build: () => S10F7(), body: B(0), w: false },
  { sf: 'S10F9', build: () => S10F9('hi'), body: A('hi'), w: true },
  { sf: 'S10F10', build: () => S10F10(), body: B(0), w: false },
];

describe('message builders', () => {
  it('cover every builder the catalogue exports', () => {
    const exported = Object.keys(catalogueApi)
      .filter((name) => /^S\d+F\d+$/.test(name))
      .sort();
    expect(cases.map((c) => c.sf).sort()).toEqual(exported);
  });

  it.each(cases)('$sf builds the catalogue body with the entry W-bit', ({ sf, build, body, w }) => {
    const message = build();
    expect(message.sf).toBe(sf);
    expect(message.wBit).toBe(w);
    if (body === undefined) expect(message.body).toBeUndefined();
    else expect(message.body?.equals(body), message.body?.toSml()).toBe(true);
    expect(secsCatalogue.validateMessage(message)).toEqual({ ok: true });
  });

  it('clears the W-bit of an optional-W message on request', () => {
    expect(S6F11({ dataId: 1, ceid: 2 }, { wBit: false }).wBit).toBe(false);
    expect(S5F1({ alcd: 0, alid: 1, altx: '' }, { wBit: false }).wBit).toBe(false);
  });

  it('refuses a W-bit the entry does not allow', () => {
    expect(() => S1F1({ wBit: false })).toThrow(CatalogueValueError);
    expect(() => S1F2(undefined, { wBit: true })).toThrow(CatalogueValueError);
  });

  it('refuses a value that breaks the structure, naming the path', () => {
    expect(() => S2F41({ rcmd: 'START', params: [{ cpname: 'LOT', cpval: L() }] })).toThrow(
      /S2F41 body\[1\]\[0\]\[1\]: CPVAL expected one of .*got L/,
    );
    const error = (() => {
      try {
        S1F14({ commack: 0, mdln: 'M'.repeat(21), softrev: '1' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SecsBodyMismatchError);
    expect((error as SecsBodyMismatchError).failure.path).toBe('body[1][0]');
  });

  it('refuses an unknown constant name with the names it knows', () => {
    expect(() => S2F42({ hcack: 'fine' as 'ok' })).toThrow(/HCACK has no constant named 'fine' \(it has ok, invalidCommand/);
  });

  it('refuses a plain value a data item cannot hold', () => {
    expect(() => S5F1({ alcd: 0, alid: 'seven', altx: '' })).toThrow(/ALID cannot hold text 'seven'/);
  });
});

describe('default formats', () => {
  it('use the data file default (CEID as U4) for a plain number', () => {
    expect(S6F15(7).body?.type).toBe('U4');
  });

  it('take a per-call format over the default', () => {
    const message = S6F11(
      { dataId: 1, ceid: 7, reports: [{ rptid: 3, values: [] }] },
      { formats: { CEID: 'U2', DATAID: 'U8', RPTID: 'I4' } },
    );
    expect(message.body?.equals(L(U8(1), U2(7), L(L(I4(3), L()))))).toBe(true);
  });

  it('take a catalogue-wide format set with setDefaultFormat', () => {
    const catalogue = new SecsCatalogue();
    catalogue.setDefaultFormat('CEID', 'U1');
    expect(S6F15(7, { catalogue }).body?.equals(U1(7))).toBe(true);
    expect(S6F15(7).body?.type).toBe('U4'); // the shared catalogue is untouched
  });

  it('refuse a format the data item does not allow', () => {
    expect(() => new SecsCatalogue().setDefaultFormat('CEID', 'F4')).toThrow(/CEID does not allow format F4/);
    expect(() => S6F15(7, { formats: { CEID: 'B' } })).toThrow(CatalogueValueError);
  });

  it('move to a format that can hold the value when the default cannot', () => {
    expect(S6F15(-1).body?.type).toBe('I4');
    expect(S6F15(2n ** 40n).body?.type).toBe('U8');
    expect(S2F41({ rcmd: 3 }).body?.equals(L(U1(3), L()))).toBe(true);
  });

  it('pass items through untouched', () => {
    expect(S6F15(U2(7)).body?.equals(U2(7))).toBe(true);
  });
});
