import type { SecsItem } from './secs-item.js';
// STUB: to be replaced by the item codec work.
export function encodeItem(item: SecsItem): Buffer {
  throw new Error(`encodeItem not implemented yet (${item.type})`);
}
