import type { SecsItem } from '../protocol/items/secs-item.js';
import type { PpidReading } from '../secs/catalogue/index.js';
import { count } from './gem-options.js';

/** A process program body: text (sent as A), bytes (B), or any item. */
export type ProcessProgramBody = string | Uint8Array | SecsItem;

/** One stored program. */
export interface StoredProcessProgram {
  readonly ppid: PpidReading;
  readonly body: ProcessProgramBody;
}

/**
 * What the host may store (S7F3) in the equipment's process-program store. A host sends what it
 * likes: without these, 151 programs of 16 MiB were all accepted and kept (2.5 GB, issue 11).
 */
export interface ProcessProgramLimits {
  /** Most programs stored at once. Default 1000. */
  maxCount?: number;
  /** Most bytes of one program (S7F1 LENGTH, the S7F3 body). Default 4 MiB. */
  maxBytes?: number;
  /** Most bytes of all programs together. Default 64 MiB. */
  maxTotalBytes?: number;
  /** Longest PPID in bytes (some E5 editions cap it at 120). Default 120. */
  maxPpidBytes?: number;
}

export type ResolvedProcessProgramLimits = Required<ProcessProgramLimits>;

export const DEFAULT_PROCESS_PROGRAM_LIMITS: Readonly<ResolvedProcessProgramLimits> = Object.freeze({
  maxCount: 1000,
  maxBytes: 4 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxPpidBytes: 120,
});

/** Fills the defaults; GemOptionError naming 'processProgramLimits.maxCount' ... for a bad value. */
export function resolveProcessProgramLimits(limits: ProcessProgramLimits = {}): ResolvedProcessProgramLimits {
  const d = DEFAULT_PROCESS_PROGRAM_LIMITS;
  return {
    maxCount: count('processProgramLimits.maxCount', limits.maxCount, d.maxCount),
    maxBytes: count('processProgramLimits.maxBytes', limits.maxBytes, d.maxBytes),
    maxTotalBytes: count('processProgramLimits.maxTotalBytes', limits.maxTotalBytes, d.maxTotalBytes),
    maxPpidBytes: count('processProgramLimits.maxPpidBytes', limits.maxPpidBytes, d.maxPpidBytes),
  };
}

// E5 PPGNT (S7F2) and ACKC7 (S7F4, S7F18) codes.
const PPGNT_OK = 0;
const PPGNT_NO_SPACE = 2;
const PPGNT_INVALID_PPID = 3;
const PPGNT_WILL_NOT_ACCEPT = 5;
const ACKC7_ACCEPTED = 0;
const ACKC7_PERMISSION_NOT_GRANTED = 1;
const ACKC7_LENGTH_ERROR = 2;
const ACKC7_MATRIX_OVERFLOW = 3;
const ACKC7_PPID_NOT_FOUND = 4;

/** The key of a PPID: text ids and byte ids never meet. */
function ppidKey(ppid: PpidReading): string {
  return typeof ppid === 'string' ? `A:${ppid}` : `B:${Buffer.from(ppid).toString('hex')}`;
}

function ppidBytes(ppid: PpidReading): number {
  return typeof ppid === 'string' ? Buffer.byteLength(ppid, 'latin1') : ppid.length;
}

/** What a body given in code costs (a received one is measured by its encoded bytes instead). */
function bodyBytes(body: ProcessProgramBody): number {
  if (typeof body === 'string') return body.length;
  if (body instanceof Uint8Array) return body.length;
  return body.type === 'L' ? 0 : body.length; // a leaf's element count (PPBODY is never a list, E5)
}

interface Entry extends StoredProcessProgram {
  readonly bytes: number;
}

/** The equipment's process programs in memory (E30 process program management, stream 7), within its limits. */
export class ProcessProgramStore {
  private readonly programs = new Map<string, Entry>();
  private total = 0;
  readonly limits: ResolvedProcessProgramLimits;

  constructor(limits: ProcessProgramLimits = {}) {
    this.limits = resolveProcessProgramLimits(limits);
  }

