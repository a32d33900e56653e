/** A JSON document as a state store keeps it. */
export type StateDocument = null | boolean | number | string | readonly StateDocument[] | { readonly [key: string]: StateDocument };

/**
 * The spool's records, oldest first (E30 spooling): a bounded FIFO of opaque byte records that
 * survives a restart. Bounding and overwrite rules belong to the spool model, not to the queue.
 */
export interface SpoolQueue {
  /** Records held now. */
  readonly length: number;
  /** Adds a record at the end; durable when this returns (as the store's sync policy says). */
  append(record: Uint8Array): void;
  /** Up to `count` records from the front, oldest first, without removing them. */
  peek(count: number): Uint8Array[];
  /** Removes up to `count` records from the front. */
  dropFirst(count: number): void;
  /** Removes every record. */
  clear(): void;
}

/**
 * E30 non-volatile storage through one interface: named JSON documents (report definitions and
 * links, enabled events and alarms, equipment constant values, spool settings) and the spool.
 * Calls are synchronous: every document is small and a state change must be stored before the
 * reply that confirms it leaves (E30: what the host was told was accepted survives a restart).
 */
export interface GemStateStore {
  /** The document stored under `name`, or undefined. */
  get(name: string): StateDocument | undefined;
  /** Stores (replaces) the document under `name`. */
  put(name: string, document: StateDocument): void;
  /** The spool of this equipment. */
  readonly spool: SpoolQueue;
  /** Releases files; idempotent. */
  close(): void;
}

/** Document names must stay file names on every platform. */
export function checkDocumentName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new RangeError(`state document name '${name}' must be 1-64 characters of A-Z a-z 0-9 . _ -`);
}
