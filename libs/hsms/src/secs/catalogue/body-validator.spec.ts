import { describe, expect, it } from 'vitest';
import { A, B, BOOLEAN, C2, F4, F8, I1, I4, J, L, U1, U2, U4, U8, type SecsItem } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { UnknownSecsMessageError } from './catalogue-errors.js';
import { SecsCatalogue, secsCatalogue, validateBody } from './secs-catalogue.js';
import type { ValidationFailure } from './validation-result.js';

const header10 = B(0, 0, 0x81, 1, 0, 0, 0, 0, 0, 7);

// [sf, body] pairs the structure accepts.
const good: Array<[string, SecsItem | undefined]> = [
  ['S1F1', undefined],
  ['S1F2', L(A('MDLN01'), A('1.0.0'))],
  ['S1F2', L()],
  ['S1F3', L()],
  ['S1F3', L(U4(1), A('Temp'), U8(5n), I1(-3))],
  ['S1F4', L(F4(1.5), L(A('nested'), U1(1)), U4())],
  ['S1F14', L(B(0), L(A('MDLN'), A('REV')))],
  ['S1F14', L(B(1), L())],
  ['S1F18', B(2)],
  ['S2F15', L(L(U4(10), F8(3.5)), L(A('EC2'), A('value')))],
  ['S2F18', A('240101120000')],
  ['S2F18', A('20240101120000')],
  ['S2F18', A('2024010112000000')],
  ['S2F33', L(U4(1), L(L(U4(100), L(U4(1), U4(2))), L(U4(101), L())))],
  ['S2F35', L(U4(1), L(L(U4(10), L(U4(100)))))],
  ['S2F37', L(BOOLEAN(true), L())],
  ['S2F41', L(A('START'), L(L(A('LOT'), A('L1')), L(A('QTY'), U4(25))))],
  ['S2F41', L(U1(3), L())],
  ['S2F42', L(B(3), L(L(A('QTY'), B(2))))],
  ['S5F1', L(B(0x82), U4(7), A('door open'))],
  ['S5F3', L(B(0x80), U4())],
  ['S5F5', U4(1, 2, 3)],
  ['S6F11', L(U4(1), U4(100), L(L(U4(10), L(A('x'), U4(1), L())), L(A('R2'), L())))],
  ['S7F3', L(A('RECIPE'), B(1, 2, 3))],
  ['S7F6', L()],
  ['S7F6', L(B(9), A('program text'))],
  ['S9F7', header10],
  ['S9F13', L(A('S6F12'), U4(1))],
  ['S10F3', L(B(0), A('hello'))],
  ['S10F3', L(B(0), C2('héllo ✓'))],
  ['S10F3', L(B(0), J('ｶﾀｶﾅ'))],
];

// [sf, body, path, message] cases the structure refuses.
const bad: Array<[string, SecsItem | undefined, string, string]> = [
  ['S1F1', L(), 'body', 'S1F1 body: expected no body, got L[0]'],
  ['S1F2', A('x'), 'body', 'S1F2 body: expected one of L[2], L[0], got A'],
  ['S1F2', L(A('M'), U4(1)), 'body[1]', 'S1F2 body[1]: SOFTREV expected A[..20], got U4'],
  ['S1F2', L(A('M'.repeat(21)), A('1')), 'body[0]', 'S1F2 body[0]: MDLN expected A[..20], got A[21]'],
  ['S1F3', undefined, 'body', 'S1F3 body: expected L, got no body'],
  ['S1F3', L(U4(1), F4(2)), 'body[1]', 'S1F3 body[1]: SVID expected one of U1, U2, U4, U8, I1, I2, I4, I8, A, got F4'],
  ['S1F14', L(B(0, 1), L()), 'body[0]', 'S1F14 body[0]: COMMACK expected B[1], got B[2]'],
  ['S1F14', L(U1(0), L()), 'body[0]', 'S1F14 body[0]: COMMACK expected B[1], got U1'],
  ['S1F14', L(B(0), L(A('M'))), 'body[1]', 'S1F14 body[1]: expected one of L[2], L[0], got L[1]'],
  ['S1F14', L(B(0)), 'body', 'S1F14 body: expected L[2], got L[1]'],
  ['S2F18', A('2024'), 'body', 'S2F18 body: TIME expected A[12|14|16], got A[4]'],
  [
    'S2F33',
    L(U4(1), L(L(U4(100), L(U4(1), L())))),
    'body[1][0][1][1]',
    'S2F33 body[1][0][1][1]: VID expected one of U1, U2, U4, U8, I1, I2, I4, I8, A, got L',
  ],
  ['S2F37', L(B(1), L()), 'body[0]', 'S2F37 body[0]: CEED expected BOOLEAN[1], got B'],
  [
    'S2F41',
    L(A('START'), L(L(A('LOT'), L()))),
    'body[1][0][1]',
    'S2F41 body[1][0][1]: CPVAL expected one of A, J, C2, B, BOOLEAN, U1, U2, U4, U8, I1, I2, I4, I8, F4, F8, got L',
  ],
  ['S2F41', L(A('START'), L(L(A('LOT')))), 'body[1][0]', 'S2F41 body[1][0]: expected L[2], got L[1]'],
  ['S2F41', L(U4(1), L()), 'body[0]', 'S2F41 body[0]: RCMD expected one of A, U1, I1, got U4'],
  ['S2F41', L(A('START'), A('x')), 'body[1]', 'S2F41 body[1]: expected L, got A'],
  ['S2F42', L(B(0), L(L(A('QTY'), B()))), 'body[1][0][1]', 'S2F42 body[1][0][1]: CPACK expected B[1], got B[0]'],
  ['S5F1', L(B(0x82), A('7'), A('door')), 'body[1]', 'S5F1 body[1]: ALID expected one of U1, U2, U4, U8, I1, I2, I4, I8, got A'],
  ['S5F1', L(B(0x82), U4(7), A('x'.repeat(121))), 'body[2]', 'S5F1 body[2]: ALTX expected A[..120], got A[121]'],
  ['S6F11', L(U4(1), U4(100), L(L(U4(10)))), 'body[2][0]', 'S6F11 body[2][0]: expected L[2], got L[1]'],
  ['S6F11', L(U4(1), L(), L()), 'body[1]', 'S6F11 body[1]: CEID expected one of U1, U2, U4, U8, I1, I2, I4, I8, A, got L'],
  ['S7F6', L(A('P')), 'body', 'S7F6 body: expected one of L[2], L[0], got L[1]'],
  ['S9F7', B(1, 2, 3), 'body', 'S9F7 body: MHEAD expected B[10], got B[3]'],
  ['S9F9', undefined, 'body', 'S9F9 body: expected SHEAD, got no body'],
  ['S10F3', L(B(0), I4(1)), 'body[1]', 'S10F3 body[1]: TEXT expected one of A, J, C2, got I4'],
  ['S10F4', U2(0), 'body', 'S10F4 body: ACKC10 expected B[1], got U2'],
];

