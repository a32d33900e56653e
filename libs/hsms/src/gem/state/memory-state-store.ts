import { checkDocumentName, type GemStateStore, type SpoolQueue, type StateDocument } from './gem-state-store.js';

/** A spool held in memory. */
export class MemorySpoolQueue implements SpoolQueue {
  private records: Uint8Array[] = [];

  get length(): number {
    return this.records.length;
  }

  append(record: Uint8Array): void {
    this.records.push(Uint8Array.prototype.slice.call(record));
  }

  peek(count: number): Uint8Array[] {
    return this.records.slice(0, Math.max(0, count));
  }

  dropFirst(count: number): void {
    this.records.splice(0, Math.max(0, count));
  }

  clear(): void {
    this.records = [];
  }
}

/**
 * A state store that lives as long as the process: for tests, and for equipment that wants no
 * non-volatile state. Documents are kept as JSON text, so what comes back is a copy, as from a file.
 */
export class MemoryGemStateStore implements GemStateStore {
  readonly spool = new MemorySpoolQueue();
  private readonly documents = new Map<string, string>();

  get(name: string): StateDocument | undefined {
    const text = this.documents.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as StateDocument);
  }

  put(name: string, document: StateDocument): void {
    checkDocumentName(name);
    this.documents.set(name, JSON.stringify(document));
  }

  close(): void {
    // nothing to release
  }
}
