import { describe, expect, it } from 'vitest';
import { HsmsHeader } from '../../protocol/hsms/hsms-header.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import { A, B, BOOLEAN, F8, I8, L, U1, U2, U4, U8 } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { CatalogueValueError, SecsBodyMismatchError } from './catalogue-errors.js';
import { SecsCatalogue } from './secs-catalogue.js';
import {
  parseS1F2,
  parseS1F3,
  parseS1F4,
  parseS1F12,
  parseS1F13,
  parseS1F14,
  parseS1F16,
  parseS1F18,
  parseS2F15,
  parseS2F18,
  parseS2F30,
  parseS2F33,
  parseS2F35,
  parseS2F37,
  parseS2F41,
  parseS2F42,
  parseS5F1,
  parseS5F3,
  parseS5F5,
  parseS5F6,
  parseS6F11,
  parseS6F15,
  parseS6F16,
  parseS7F1,
  parseS7F3,
  parseS7F6,
  parseS7F17,
  parseS9F7,
  parseS9F9,
  parseS9F13,
  parseS10F1,
  parseS10F3,
  parseS10F4,
  S1F12,
  S1F14,
  S2F30,
  S2F33,
  S2F35,
  S2F41,
  S2F42,
  S5F3,
  S6F11,
  S7F3,
  S9F9,
  S10F3,
} from './index.js';

