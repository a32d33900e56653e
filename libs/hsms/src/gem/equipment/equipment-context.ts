import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../protocol/secs-message.js';
import type { ParseOptions, TimeBuildOptions } from '../../secs/catalogue/index.js';
import type { SecsReply } from '../../secs/secs-callbacks.js';
import type { AlarmTable } from '../alarm-table.js';
import type { CollectionEventTable } from '../collection-events.js';
import type { ControlStateModel } from '../control-state.js';
import type { EquipmentClock } from '../equipment-clock.js';
import type { EventReportBuilder } from '../event-report-builder.js';
import type { EventReportTable } from '../event-report-table.js';
import type { GemEquipmentHandlerEvents } from '../gem-equipment.events.js';
import type { ProcessProgramStore } from '../process-program-store.js';
import type { RemoteCommandTable } from '../remote-commands.js';
import type { VariableTable } from '../variable-table.js';
import type { GemId } from '../gem-id.js';
import type { StandardIds } from '../standard/standard-ids.js';
import type { GemStateStore } from '../state/gem-state-store.js';
import type { ResolvedSpoolingOptions } from '../spooling/spooling-options.js';
import type { SpoolCapability } from './spool-services.js';
import type { DataValueInput } from '../variable-table.js';
import type { EquipmentPersistence, PersistedPart } from '../state/equipment-persistence.js';
import type { LimitTable } from '../limits/limit-table.js';
import type { ReplyBudget } from './reply-budget.js';

/** Answers one received primary with its reply (see SecsReply). */
export type EquipmentAnswer = (message: SecsMessage) => SecsReply | Promise<SecsReply>;

/**
 * What the equipment's message services share: the E30 tables and models, the catalogue options,
 * and the handler's registration and events. Internal to the GEM layer.
 */
export interface EquipmentContext {
  readonly variables: VariableTable;
  readonly events: CollectionEventTable;
  readonly reports: EventReportTable;
  readonly reportBuilder: EventReportBuilder;
  readonly alarms: AlarmTable;
  readonly commands: RemoteCommandTable;
  readonly programs: ProcessProgramStore;
  readonly clock: EquipmentClock;
  readonly control: ControlStateModel;
  /** E30 non-volatile state: documents and the spool. */
  readonly store: GemStateStore;
  /** The ids of E30's standard variables, events and constants. */
  readonly ids: StandardIds;
  readonly spool: SpoolCapability;
  readonly persistence: EquipmentPersistence;
  readonly limits: LimitTable;
  /** Stores a part of the state after a change (E30 non-volatile storage). */
  persist(part: PersistedPart): void;
  /** The capabilities' resolved options. */
  readonly options: EquipmentCapabilityOptions;
  readonly build: TimeBuildOptions;
  readonly parse: ParseOptions;
  /** The bounds of every reply (items, bytes): services check request-sized replies before building them. */
  readonly budget: ReplyBudget;
  /** A throttled warning about what the host asked for. */
  warn(text: string): void;
  register(stream: number, fn: number, answer: EquipmentAnswer): void;
  emit<K extends keyof GemEquipmentHandlerEvents>(event: K, ...args: GemEquipmentHandlerEvents[K]): void;
  /** Listens to one of the handler's own events (registered before the application's listeners). */
  on<K extends keyof GemEquipmentHandlerEvents>(event: K, listener: (...args: GemEquipmentHandlerEvents[K]) => void): void;
  /** Whether anyone listens to `event`. */
  listens(event: keyof GemEquipmentHandlerEvents): boolean;
  /** Sends a primary to the host and waits for its reply (E30: only while COMMUNICATING). */
  request(message: SecsMessage, what: string): Promise<SecsMessage>;
  /**
   * Sends an equipment primary now, or spools it (E30) when not COMMUNICATING and the host asked
   * for its stream and function; otherwise drops it. Failures are logged at debug, never thrown.
   */
  sendOrSpool(message: SecsMessage, what: string): void;
  /** Raises a collection event as triggerCollectionEvent does; failures are logged, never thrown. */
  trigger(ceid: GemId, dataValues?: DataValueInput): void;
  /** Logs at debug level (interop leniency and other notes). */
  debug(text: string): void;
}

/** The resolved options of the capabilities beyond the basics. */
export interface EquipmentCapabilityOptions {
  readonly spooling: ResolvedSpoolingOptions;
  /** E30 EstablishCommunicationsTimeout (seconds) and TIME length at first start (ECs afterwards). */
  readonly establishCommunicationsTimeout: number;
  readonly timeFormat: 12 | 14 | 16;
  /** How often monitored variables are checked against their limits (ms). */
  readonly limitsPeriodMs: number;
  /** Largest message an S2F39 may announce (GRANT 2 beyond it). */
  readonly maxMessageBytes: number;
  /** E5 conversation timeout: how long a multi-block grant waits for its message before S9F13 (ms). */
  readonly conversationTimeoutMs: number;
  /** S6F11 bodies larger than this are announced with S6F5 first; undefined: never. */
  readonly multiBlockInquireBytes: number | undefined;
}

/** The children of a list item (empty for anything else). */
export function listItems(item: SecsItem | undefined): readonly SecsItem[] {
  return item?.type === 'L' ? item.items : [];
}
