import { isSecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import type { SecsReply } from './secs-callbacks.js';

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

/** E5: SxF0, the abort reply to a primary of stream x. */
export function abortMessage(stream: number): SecsMessage {
  return new SecsMessage(stream, 0, false);
}
