import { parseS7F6, S7F5, type PpidValue } from '../../secs/catalogue/index.js';
import { GemUnknownIdError } from '../gem-errors.js';
import { sendProcessProgram, type ProcessProgramSendResult } from '../host/process-program-transfer.js';
import type { StoredProcessProgram } from '../process-program-store.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * E30 equipment-initiated process program transfer: the equipment sends a stored program to the
 * host (S7F1, then S7F3 when granted) or asks the host for one (S7F5) and stores what comes back.
 */
export class ProcessProgramUpload {
  constructor(private readonly ctx: EquipmentContext) {}

  /** Throws GemUnknownIdError for a PPID the store does not hold. */
  send(ppid: string | Uint8Array): Promise<ProcessProgramSendResult> {
    const program = this.ctx.programs.get(ppid);
    if (program === undefined) throw new GemUnknownIdError('PPID', typeof ppid === 'string' ? ppid : Buffer.from(ppid).toString('hex'));
    return sendProcessProgram(
      (message, what) => this.ctx.request(message, what),
      this.ctx.build,
      this.ctx.parse,
      program.ppid,
      program.body,
    );
  }

  /** S7F5: the host's program, stored (emits 'processProgramChanged'); undefined when the host has none. */
  async request(ppid: PpidValue): Promise<StoredProcessProgram | undefined> {
    const reading = parseS7F6(await this.ctx.request(S7F5(ppid, this.ctx.build), 'send S7F5'), this.ctx.parse);
    if (reading === undefined) return undefined;
    this.ctx.programs.put(reading.ppid, reading.ppbody);
    this.ctx.emit('processProgramChanged', { ppid: reading.ppid, change: 'stored' });
    return this.ctx.programs.get(reading.ppid);
  }
}
