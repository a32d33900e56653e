import { describe, expect, it } from 'vitest';
import { A, BOOLEAN, F8, I4, U1, U2, U4, U8 } from '../protocol/items/secs-item.js';
import { defaultFormat, emptyItem, fromItem, inRange, toItem } from './equipment-constant-values.js';

describe('equipment constant values', () => {
  it('picks a wire format from the default value', () => {
    expect([defaultFormat(5), defaultFormat(-5), defaultFormat(1.5), defaultFormat(5n), defaultFormat('x'), defaultFormat(true)]).toEqual([
      'U4',
      'I4',
      'F8',
      'U8',
      'A',
      'BOOLEAN',
    ]);
  });

  it('builds the ECV item in the constant format', () => {
    expect(toItem('U2', 300).equals(U2(300))).toBe(true);
    expect(toItem('U8', 7).equals(U8(7n))).toBe(true);
    expect(toItem('A', 'abc').equals(A('abc'))).toBe(true);
    expect(emptyItem('U4').equals(U4())).toBe(true);
  });

  it('reads any single numeric format into a numeric constant and refuses text, lists, two values and fractions for integers', () => {
    expect(fromItem('U2', U4(7))).toBe(7);
    expect(fromItem('U2', F8(7))).toBe(7);
    expect(fromItem('F8', I4(-3))).toBe(-3);
    expect(fromItem('U8', U1(9))).toBe(9n);
    expect(fromItem('U2', F8(7.5))).toBeUndefined();
    expect(fromItem('U2', A('7'))).toBeUndefined();
    expect(fromItem('U2', U4(1, 2))).toBeUndefined();
    expect(fromItem('A', U4(1))).toBeUndefined();
    expect(fromItem('BOOLEAN', BOOLEAN(true))).toBe(true);
  });

  it('checks the limits inclusively and that the value fits the format', () => {
    expect(inRange('U4', 10, 0, 10)).toBe(true);
    expect(inRange('U4', 11, 0, 10)).toBe(false);
    expect(inRange('I4', -1, 0)).toBe(false);
    expect(inRange('U1', 256)).toBe(false);
    expect(inRange('U8', 2n ** 60n, 0, 2n ** 61n)).toBe(true);
    expect(inRange('U8', 2n ** 62n, 0, 2n ** 61n)).toBe(false);
    expect(inRange('F8', 0.5, 0, 1)).toBe(true);
    expect(inRange('A', 'x')).toBe(true);
    expect(inRange('A', 5)).toBe(false);
  });
});
