import type { SecsMessage } from '../../protocol/secs-message.js';
import { parseS10F2, parseS5F2, parseS6F12, parseS6F6, S10F1, S5F1, S6F11, S6F5 } from '../../secs/catalogue/index.js';
import { GemOfflineError } from '../gem-errors.js';
import type { GemId } from '../gem-id.js';
import { VariableTable, type DataValueInput } from '../variable-table.js';
import { alarmRecord } from './alarm-services.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * What became of an event or alarm report: sent and acknowledged with `ack` (ACKC6 / ACKC5), or
 * not sent and why: the host has not enabled it, the equipment is OFF-LINE or not COMMUNICATING
 * (E30 sends nothing then), it went to the spool ('spooled', or 'spoolFull' when the full spool
 * discarded it), the host did not grant its multi-block inquire ('notGranted'), it is over
 * maxEventReportBytes ('tooLarge'), or the alarm already was in that state.
 */
export type ReportSendResult =
  | { readonly sent: true; readonly ack: number; readonly dataId?: number }
  | {
      readonly sent: false;
      readonly reason: 'notEnabled' | 'offline' | 'notCommunicating' | 'unchanged' | 'tooLarge' | 'spooled' | 'spoolFull' | 'notGranted';
    };

/** What the reporter needs of its handler. */
export interface ReporterLinks {
  /** Why nothing may be sent now, or undefined. */
  blocked(): 'notCommunicating' | 'offline' | undefined;
  /** Sends a primary and waits for its reply (the handler's E30-checked request). */
  request(message: SecsMessage, what: string): Promise<SecsMessage>;
  readonly name: string;
  controlState(): string;
}

/** The equipment's own primaries: S6F11 event reports, S5F1 alarm reports, S10F1 terminal requests. */
export class EquipmentReporter {
  constructor(
    private readonly ctx: EquipmentContext,
    private readonly links: ReporterLinks,
  ) {}

  async collectionEvent(ceid: GemId, dataValues?: DataValueInput): Promise<ReportSendResult> {
    this.ctx.events.require(ceid);
    if (!this.ctx.reports.isEnabled(ceid)) return { sent: false, reason: 'notEnabled' };
    const blocked = this.links.blocked();
    const spooling = blocked === 'notCommunicating' && this.ctx.spool.wouldSpool(6, 11);
    if (blocked !== undefined && !spooling) return { sent: false, reason: blocked };
    const body = await this.ctx.reportBuilder.build(ceid, VariableTable.eventValues(dataValues));
    const message = S6F11(body, this.ctx.build);
    const bytes = message.encodeBody().length; // kept by the message: sending does not encode again
    // too large to send is too large to spool: it would fail the same way once the host asks for it
    if (bytes > this.ctx.reports.limits.eventReportBytes) {
      this.ctx.warn(
        `S6F11 for CEID ${String(ceid)} not sent: ${bytes} bytes, over maxEventReportBytes ${this.ctx.reports.limits.eventReportBytes}`,
      );
      return { sent: false, reason: 'tooLarge' };
    }
    if (spooling) return this.spool(message);
    if (!(await this.granted(message, bytes, body.dataId as number))) return { sent: false, reason: 'notGranted' };
    const reply = await this.links.request(message, `send S6F11 for CEID ${String(ceid)}`);
    return { sent: true, ack: parseS6F12(reply, this.ctx.parse), dataId: body.dataId as number };
  }

  /** E30: the alarm changes state whatever happens to the report; S5F1 goes first, then the alarm's event. */
  async alarm(alid: number, set: boolean): Promise<ReportSendResult> {
    const entry = this.ctx.alarms.require(alid);
    if (entry.set === set) return { sent: false, reason: 'unchanged' };
    entry.set = set;
    const ceid = set ? entry.definition.setCeid : entry.definition.clearCeid;
    const result = await this.sendAlarm(alid, entry.enabled);
    if (ceid !== undefined) await this.collectionEvent(ceid);
    return result;
  }

  /** S10F1 W; resolves with ACKC10. Rejects with GemOfflineError or GemNotCommunicatingError when it cannot be sent. */
  async terminal(tid: number, text: string): Promise<number> {
    if (this.links.blocked() === 'offline') throw new GemOfflineError(this.links.name, this.links.controlState(), 'send S10F1');
    const reply = await this.links.request(S10F1({ tid, text }, this.ctx.build), 'send S10F1');
    return parseS10F2(reply, this.ctx.parse);
  }

  /** E5 multi-block: a large S6F11 is announced with S6F5 first; false when the host does not grant it (GRANT6). */
  private async granted(message: SecsMessage, length: number, dataId: number): Promise<boolean> {
    const limit = this.ctx.options.multiBlockInquireBytes;
    if (limit === undefined || message.body === undefined || length <= limit) return true;
    const reply = await this.links.request(S6F5({ dataId, dataLength: length }, this.ctx.build), 'send S6F5');
    return parseS6F6(reply, this.ctx.parse) === 0;
  }

  /** E30 spooling: a message that cannot be sent now goes to the spool (not COMMUNICATING only; OFF-LINE discards). */
  private spool(message: SecsMessage): ReportSendResult {
    return { sent: false, reason: this.ctx.spool.spooler.offer(message) === 'spooled' ? 'spooled' : 'spoolFull' };
  }

  private async sendAlarm(alid: number, enabled: boolean): Promise<ReportSendResult> {
    if (!enabled) return { sent: false, reason: 'notEnabled' };
    const blocked = this.links.blocked();
    const record = alarmRecord(this.ctx.alarms.require(alid));
    if (blocked === 'notCommunicating' && this.ctx.spool.wouldSpool(5, 1)) return this.spool(S5F1(record, this.ctx.build));
    if (blocked !== undefined) return { sent: false, reason: blocked };
    const reply = await this.links.request(S5F1(record, this.ctx.build), `send S5F1 for ALID ${alid}`);
    return { sent: true, ack: parseS5F2(reply, this.ctx.parse) };
  }
}
