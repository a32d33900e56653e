import { createHash } from 'node:crypto';
import type { SecsItem, SecsMessage } from '@app/hsms';
import { equipmentToken } from '@app/gateway-client';

/** E5 messages whose body is L[DATAID, ...]: the data id is the first item. */
const DATAID_FIRST = new Set(['S6F3', 'S6F9', 'S6F11', 'S6F13']);

/**
 * The JetStream message id (Nats-Msg-Id) of a tool's event: the same for every re-send of the same
 * event, whichever gateway receives it, so the stream stores it once. With `uniqueDataIds` and a
 * DATAID present: equipment.SxFy.d.<DATAID>. Otherwise: equipment.SxFy.h.<SHA-256 of the body,
 * 128 bits>, which two byte-identical events within the duplicate window would share.
 */
export function eventMessageId(equipment: string, message: SecsMessage, uniqueDataIds: boolean): string {
  const prefix = `${equipmentToken(equipment)}.${message.sf}`;
  if (uniqueDataIds && DATAID_FIRST.has(message.sf)) {
    const dataId = dataIdOf(message.body);
    if (dataId !== undefined) return `${prefix}.d.${dataId}`;
  }
  const hash = createHash('sha256').update(message.encodeBody()).digest('base64url').slice(0, 22);
  return `${prefix}.h.${hash}`;
}

function dataIdOf(body: SecsItem | undefined): string | undefined {
  if (body?.type !== 'L') return undefined;
  const first = body.items[0];
  if (!first) return undefined;
  if ('values' in first && first.values.length === 1) return String(first.values[0]);
  if (first.type === 'A' && 'value' in first && typeof first.value === 'string' && first.value !== '') return first.value;
  return undefined;
}
