/** Up to this many bytes are copied by a loop; longer runs by Buffer.copy. */
export const SMALL_COPY_BYTES = 64;

/**
 * Buffer.copy with no allocation for short runs: Node's copy makes a Uint8Array view per call, a
 * measurable share of the garbage per message when texts are a few dozen bytes (issue 10).
 * Returns the number of bytes copied.
 */
export function copyBytes(source: Buffer, target: Buffer, targetStart: number, sourceStart = 0, sourceEnd = source.length): number {
  const n = sourceEnd - sourceStart;
  if (n > SMALL_COPY_BYTES) return source.copy(target, targetStart, sourceStart, sourceEnd);
  for (let i = 0; i < n; i++) target[targetStart + i] = source[sourceStart + i]!;
  return n;
}
