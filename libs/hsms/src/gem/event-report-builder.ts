import type { SecsItem } from '../protocol/items/secs-item.js';
import type { EventReportBody, IdReading } from '../secs/catalogue/index.js';
import type { EventReportTable } from './event-report-table.js';
import type { GemId } from './gem-id.js';
import type { VariableTable } from './variable-table.js';

/** E5 DATAID as we number it: U4, wrapping. */
const DATAID_LIMIT = 0x1_0000_0000;

/**
 * Builds the body of S6F11 and S6F16: the reports linked to an event, each with the current
 * values of its variables in their defined order, and a fresh DATAID.
 */
export class EventReportBuilder {
  private nextDataId = 1;

  constructor(
    private readonly reports: EventReportTable,
    private readonly variables: VariableTable,
  ) {}

  /** A fresh DATAID (E5: ties the messages of one transaction together; ours count up from 1). */
  dataId(): number {
    const id = this.nextDataId;
    this.nextDataId = (this.nextDataId + 1) % DATAID_LIMIT;
    return id;
  }

  /** The event report of `ceid` now; `dataValues` (keyed as VariableTable.eventValues keys them) win over current values. */
  async build(ceid: GemId | IdReading, dataValues?: ReadonlyMap<string, SecsItem>): Promise<EventReportBody> {
    const linked = this.reports.linkedReports(ceid);
    const reports = await Promise.all(
      linked.map(async (report) => ({
        rptid: report.rptid,
        values: await Promise.all(report.vids.map((vid) => this.variables.readVariable(vid, dataValues))),
      })),
    );
    return { dataId: this.dataId(), ceid, reports };
  }
}
