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
  readonly build: TimeBuildOptions;
  readonly parse: ParseOptions;
  /** The bounds of every reply (items, bytes): services check request-sized replies before building them. */
  readonly budget: ReplyBudget;
  /** A throttled warning about what the host asked for. */
  warn(text: string): void;
  register(stream: number, fn: number, answer: EquipmentAnswer): void;
  emit<K extends keyof GemEquipmentHandlerEvents>(event: K, ...args: GemEquipmentHandlerEvents[K]): void;
  /** Whether anyone listens to `event`. */
  listens(event: keyof GemEquipmentHandlerEvents): boolean;
}

/** The children of a list item (empty for anything else). */
export function listItems(item: SecsItem | undefined): readonly SecsItem[] {
  return item?.type === 'L' ? item.items : [];
}