describe('message parsers', () => {
  it('read S6F11 into data id, event and reports', () => {
    const body = L(U4(1), U4(100), L(L(U4(10), L(A('LOT1'), U4(25))), L(A('R2'), L())));
    expect(parseS6F11(body)).toEqual({
      dataId: 1,
      ceid: 100,
      reports: [
        { rptid: 10, values: [A('LOT1'), U4(25)] },
        { rptid: 'R2', values: [] },
      ],
    });
  });

  it('read a received, still encoded message and decode its body on the way', () => {
    const message = SecsMessage.fromEncoded(6, 11, true, encodeItem(L(U8(1n), A('EV'), L())));
    expect(parseS6F11(message)).toEqual({ dataId: 1n, ceid: 'EV', reports: [] });
  });

  it('refuse a message of another stream/function', () => {
    expect(() => parseS6F11(new SecsMessage(6, 13, true, L()))).toThrow(CatalogueValueError);
  });

  it('refuse a body that breaks the structure with the path of the mismatch', () => {
    expect(() => parseS6F11(L(U4(1), U4(2)))).toThrow(SecsBodyMismatchError);
    expect(() => parseS2F42(L(B(0), L(L(A('X'), U1(1)))))).toThrow(/S2F42 body\[1\]\[0\]\[1\]: CPACK expected B\[1\], got U1/);
  });

  it('refuse a numeric id that holds several values', () => {
    expect(() => parseS6F15(U4(1, 2))).toThrow(/S6F15 body: CEID expected U4\[1\], got U4\[2\]/);
  });

  it('read S1F14 with and without the equipment identity', () => {
    expect(parseS1F14(S1F14({ commack: 'accepted', mdln: 'ETCH', softrev: '2.1' }))).toEqual({ commack: 0, mdln: 'ETCH', softrev: '2.1' });
    expect(parseS1F14(L(B(1), L()))).toEqual({ commack: 1, mdln: undefined, softrev: undefined });
  });

  it('read S1F2 and S1F13 as an identity, or undefined for the host form', () => {
    expect(parseS1F2(L(A('M'), A('R')))).toEqual({ mdln: 'M', softrev: 'R' });
    expect(parseS1F13(L())).toBeUndefined();
  });

  it('read ids, values and codes of stream 1', () => {
    expect(parseS1F3(L(U4(1), A('X'), I8(-5n)))).toEqual([1, 'X', -5n]);
    expect(parseS1F4(L(F8(2.5)))).toEqual([F8(2.5)]);
    expect(parseS1F12(S1F12([{ svid: 3, svname: 'P', units: 'Pa' }]))).toEqual([{ svid: 3, svname: 'P', units: 'Pa' }]);
    expect(parseS1F16(B(0))).toBe(0);
    expect(parseS1F18(B(2))).toBe(2);
  });

  it('read the stream 2 requests an equipment answers', () => {
    expect(parseS2F15(L(L(U4(5), U2(10))))).toEqual([{ ecid: 5, ecv: U2(10) }]);
    expect(parseS2F18(A('240101123045'))).toBe('240101123045');
    const ec = { ecid: 5, ecname: 'T', ecmin: U2(), ecmax: U2(), ecdef: U2(1), units: '' };
    expect(parseS2F30(S2F30([ec]))).toEqual([ec]);
    expect(parseS2F33(S2F33({ dataId: 1, reports: [{ rptid: 9, vids: [1, 'V2'] }] }))).toEqual({
      dataId: 1,
      reports: [{ rptid: 9, vids: [1, 'V2'] }],
    });
    expect(parseS2F35(S2F35({ dataId: 1, links: [{ ceid: 4, rptids: [] }] }))).toEqual({ dataId: 1, links: [{ ceid: 4, rptids: [] }] });
    expect(parseS2F37(L(BOOLEAN(false), L(U4(3))))).toEqual({ enable: false, ceids: [3] });
    expect(parseS2F41(S2F41({ rcmd: 'PP-SELECT', params: [{ cpname: 'PPID', cpval: A('R1') }] }))).toEqual({
      rcmd: 'PP-SELECT',
      params: [{ cpname: 'PPID', cpval: A('R1') }],
    });
    expect(parseS2F42(S2F42({ hcack: 'parameterInvalid', params: [{ cpname: 'PPID', cpack: 'unknownName' }] }))).toEqual({
      hcack: 3,
      params: [{ cpname: 'PPID', cpack: 1 }],
    });
  });

  it('read S5F1 with the ALCD split into set bit and category', () => {
    expect(parseS5F1(L(B(0x85), U4(7), A('vacuum')))).toEqual({ alcd: 0x85, set: true, category: 5, alid: 7, altx: 'vacuum' });
    expect(parseS5F6(L(L(B(0x02), U2(3), A(''))))).toEqual([{ alcd: 2, set: false, category: 2, alid: 3, altx: '' }]);
  });

  it('read S5F3 with a zero-length ALID as every alarm', () => {
    expect(parseS5F3(S5F3({ enable: false }))).toEqual({ enable: false, aled: 0, alid: undefined });
    expect(parseS5F3(L(B(1), U4(9)))).toEqual({ enable: true, aled: 1, alid: 9 });
  });

  it('read the ALID vector of S5F5', () => {
    expect(parseS5F5(U4(1, 2, 3))).toEqual([1, 2, 3]);
    expect(parseS5F5(U4())).toEqual([]);
  });

  it('read stream 6 requests and data', () => {
    expect(parseS6F15(A('LotStart'))).toBe('LotStart');
    expect(parseS6F16(S6F11({ dataId: 1, ceid: 2 }).body)).toEqual({ dataId: 1, ceid: 2, reports: [] });
  });

  it('read process programs with text or byte PPIDs', () => {
    expect(parseS7F1(L(A('RCP'), U4(10)))).toEqual({ ppid: 'RCP', length: 10 });
    expect(parseS7F3(S7F3({ ppid: Uint8Array.of(1), ppbody: 'text body' }))).toEqual({ ppid: Uint8Array.of(1), ppbody: A('text body') });
    expect(parseS7F6(L())).toBeUndefined();
    expect(parseS7F17(L(A('A'), B(2)))).toEqual(['A', Uint8Array.of(2)]);
  });

  it('read the header an S9 message carries, system bytes included', () => {
    const header = HsmsHeader.data(1, 6, 11, true, 0xdeadbeef);
    const parsed = parseS9F9(S9F9(header));
    expect(parsed).toMatchObject({ sessionId: 1, stream: 6, function: 11, requireResponse: true, system: 0xdeadbeef });
    expect(() => parseS9F7(B(1, 2))).toThrow(/MHEAD expected B\[10\]/);
    expect(parseS9F13(L(A('S6F12'), U4(3)))).toEqual({ mexp: 'S6F12', edid: U4(3) });
  });

  it('read terminal messages', () => {
    expect(parseS10F1(L(B(0), A('call')))).toEqual({ tid: 0, text: 'call' });
    expect(parseS10F3(S10F3({ tid: 2, text: 'ダメ' }))).toEqual({ tid: 2, text: 'ダメ' });
    expect(parseS10F4(B(1))).toBe(1);
  });

  it('check against the catalogue given in the options', () => {
    const catalogue = new SecsCatalogue();
    catalogue.addDataItem({ name: 'CEID', format: 'A' }, { replace: true });
    expect(parseS6F15(U4(1))).toBe(1);
    expect(() => parseS6F15(U4(1), { catalogue })).toThrow(/S6F15 body: CEID expected A, got U4/);
    expect(parseS6F15(A('E1'), { catalogue })).toBe('E1');
  });
});
