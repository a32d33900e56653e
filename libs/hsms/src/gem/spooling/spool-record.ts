import { decodeItem } from '../../protocol/items/item-decoder.js';
import { SecsMessage } from '../../protocol/secs-message.js';

// One spooled message as the spool queue stores it: stream, function, flags (bit 0 W-bit, bit 1
// has a body), then the SECS-II encoding of the body. The system bytes are not kept: a spooled
// message is sent as a new primary with fresh ones when the host asks for it.

const W_BIT = 1;
const HAS_BODY = 2;

export function encodeSpoolRecord(message: SecsMessage): Uint8Array {
  // the message's own (cached) encoding: a received message is not decoded only to be encoded again
  const encoded = message.encodeBody();
  const body = encoded.length === 0 ? undefined : encoded;
  const record = new Uint8Array(3 + (body?.length ?? 0));
  record[0] = message.stream;
  record[1] = message.function;
  record[2] = (message.wBit ? W_BIT : 0) | (body === undefined ? 0 : HAS_BODY);
  if (body !== undefined) record.set(body, 3);
  return record;
}

/** Throws (RangeError, or the item decoder's error) for a record that is not one of ours. */
export function decodeSpoolRecord(record: Uint8Array): SecsMessage {
  if (record.length < 3) throw new RangeError(`spool record of ${record.length} bytes is too short`);
  const flags = record[2]!;
  const body = (flags & HAS_BODY) !== 0 ? decodeItem(record.subarray(3)) : undefined;
  return new SecsMessage(record[0]!, record[1]!, (flags & W_BIT) !== 0, body);
}
