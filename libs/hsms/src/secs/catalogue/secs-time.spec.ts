import { describe, expect, it } from 'vitest';
import { CatalogueValueError } from './catalogue-errors.js';
import { S2F18, S2F31 } from './index.js';
import { formatSecsTime, parseSecsTime } from './secs-time.js';

const noon = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));

describe('SECS TIME text', () => {
  it.each([
    [12, '240229123456'],
    [14, '20240229123456'],
    [16, '2024022912345678'],
  ] as const)('formats a Date in UTC as %i characters', (length, text) => {
    expect(formatSecsTime(noon, length, { utc: true })).toBe(text);
  });

  it('formats local time by default', () => {
    const local = new Date(2024, 0, 2, 3, 4, 5, 60);
    expect(formatSecsTime(local)).toBe('2024010203040506');
  });

  it.each(['240229123456', '20240229123456', '2024022912345678'])('reads %s back to the same instant (to the centisecond)', (text) => {
    const date = parseSecsTime(text, { utc: true });
    expect(formatSecsTime(date, text.length as 12 | 14 | 16, { utc: true })).toBe(text);
  });

  it.each(['2024', '20240229T12345', '20240230123456', '2024022912605600'])('refuses %s', (text) => {
    expect(() => parseSecsTime(text)).toThrow(CatalogueValueError);
  });

  it('lets S2F18 and S2F31 take a Date in the length asked for', () => {
    expect(S2F18(noon, { utc: true }).body?.toSml()).toBe('<A "2024022912345678">');
    expect(S2F31(noon, { utc: true, timeLength: 12 }).body?.toSml()).toBe('<A "240229123456">');
  });
});
