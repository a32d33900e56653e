import type { SecsItem } from '../protocol/items/secs-item.js';
import type { PpidReading } from '../secs/catalogue/index.js';

/** A process program body: text (sent as A), bytes (B), or any item. */
export type ProcessProgramBody = string | Uint8Array | SecsItem;

/** One stored program. */
export interface StoredProcessProgram {
  readonly ppid: PpidReading;
  readonly body: ProcessProgramBody;
}

/** E5 ACKC7 codes as S7F4 and S7F18 carry them. */
const ACKC7_ACCEPTED = 0;
const ACKC7_PPID_NOT_FOUND = 4;

/** The key of a PPID: text ids and byte ids never meet. */
function ppidKey(ppid: PpidReading): string {
  return typeof ppid === 'string' ? `A:${ppid}` : `B:${Buffer.from(ppid).toString('hex')}`;
}

/** The equipment's process programs in memory (E30 process program management, stream 7). */
export class ProcessProgramStore {
  private readonly programs = new Map<string, StoredProcessProgram>();

  /** Adds or replaces a program. */
  put(ppid: PpidReading, body: ProcessProgramBody): void {
    this.programs.set(ppidKey(ppid), { ppid, body });
  }

  get(ppid: PpidReading): StoredProcessProgram | undefined {
    return this.programs.get(ppidKey(ppid));
  }

  /** Every PPID, in the order stored. */
  get ppids(): PpidReading[] {
    return [...this.programs.values()].map((p) => p.ppid);
  }

  /**
   * S7F17: returns ACKC7 and the PPIDs deleted. No PPIDs deletes every program; one unknown PPID
   * denies the whole request (ACKC7 4) and deletes nothing.
   */
  delete(ppids: readonly PpidReading[]): { ackc7: number; deleted: PpidReading[] } {
    if (ppids.length === 0) {
      const deleted = this.ppids;
      this.programs.clear();
      return { ackc7: ACKC7_ACCEPTED, deleted };
    }
    if (!ppids.every((p) => this.programs.has(ppidKey(p)))) return { ackc7: ACKC7_PPID_NOT_FOUND, deleted: [] };
    for (const p of ppids) this.programs.delete(ppidKey(p));
    return { ackc7: ACKC7_ACCEPTED, deleted: [...ppids] };
  }
}