describe('validateBody', () => {
  it.each(good)('accepts a well-formed %s body (case %#)', (sf, body) => {
    expect(validateBody(sf, body)).toEqual({ ok: true });
  });

  it.each(bad)('refuses a malformed %s body at %s', (sf, body, path, message) => {
    const result = validateBody(sf, body) as ValidationFailure;
    expect(result.ok).toBe(false);
    expect(result.sf).toBe(sf);
    expect(result.path).toBe(path);
    expect(result.message).toBe(message);
  });

  it('names the data item, the expectation and what was found as separate fields', () => {
    const result = validateBody('S2F41', L(A('START'), L(L(A('LOT'), L())))) as ValidationFailure;
    expect(result).toMatchObject({ ok: false, dataItem: 'CPVAL', actual: 'L', path: 'body[1][0][1]' });
    expect(result.expected).toMatch(/^one of A, /);
  });

  it('reports the deepest mismatch when no alternative matches', () => {
    const result = validateBody('S1F13', L(A('MDLN'), B(1))) as ValidationFailure;
    expect(result.path).toBe('body[1]');
    expect(result.dataItem).toBe('SOFTREV');
  });

  it('accepts any list where the data item allows L, without looking inside', () => {
    let deep: SecsItem = U4(1);
    for (let i = 0; i < 200; i++) deep = L(deep, A('x'));
    expect(validateBody('S1F4', L(deep))).toEqual({ ok: true });
  });

  it('takes the message as an entry, a stream/function pair or an SxFy string', () => {
    const body = L(B(0), L());
    expect(validateBody(secsCatalogue.get(1, 14), body).ok).toBe(true);
    expect(secsCatalogue.validate({ stream: 1, function: 14 }, body).ok).toBe(true);
    expect(secsCatalogue.validate('s1f14', body).ok).toBe(true);
  });

  it('throws UnknownSecsMessageError for a message the catalogue does not hold', () => {
    expect(() => validateBody('S99F1', undefined)).toThrow(UnknownSecsMessageError);
  });
});

describe('SecsCatalogue.validateMessage', () => {
  const catalogue = new SecsCatalogue();

  it('accepts a message whose W-bit and body follow its entry', () => {
    expect(catalogue.validateMessage(new SecsMessage(2, 41, true, L(A('GO'), L()))).ok).toBe(true);
  });

  it('refuses a required-W primary sent without the W-bit', () => {
    const result = catalogue.validateMessage(new SecsMessage(1, 1, false)) as ValidationFailure;
    expect(result).toMatchObject({ ok: false, path: 'header', expected: 'W-bit set', actual: 'W-bit clear' });
  });

  it('refuses a reply sent with the W-bit', () => {
    const result = catalogue.validateMessage(new SecsMessage(1, 2, true, L())) as ValidationFailure;
    expect(result).toMatchObject({ ok: false, path: 'header', expected: 'W-bit clear' });
  });

  it('accepts either W-bit for an optional-W primary', () => {
    const body = L(B(0x81), U4(1), A('x'));
    expect(catalogue.validateMessage(new SecsMessage(5, 1, true, body)).ok).toBe(true);
    expect(catalogue.validateMessage(new SecsMessage(5, 1, false, body)).ok).toBe(true);
  });

  it('checks the body after the header', () => {
    const result = catalogue.validateMessage(new SecsMessage(2, 41, true, L(A('GO')))) as ValidationFailure;
    expect(result.path).toBe('body');
  });
});