  /** Programs stored. */
  get size(): number {
    return this.programs.size;
  }

  /** Bytes of all stored programs. */
  get totalBytes(): number {
    return this.total;
  }

  /** Adds or replaces a program given in code (the equipment's own: not refused, but counted). */
  put(ppid: PpidReading, body: ProcessProgramBody, bytes = bodyBytes(body)): void {
    const key = ppidKey(ppid);
    this.total -= this.programs.get(key)?.bytes ?? 0;
    this.programs.set(key, { ppid, body, bytes });
    this.total += bytes;
  }

  /**
   * S7F1: may the host send a program of `length` bytes under `ppid`? Returns E5 PPGNT: 3 invalid
   * PPID (over maxPpidBytes), 5 will not accept (over maxBytes), 2 no space (maxCount or
   * maxTotalBytes would be passed), else 0. A program already stored may be replaced.
   */
  grant(ppid: PpidReading, length: number | bigint): number {
    if (ppidBytes(ppid) === 0 || ppidBytes(ppid) > this.limits.maxPpidBytes) return PPGNT_INVALID_PPID;
    if (BigInt(length) > BigInt(this.limits.maxBytes)) return PPGNT_WILL_NOT_ACCEPT;
    return this.fits(ppidKey(ppid), Number(length)) ? PPGNT_OK : PPGNT_NO_SPACE;
  }

  /**
   * S7F3 from the host: stores the program when it fits and returns E5 ACKC7: 1 permission not
   * granted (PPID empty or over maxPpidBytes), 2 length error (over maxBytes), 3 matrix overflow
   * (maxCount or maxTotalBytes would be passed), else 0 (stored).
   */
  receive(ppid: PpidReading, body: SecsItem, bytes: number): number {
    if (ppidBytes(ppid) === 0 || ppidBytes(ppid) > this.limits.maxPpidBytes) return ACKC7_PERMISSION_NOT_GRANTED;
    if (bytes > this.limits.maxBytes) return ACKC7_LENGTH_ERROR;
    if (!this.fits(ppidKey(ppid), bytes)) return ACKC7_MATRIX_OVERFLOW;
    this.put(ppid, body, bytes);
    return ACKC7_ACCEPTED;
  }

  get(ppid: PpidReading): StoredProcessProgram | undefined {
    const entry = this.programs.get(ppidKey(ppid));
    return entry === undefined ? undefined : { ppid: entry.ppid, body: entry.body };
  }

  /** Every PPID, in the order stored. */
  get ppids(): PpidReading[] {
    return Array.from(this.programs.values(), (p) => p.ppid);
  }

  /**
   * S7F17: returns ACKC7 and the PPIDs deleted. No PPIDs deletes every program; one unknown PPID
   * denies the whole request (ACKC7 4) and deletes nothing.
   */
  delete(ppids: readonly PpidReading[]): { ackc7: number; deleted: PpidReading[] } {
    if (ppids.length === 0) {
      const deleted = this.ppids;
      this.programs.clear();
      this.total = 0;
      return { ackc7: ACKC7_ACCEPTED, deleted };
    }
    if (!ppids.every((p) => this.programs.has(ppidKey(p)))) return { ackc7: ACKC7_PPID_NOT_FOUND, deleted: [] };
    for (const p of ppids) {
      const key = ppidKey(p);
      this.total -= this.programs.get(key)?.bytes ?? 0;
      this.programs.delete(key);
    }
    return { ackc7: ACKC7_ACCEPTED, deleted: [...ppids] };
  }

  /** Whether storing `bytes` under `key` (replacing what is there) stays within maxCount and maxTotalBytes. */
  private fits(key: string, bytes: number): boolean {
    const existing = this.programs.get(key);
    if (existing === undefined && this.programs.size >= this.limits.maxCount) return false;
    return this.total - (existing?.bytes ?? 0) + bytes <= this.limits.maxTotalBytes;
  }
}
