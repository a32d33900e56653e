// Number forms of the printer. Every form parses back (parseSml) to the same value:
// integers are decimal, floats the shortest text that reads back to the same bits, and the
// special values are `NaN`, `Infinity`, `-Infinity` and `-0` (String(-0) would lose the sign).

/** An F8 value: String() already gives the shortest text that round-trips a double. */
export function formatF8(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * An F4 value: the shortest decimal that becomes the same float32 again, so `0.1f` prints as `0.1`
 * rather than the double 0.10000000149011612. Nine significant digits always suffice for float32.
 */
export function formatF4(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return formatF8(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

/** An integer value of I1..U8 (numbers and bigints alike print in decimal). */
export function formatInteger(value: number | bigint): string {
  return String(value);
}
