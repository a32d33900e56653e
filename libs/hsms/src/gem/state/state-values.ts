import { decodeItem } from '../../protocol/items/item-decoder.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { IdReading } from '../../secs/catalogue/index.js';
import type { ConstantValue } from '../variable-definitions.js';
import type { StateDocument } from './gem-state-store.js';

// Values that JSON cannot hold as they are (bigint ids and constants, SECS-II items), written as
// tagged text so that what comes back is exactly what was stored.

export function idToDocument(id: IdReading): StateDocument {
  if (typeof id === 'bigint') return { big: id.toString() };
  return id;
}

export function idFromDocument(value: StateDocument | undefined): IdReading | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const big = (value as Record<string, StateDocument>)['big'];
    if (typeof big === 'string' && /^-?\d+$/.test(big)) return BigInt(big);
  }
  return undefined;
}

export function constantToDocument(value: ConstantValue): StateDocument {
  return typeof value === 'bigint' ? { big: value.toString() } : value;
}

export function constantFromDocument(value: StateDocument | undefined): ConstantValue | undefined {
  if (typeof value === 'boolean') return value;
  return idFromDocument(value);
}

export function itemToDocument(item: SecsItem): StateDocument {
  return encodeItem(item).toString('base64');
}

/** Throws when the text is not an encoded item. */
export function itemFromDocument(value: StateDocument | undefined): SecsItem {
  if (typeof value !== 'string') throw new TypeError('stored item is not base64 text');
  return decodeItem(Buffer.from(value, 'base64'));
}

/** The object fields of a document, or an empty record for anything else. */
export function fields(document: StateDocument | undefined): Record<string, StateDocument> {
  return document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, StateDocument>) : {};
}

export function list(document: StateDocument | undefined): readonly StateDocument[] {
  return Array.isArray(document) ? (document as readonly StateDocument[]) : [];
}
