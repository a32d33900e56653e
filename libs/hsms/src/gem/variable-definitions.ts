import type { SecsItem } from '../protocol/items/secs-item.js';
import type { NumericItemType } from '../protocol/items/item-format.js';
import type { GemId } from './gem-id.js';

/** Where a variable's current value comes from: a fixed item, or a function read at each request. */
export type ItemSource = SecsItem | (() => SecsItem | Promise<SecsItem>);

/** E30 status variable: a value the host may read at any time (S1F3) and put in reports. */
export interface StatusVariableDefinition {
  readonly svid: GemId;
  readonly name: string;
  /** E5 UNITS; empty when left out. */
  readonly unit?: string;
  readonly value: ItemSource;
}

/**
 * E30 data value: a value that is valid when a collection event happens (a lot id at lot start);
 * given per event to triggerCollectionEvent, or read from `value` when the event does not give it.
 */
export interface DataValueDefinition {
  readonly dvid: GemId;
  readonly name: string;
  readonly unit?: string;
  /** Used when an event does not supply the value; an empty list when left out. */
  readonly value?: ItemSource;
}

/** The plain value of an equipment constant. */
export type ConstantValue = number | bigint | string | boolean;

/** Formats an equipment constant can have on the wire. */
export type EquipmentConstantFormat = NumericItemType | 'A' | 'BOOLEAN';

/** E30 equipment constant: a setting the host reads (S2F13) and changes (S2F15) within its limits. */
export interface EquipmentConstantDefinition {
  readonly ecid: GemId;
  readonly name: string;
  readonly unit?: string;
  /** Default ECDEF, also the starting value unless `value` is given. */
  readonly default: ConstantValue;
  /** Starting value; `default` when left out. */
  readonly value?: ConstantValue;
  /** Lower limit ECMIN, inclusive (numeric constants). */
  readonly min?: number | bigint;
  /** Upper limit ECMAX, inclusive (numeric constants). */
  readonly max?: number | bigint;
  /**
   * Format of ECV on the wire. Default: U4 for a non-negative integer default, I4 for a negative
   * one, F8 for a fraction, U8/I8 for a bigint, A for text, BOOLEAN for a boolean.
   */
  readonly format?: EquipmentConstantFormat;
}

/** E30 collection event: something that happens on the equipment and that the host may subscribe reports to. */
export interface CollectionEventDefinition {
  readonly ceid: GemId;
  readonly name: string;
  /** Send S6F11 for it before the host's S2F37 enables it. Default false (E30: the host enables events). */
  readonly enabled?: boolean;
  /** The DVIDs whose values the event supplies (S1F24 lists them). Default none. */
  readonly dataValues?: readonly GemId[];
}

/** E30 alarm: set and cleared by the equipment, reported with S5F1 while enabled. */
export interface AlarmDefinition {
  readonly alid: number;
  /** ALTX (E5: at most 120 characters). */
  readonly text: string;
  /** ALCD bits 1-7 (AlarmCategory); 0 (no category) when left out. */
  readonly category?: number;
  /** Whether S5F1 is sent for it before the host enables it with S5F3. Default false (E30: the host enables alarms). */
  readonly enabled?: boolean;
  /** E30: the collection event triggered when the alarm is set. */
  readonly setCeid?: GemId;
  /** E30: the collection event triggered when the alarm is cleared. */
  readonly clearCeid?: GemId;
}
