import type { SecsItem } from '../protocol/items/secs-item.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import type { SecsHandler } from './secs-handler.js';

/** E5/E30: which end of the link we are. S9 messages are the equipment's; the host never sends them. */
export type SecsRole = 'host' | 'equipment';

/**
 * What a callback returns for a W-bit primary: an item (the body of S{stream}F{fn+1}), a whole
 * SecsMessage (sent as is with the primary's system bytes), or undefined (a header-only reply).
 */
export type SecsReply = SecsItem | SecsMessage | undefined;

/** Handles one stream/function. It may be async and may await requests to the same peer. */
export type SecsCallback = (message: SecsMessage, handler: SecsHandler) => SecsReply | Promise<SecsReply>;

/** A fallback returns this to say "not mine": the S9 / SxF0 rules answer the message. */
export const UNHANDLED: unique symbol = Symbol('UNHANDLED');

/** Tried for a primary without a registered callback (the Nest transport routes here). */
export type SecsFallback = (message: SecsMessage, handler: SecsHandler) => Promise<SecsReply | typeof UNHANDLED>;
