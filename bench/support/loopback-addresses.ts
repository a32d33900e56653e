// Distinct loopback addresses for many peers: Linux routes all of 127.0.0.0/8 to lo, so a socket
// can bind any of them without configuration.

/** The i-th peer address (i from 0): 127.1.0.1 .. 127.1.0.250, 127.1.1.1 .. (up to 64,000 peers). */
export function peerAddress(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= 256 * 250) throw new RangeError(`peer index ${i} is outside 0..63999`);
  return `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}
