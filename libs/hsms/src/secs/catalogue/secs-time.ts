import { CatalogueValueError } from './catalogue-errors.js';

/**
 * TIME (E5 data item) as text: 12 characters YYMMDDhhmmss, 16 characters YYYYMMDDhhmmsscc
 * (cc = centiseconds), and the 14-character YYYYMMDDhhmmss much equipment sends. Equipment clocks
 * run on local time, so local time is the default; pass { utc: true } for UTC.
 */
export type SecsTimeLength = 12 | 14 | 16;

export interface SecsTimeOptions {
  /** Read and write the fields as UTC instead of local time (default false). */
  readonly utc?: boolean;
}

export function formatSecsTime(date: Date, length: SecsTimeLength = 16, options: SecsTimeOptions = {}): string {
  if (Number.isNaN(date.getTime())) throw new CatalogueValueError('TIME cannot be made from an invalid Date');
  const f = fields(date, options.utc === true);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const clock = `${p(f.month)}${p(f.day)}${p(f.hour)}${p(f.minute)}${p(f.second)}`;
  if (length === 12) return `${p(f.year % 100)}${clock}`;
  const long = `${p(f.year, 4)}${clock}`;
  return length === 14 ? long : `${long}${p(Math.floor(f.millisecond / 10))}`;
}

/**
 * The Date of a TIME text. Two-digit years (the 12-character form) are read as 2000-2099, which
 * is how current equipment writes them.
 */
export function parseSecsTime(text: string, options: SecsTimeOptions = {}): Date {
  if (!/^\d+$/.test(text) || ![12, 14, 16].includes(text.length)) {
    throw new CatalogueValueError(`TIME '${text}' is not 12, 14 or 16 digits`);
  }
  const short = text.length === 12;
  const year = short ? 2000 + Number(text.slice(0, 2)) : Number(text.slice(0, 4));
  const rest = text.slice(short ? 2 : 4);
  const num = (i: number) => Number(rest.slice(i, i + 2));
  const [month, day, hour, minute, second] = [num(0), num(2), num(4), num(6), num(8)];
  const ms = text.length === 16 ? num(10) * 10 : 0;
  const date =
    options.utc === true
      ? new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms))
      : new Date(year, month - 1, day, hour, minute, second, ms);
  const back = fields(date, options.utc === true);
  if (back.month !== month || back.day !== day || back.hour !== hour || back.minute !== minute || back.second !== second) {
    throw new CatalogueValueError(`TIME '${text}' is not a valid date and time`);
  }
  return date;
}

function fields(d: Date, utc: boolean) {
  return utc
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        millisecond: d.getUTCMilliseconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
        second: d.getSeconds(),
        millisecond: d.getMilliseconds(),
      };
}
