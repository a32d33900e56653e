import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { FileSpoolQueue } from './file-spool-queue.js';
import { checkDocumentName, type GemStateStore, type StateDocument } from './gem-state-store.js';

export interface FileGemStateStoreOptions {
  /**
   * 'always' (default): every document write, spool append and spool head change is fsynced
   * before the call returns, so it survives a power loss, not only a killed process. 'none'
   * leaves flushing to the operating system: faster, and still safe against a killed process.
   */
  readonly sync?: 'always' | 'none';
}

/**
 * The default non-volatile store: one directory per equipment, a `doc-<name>.json` file per document
 * (written atomically: temporary file, fsync, rename) and the spool as an append-only log
 * (FileSpoolQueue). Made with the directory; creates it when missing.
 */
export class FileGemStateStore implements GemStateStore {
  readonly spool: FileSpoolQueue;
  private readonly sync: boolean;

  constructor(
    readonly directory: string,
    options: FileGemStateStoreOptions = {},
  ) {
    const sync = options.sync ?? 'always';
    if (sync !== 'always' && sync !== 'none')
      throw new RangeError(`FileGemStateStore sync must be 'always' or 'none', got '${String(sync)}'`);
    this.sync = sync === 'always';
    mkdirSync(directory, { recursive: true });
    this.spool = new FileSpoolQueue(directory, this.sync);
  }

  get(name: string): StateDocument | undefined {
    checkDocumentName(name);
    const path = this.path(name);
    if (!existsSync(path)) return undefined;
    return JSON.parse(readFileSync(path, 'utf8')) as StateDocument;
  }

  put(name: string, document: StateDocument): void {
    checkDocumentName(name);
    mkdirSync(this.directory, { recursive: true });
    writeFileAtomic(this.path(name), JSON.stringify(document), this.sync);
  }

  /** Closes the spool log; a later call opens it again. */
  close(): void {
    this.spool.close();
  }

  private path(name: string): string {
    return join(this.directory, `doc-${name}.json`);
  }
}
