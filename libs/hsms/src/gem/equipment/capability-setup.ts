import type { SecsMessage } from '../../protocol/secs-message.js';
import type { AlarmTable } from '../alarm-table.js';
import type { EquipmentClock } from '../equipment-clock.js';
import type { EventReportTable } from '../event-report-table.js';
import type { GemId } from '../gem-id.js';
import { count, seconds } from '../gem-options.js';
import { LimitTable } from '../limits/limit-table.js';
import type { SpoolChange, SpoolStatus } from '../spooling/spooler.js';
import { resolveSpoolingOptions, type SpoolingOptions } from '../spooling/spooling-options.js';
import { resolveStandardIds, type StandardIdName } from '../standard/standard-ids.js';
import { EquipmentPersistence } from '../state/equipment-persistence.js';
import type { GemStateStore } from '../state/gem-state-store.js';
import { MemoryGemStateStore } from '../state/memory-state-store.js';
import type { VariableTable } from '../variable-table.js';
import type { EquipmentContext } from './equipment-context.js';
import { createSpoolCapability } from './spool-services.js';

/** The options of the equipment's capabilities beyond the basics (part of GemEquipmentHandlerOptions). */
export interface EquipmentCapabilityOptionsInput {
  /**
   * E30 non-volatile state (report definitions and links, enabled events and alarms, EC values,
   * the spool): a FileGemStateStore keeps it across restarts. Default: a MemoryGemStateStore.
   */
  stateStore?: GemStateStore;
  /** E30 spooling (see SpoolingOptions). Spooling is off until enabled here or by the host's EnableSpooling. */
  spooling?: SpoolingOptions;
  /** Ids of E30's standard variables, events and constants, where the defaults (9001...) clash with yours. */
  standardIds?: Readonly<Partial<Record<StandardIdName, GemId>>>;
  /** E30 limits monitoring: seconds between checks of the monitored variables. Default 1. */
  limitsPeriod?: number;
  /** E5 conversation timeout: seconds a multi-block grant (S2F40) waits for its message before S9F13. Default 45. */
  conversationTimeout?: number;
  /** Largest message an S2F39 multi-block inquire may announce (GRANT 2 beyond it). Default 16 MiB. */
  maxMultiBlockBytes?: number;
  /** E5 multi-block: an S6F11 body larger than this many bytes is announced with S6F5 first. Default: never. */
  multiBlockInquireBytes?: number;
}

/** What the capabilities need of their equipment handler. */
export interface CapabilityHandlerLinks {
  readonly variables: VariableTable;
  readonly reports: EventReportTable;
  readonly alarms: AlarmTable;
  readonly clock: EquipmentClock;
  /** The handler's EstablishCommunicationsTimeout (s) and TIME length, the ECs' first values. */
  readonly establishCommunicationsTimeout: number;
  readonly timeFormat: 12 | 14 | 16;
  request(message: SecsMessage, what: string): Promise<SecsMessage>;
  spoolChanged(change: SpoolChange, status: SpoolStatus): void;
  raise(ceid: GemId): void;
}

export type CapabilityParts = Pick<EquipmentContext, 'store' | 'ids' | 'spool' | 'persistence' | 'persist' | 'limits' | 'options'>;

/** Resolves the options (HsmsOptionError naming the first bad one) and builds the shared capability parts. */
export function createCapabilities(input: EquipmentCapabilityOptionsInput, links: CapabilityHandlerLinks): CapabilityParts {
  const store = input.stateStore ?? new MemoryGemStateStore();
  const ids = resolveStandardIds(input.standardIds);
  const options = {
    spooling: resolveSpoolingOptions(input.spooling),
    establishCommunicationsTimeout: links.establishCommunicationsTimeout,
    timeFormat: links.timeFormat,
    limitsPeriodMs: seconds('limitsPeriod', input.limitsPeriod, 1) * 1000,
    maxMessageBytes: count('maxMultiBlockBytes', input.maxMultiBlockBytes, 16 * 1024 * 1024),
    conversationTimeoutMs: seconds('conversationTimeout', input.conversationTimeout, 45) * 1000,
    multiBlockInquireBytes:
      input.multiBlockInquireBytes === undefined ? undefined : count('multiBlockInquireBytes', input.multiBlockInquireBytes, 1),
  };
  const spool = createSpoolCapability({ store, variables: links.variables, clock: links.clock, ids }, options.spooling, {
    send: async (message) => {
      await links.request(message, `send spooled ${message.sf}`);
    },
    changed: (change, status) => {
      links.spoolChanged(change, status);
      const ceid = {
        activated: ids.SpoolingActivated,
        deactivated: ids.SpoolingDeactivated,
        transmitFailed: ids.SpoolTransmitFailure,
        full: undefined,
      }[change];
      if (ceid !== undefined) links.raise(ceid);
    },
  });
  const persistence = new EquipmentPersistence(store, {
    reports: links.reports,
    alarms: links.alarms,
    constants: links.variables.constants,
  });
  return { store, ids, spool, persistence, persist: (part) => persistence.save(part), limits: new LimitTable(), options };
}
