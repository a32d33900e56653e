import { encodeItem } from './item-encoder.js';
import type { SecsItem } from './secs-item.js';

/**
 * Encodings up to this size are remembered per item: an equipment answers S1F1 with the same
 * <L <A MDLN> <A SOFTREV>> object every time, and re-encoding it was a tenth of its CPU per reply
 * (issue 10 profile). Large bodies are encoded each time: remembering them would hold their bytes
 * twice for as long as the item lives.
 */
export const CACHED_ENCODING_MAX_BYTES = 4096;

/** Keyed by the item object: an item built anew per message is never found and costs one miss. */
const encodings = new WeakMap<SecsItem, Buffer>();

/**
 * `encodeItem(item)`, remembered for small items (SECS-II items are immutable, so their encoding
 * never changes). The buffer may be shared between messages: it must not be written to, as with
 * any encoded body a SecsMessage holds.
 */
export function encodeBodyOnce(item: SecsItem): Buffer {
  const known = encodings.get(item);
  if (known !== undefined) return known;
  const bytes = encodeItem(item);
  if (bytes.length <= CACHED_ENCODING_MAX_BYTES) encodings.set(item, bytes);
  return bytes;
}
