/**
 * Zero bytes, one instance for the whole library: the text of header-only messages, an empty body,
 * an empty slab. Nothing can be written into zero bytes, so sharing it is safe, and a new empty
 * Buffer per message was measurable (issue 10).
 */
export const NO_BYTES: Buffer = Buffer.alloc(0);
