import type { AlarmTable } from '../alarm-table.js';
import type { EquipmentConstantTable } from '../equipment-constants.js';
import { EventReportTable, type EventReportSnapshot } from '../event-report-table.js';
import { idKey, type GemId } from '../gem-id.js';
import type { GemStateStore, StateDocument } from './gem-state-store.js';
import {
  constantFromDocument,
  constantToDocument,
  fields,
  idFromDocument,
  idToDocument,
  itemFromDocument,
  itemToDocument,
  list,
} from './state-values.js';

/** The parts of the equipment's state that are stored separately, so one change writes one document. */
export type PersistedPart = 'reports' | 'alarms' | 'constants';

const DOCUMENTS: Readonly<Record<PersistedPart, string>> = {
  reports: 'event-reports',
  alarms: 'alarms-enabled',
  constants: 'constant-values',
};

export interface PersistedTables {
  readonly reports: EventReportTable;
  readonly alarms: AlarmTable;
  readonly constants: EquipmentConstantTable;
}

/**
 * E30 non-volatile equipment state through the GemStateStore: report definitions, links and
 * enabled events, enabled alarms and equipment constant values. The report configuration is
 * restored at start (it refers to variables by id only); an alarm's or constant's stored state is
 * applied when the application defines it, since definitions come after construction. Values
 * stored for things not (yet) defined are kept, so a restart with fewer definitions loses nothing.
 * A stored value that no longer fits (the constant's limits changed) is ignored.
 */
export class EquipmentPersistence {
  private readonly stored: Record<PersistedPart, Record<string, StateDocument>>;
  private readonly storedReports: EventReportSnapshot | undefined;

  constructor(
    private readonly store: GemStateStore,
    private readonly tables: PersistedTables,
  ) {
    this.stored = {
      reports: fields(store.get(DOCUMENTS.reports)),
      alarms: fields(store.get(DOCUMENTS.alarms)),
      constants: fields(store.get(DOCUMENTS.constants)),
    };
    this.storedReports = readSnapshot(this.stored.reports);
    if (this.storedReports !== undefined) tables.reports.restoreSnapshot(this.storedReports);
  }

  /** Whether the stored configuration enables the event; undefined when nothing was stored yet. */
  eventEnabled(ceid: GemId): boolean | undefined {
    return this.storedReports === undefined ? undefined : EventReportTable.enabledIn(this.storedReports, ceid);
  }

  /** Applies the stored enable state of an alarm just defined. */
  restoreAlarm(alid: number): void {
    const enabled = this.stored.alarms[idKey(alid)];
    const entry = this.tables.alarms.get(alid);
    if (entry !== undefined && typeof enabled === 'boolean') entry.enabled = enabled;
  }

  /** Applies the stored value of a constant just defined (ignored when it no longer fits). */
  restoreConstant(ecid: GemId): void {
    const value = constantFromDocument(this.stored.constants[idKey(ecid)]);
    if (value === undefined) return;
    try {
      this.tables.constants.set(ecid, value);
    } catch {
      // the definition changed since the value was stored: its own default stands
    }
  }

  /** Restores every constant defined so far (the standard ones, defined at construction). */
  restoreConstants(): void {
    for (const ecid of this.tables.constants.ids) this.restoreConstant(ecid);
  }

  /** Stores one part as it is now; called after every change the host or the application makes. */
  save(part: PersistedPart): void {
    const document = part === 'reports' ? this.reportsDocument() : { ...this.stored[part], ...this.current(part) };
    this.store.put(DOCUMENTS[part], document);
    this.stored[part] = fields(document);
  }

  private current(part: 'alarms' | 'constants'): Record<string, StateDocument> {
    const out: Record<string, StateDocument> = {};
    if (part === 'alarms') for (const entry of this.tables.alarms.all) out[idKey(entry.definition.alid)] = entry.enabled;
    else for (const ecid of this.tables.constants.ids) out[idKey(ecid)] = constantToDocument(this.tables.constants.value(ecid));
    return out;
  }

  private reportsDocument(): StateDocument {
    const snapshot = this.tables.reports.snapshot();
    return {
      reports: snapshot.reports.map((r) => ({ key: r.key, rptid: itemToDocument(r.rptid), vids: r.vids.map(idToDocument) })),
      links: snapshot.links.map((l) => ({ ceid: l.ceid, rptids: [...l.rptids] })),
      enabled: [...snapshot.enabled],
    };
  }
}

/** The stored report configuration, or undefined when none was stored or it cannot be read. */
function readSnapshot(document: Record<string, StateDocument>): EventReportSnapshot | undefined {
  if (!Array.isArray(document['reports'])) return undefined;
  try {
    return {
      reports: list(document['reports']).map((r) => {
        const f = fields(r);
        const vids = list(f['vids']).map(idFromDocument);
        if (typeof f['key'] !== 'string' || vids.some((v) => v === undefined)) throw new TypeError('bad stored report');
        return { key: f['key'], rptid: itemFromDocument(f['rptid']), vids: vids as NonNullable<(typeof vids)[number]>[] };
      }),
      links: list(document['links']).map((l) => {
        const f = fields(l);
        return { ceid: String(f['ceid']), rptids: list(f['rptids']).map(String) };
      }),
      enabled: list(document['enabled']).map(String),
    };
  } catch {
    return undefined;
  }
}
