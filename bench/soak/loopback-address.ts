// Distinct loopback addresses for the soak's peers. Linux routes all of 127.0.0.0/8 to lo, so a
// socket can bind any of them. 127.3.x.y keeps clear of the other benchmarks' and tests' ranges.

/** The i-th soak peer address (i from 0): 127.3.0.1 .. 127.3.0.250, 127.3.1.1 .. (up to 64,000). */
export function soakAddress(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= 256 * 250) throw new RangeError(`soak peer index ${i} is outside 0..63999`);
  return `127.3.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}
