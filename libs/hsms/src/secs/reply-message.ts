import { encodeBodyOnce } from '../protocol/items/encoded-body-cache.js';
import { isSecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import type { SecsReply } from './secs-callbacks.js';
import { NO_BYTES } from '../protocol/no-bytes.js';

/**
 * The reply a callback's value stands for (E5: replies have function primary + 1 and no W-bit):
 * an item becomes the body of S{stream}F{fn+1}, undefined a header-only reply, and a SecsMessage
 * goes as it is. Anything else is a bug in the callback: TypeError.
 */
export function replyMessage(primary: SecsMessage, value: SecsReply): SecsMessage {
  if (value instanceof SecsMessage) return value;
  if (value === undefined || isSecsItem(value)) return new SecsMessage(primary.stream, primary.function + 1, false, value);
  throw new TypeError(`the callback for ${primary.sf} returned ${typeof value}; return a SECS-II item, a SecsMessage or undefined`);
}

/**
 * The encoded body of the reply a callback's value stands for, when that value is an item or
 * undefined (replyMessage's other cases): what the router sends without building a SecsMessage
 * (issue 10: a reply object per answered primary was measurable). Same TypeError for anything else.
 */
export function replyBody(primary: SecsMessage, value: SecsReply): Buffer {
  if (value === undefined) return NO_BYTES;
  if (isSecsItem(value)) return encodeBodyOnce(value);
  return replyMessage(primary, value).encodeBody();
}

/** E5: SxF0, the abort reply to a primary of stream x. */
export function abortMessage(stream: number): SecsMessage {
  return new SecsMessage(stream, 0, false);
}
