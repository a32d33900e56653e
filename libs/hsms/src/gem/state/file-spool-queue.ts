import {
  closeSync,
  existsSync,
  mkdirSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { SpoolQueue } from './gem-state-store.js';

/** Where the live records start: the log file and the byte offset of its first unsent record. */
interface SpoolHead {
  readonly generation: number;
  readonly offset: number;
}

/**
 * The head file is rewritten after this many removed records (and whenever the spool empties, and
 * on close): a crash between two writes sends up to this many records again after the restart.
 * E30 spooling is at-least-once then, never lossy; hosts tell repeats by DATAID.
 */
const HEAD_WRITE_EVERY = 64;

/** Start a new log file once this many bytes at its front have been sent and it is half dead. */
const COMPACT_AFTER_BYTES = 1 << 20;
const HEAD_FILE = 'spool-head.json';

/**
 * The spool as an append-only log with a head file:
 * - `spool-<generation>.log` holds records, each a 4-byte big-endian length and the bytes;
 *   appends go to its end (and are fsynced when `sync`), so a crash loses at most the record
 *   being written, whose torn tail is cut off when the log is opened again.
 * - `spool-head.json` names the live log and the offset of its oldest unsent record; removing sent
 *   records only rewrites this small file (atomically, every HEAD_WRITE_EVERY removals), never the log.
 * - When the sent part is large and more than half the log, or the spool empties, the rest is
 *   copied into the next generation's log, the head switched to it, and the old log deleted: at
 *   every step either the old or the new head is valid.
 * The record offsets are indexed in memory (a spool is bounded by its model, E30 spool size).
 */
export class FileSpoolQueue implements SpoolQueue {
  private fd = -1;
  private head: SpoolHead = { generation: 0, offset: 0 };
  private index: Array<{ offset: number; length: number }> = [];
  private end = 0;
  /** Records removed since the head file was last written. */
  private unrecordedDrops = 0;

  constructor(
    private readonly directory: string,
    private readonly sync: boolean,
  ) {
    this.open();
  }

  get length(): number {
    return this.index.length;
  }

  append(record: Uint8Array): void {
    this.open();
    const frame = Buffer.allocUnsafe(4 + record.length);
    frame.writeUInt32BE(record.length, 0);
    frame.set(record, 4);
    writeSync(this.fd, frame);
    if (this.sync) fsyncSync(this.fd);
    this.index.push({ offset: this.end + 4, length: record.length });
    this.end += frame.length;
  }

  peek(count: number): Uint8Array[] {
    this.open();
    return this.index.slice(0, Math.max(0, count)).map(({ offset, length }) => {
      const bytes = Buffer.alloc(length);
      readSync(this.fd, bytes, 0, length, offset);
      return bytes;
    });
  }

  dropFirst(count: number): void {
    this.open();
    if (count <= 0 || this.index.length === 0) return;
    this.index.splice(0, count);
    const offset = this.index.length === 0 ? this.end : this.index[0]!.offset - 4;
    this.unrecordedDrops += count;
    if (this.index.length === 0 || (offset > COMPACT_AFTER_BYTES && offset * 2 > this.end)) this.compact();
    else if (this.unrecordedDrops >= HEAD_WRITE_EVERY) this.writeHead({ generation: this.head.generation, offset });
  }

  clear(): void {
    this.open();
    this.index = [];
    this.compact();
  }

  /** Closes the log; the next call opens it again (and the directory, when it was removed). */
  close(): void {
    if (this.fd < 0) return;
    if (this.unrecordedDrops > 0)
      this.writeHead({ generation: this.head.generation, offset: this.index.length === 0 ? this.end : this.index[0]!.offset - 4 });
    closeSync(this.fd);
    this.fd = -1;
  }

  private open(): void {
    if (this.fd >= 0) return;
    mkdirSync(this.directory, { recursive: true });
    this.head = readHead(join(this.directory, HEAD_FILE));
    this.fd = openSync(this.logPath(this.head.generation), 'a+');
    this.index = [];
    this.scan();
  }

  /** Reads the record index from the head offset; cuts off a torn last record. */
  private scan(): void {
    const size = fstatSync(this.fd).size;
    const header = Buffer.alloc(4);
    let position = Math.min(this.head.offset, size);
    while (position + 4 <= size) {
      readSync(this.fd, header, 0, 4, position);
      const length = header.readUInt32BE(0);
      if (position + 4 + length > size) break;
      this.index.push({ offset: position + 4, length });
      position += 4 + length;
    }
    if (position < size) ftruncateSync(this.fd, position);
    this.end = position;
  }

  /** Copies the unsent records into the next generation's log and switches the head to it. */
  private compact(): void {
    const generation = this.head.generation + 1;
    const records = this.peek(this.index.length);
    const parts: Buffer[] = [];
    for (const record of records) {
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32BE(record.length, 0);
      parts.push(length, Buffer.from(record.buffer, record.byteOffset, record.byteLength));
    }
    const path = this.logPath(generation);
    writeFileAtomic(path, Buffer.concat(parts), this.sync);
    const old = this.head.generation;
    this.writeHead({ generation, offset: 0 });
    closeSync(this.fd);
    this.fd = openSync(path, 'a+');
    try {
      unlinkSync(this.logPath(old));
    } catch {
      // already gone
    }
    this.index = [];
    this.end = 0;
    this.scan();
  }

  private writeHead(head: SpoolHead): void {
    writeFileAtomic(join(this.directory, HEAD_FILE), JSON.stringify(head), this.sync);
    this.head = head;
    this.unrecordedDrops = 0;
  }

  private logPath(generation: number): string {
    return join(this.directory, `spool-${generation}.log`);
  }
}

function readHead(path: string): SpoolHead {
  if (!existsSync(path)) return { generation: 0, offset: 0 };
  const head = JSON.parse(readFileSync(path, 'utf8')) as Partial<SpoolHead>;
  const generation = Number.isSafeInteger(head.generation) && head.generation! >= 0 ? head.generation! : 0;
  const offset = Number.isSafeInteger(head.offset) && head.offset! >= 0 ? head.offset! : 0;
  return { generation, offset };
}
