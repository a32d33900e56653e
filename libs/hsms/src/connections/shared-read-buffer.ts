/** Bytes one read may bring: what Node reads per call on a socket without onread too. */
export const SHARED_READ_BUFFER_BYTES = 64 * 1024;

let shared: Buffer | undefined;

/**
 * The one buffer every onread socket of this process reads into. Sharing it is safe because a
 * read's bytes are handled synchronously in the read callback and nothing keeps a view of them
 * (the frame decoder and the fair reader copy what they keep; see their `borrowed` flags), and
 * the event loop runs one read callback at a time. One buffer, not one per connection: a thousand
 * active peers would otherwise hold 64 MiB of read buffers.
 */
export function sharedReadBuffer(): Buffer {
  shared ??= Buffer.allocUnsafe(SHARED_READ_BUFFER_BYTES);
  return shared;
}
