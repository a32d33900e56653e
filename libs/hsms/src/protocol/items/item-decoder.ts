import type { SecsItem } from './secs-item.js';
export interface ItemDecodeLimits {
  /** Deepest list nesting accepted (root = 1). Default 64. */
  maxDepth?: number;
  /** Most items (lists and leaves) in one tree. Default 1,000,000. */
  maxItems?: number;
  /** Most bytes the decoder reads. Default: the input length. */
  maxBytes?: number;
}
// STUB: to be replaced by the item codec work.
export function decodeItem(bytes: Uint8Array, limits?: ItemDecodeLimits): SecsItem {
  throw new Error(`decodeItem not implemented yet (${bytes.length} ${JSON.stringify(limits)})`);
}
