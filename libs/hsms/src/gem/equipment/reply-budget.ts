import { encodedItemSize } from '../../protocol/items/item-encoder.js';
import type { SecsItem } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { SecsAbortError } from '../../secs/secs-errors.js';
import type { SecsReply } from '../../secs/secs-callbacks.js';
import { count } from '../gem-options.js';

/** Most items in one reply the equipment builds. Default 100,000. */
export const DEFAULT_MAX_REPLY_ITEMS = 100_000;

/** Resolves the maxReplyItems option (GemOptionError for a bad value). */
export function resolveMaxReplyItems(value: number | undefined): number {
  return count('maxReplyItems', value, DEFAULT_MAX_REPLY_ITEMS);
}

/** A reply the equipment will not build or send because it would be too large: answered SxF0 (E5). */
export class GemReplyTooLargeError extends SecsAbortError {
  static override readonly code: string = 'HSMS_GEM_REPLY_TOO_LARGE';
}

/**
 * Keeps the equipment's replies within what a receiver accepts and what builds without a long
 * stall: at most `maxItems` items and `maxBytes` bytes of message (our maxMessageLength: a peer
 * with the same default would drop more with S9F11). A request that asks for more (S1F11 with
 * 999,999 SVIDs, S7F19 over a large store ...) gets SxF0 (E5: the abort reply where the reply
 * has no error code of its own) and one throttled warning, instead of a 10 MB reply built in one
 * go on the event loop (issue 11).
 */
export class ReplyBudget {
  constructor(
    readonly maxItems: number,
    readonly maxBytes: number,
    private readonly warn: (text: string) => void,
  ) {}

  /**
   * Before building: throws GemReplyTooLargeError (SxF0) when `rows` rows of `itemsPerRow` items
   * (plus the enclosing list) cannot fit maxItems.
   */
  rows(sf: string, rows: number, itemsPerRow: number): void {
    const items = rows * itemsPerRow + 1;
    if (items <= this.maxItems) return;
    this.refuse(sf, `${rows} rows (${items} items) asked for, over maxReplyItems ${this.maxItems}`);
  }

  /** Runs a service and checks its reply against both bounds once built. */
  guard(message: SecsMessage, answer: (message: SecsMessage) => SecsReply | Promise<SecsReply>): SecsReply | Promise<SecsReply> {
    const reply = answer(message);
    if (reply instanceof Promise) return reply.then((r) => this.check(message, r));
    return this.check(message, reply);
  }

  private check(primary: SecsMessage, reply: SecsReply): SecsReply {
    if (reply === undefined) return reply;
    const body = reply instanceof SecsMessage ? reply.body : reply;
    if (body === undefined) return reply;
    const items = countItems(body, this.maxItems + 1);
    const sf = `S${primary.stream}F${primary.function + 1}`;
    if (items > this.maxItems) this.refuse(sf, `more than ${this.maxItems} items (maxReplyItems)`);
    // the size without building the bytes: the router encodes the reply once, when it sends it
    const bytes = (reply instanceof SecsMessage ? reply.encodeBody().length : encodedItemSize(body)) + 10;
    if (bytes > this.maxBytes) this.refuse(sf, `${bytes} bytes, over maxMessageLength ${this.maxBytes}`);
    return reply;
  }

  private refuse(sf: string, why: string): never {
    this.warn(`the reply ${sf} would hold ${why}: answered with function 0 instead (E5)`);
    throw new GemReplyTooLargeError(`reply ${sf} too large: ${why}`);
  }
}

/** Items in a tree, counting up to `stop` at most (iterative: no recursion on a peer's nesting). */
function countItems(root: SecsItem, stop: number): number {
  let items = 0;
  const stack: SecsItem[] = [root];
  while (stack.length > 0 && items < stop) {
    const item = stack.pop()!;
    items++;
    if (item.type === 'L') for (const child of item.items) stack.push(child);
  }
  return items;
}
