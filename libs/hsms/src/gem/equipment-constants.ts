import type { SecsItem } from '../protocol/items/secs-item.js';
import type { IdReading } from '../secs/catalogue/index.js';
import { defaultFormat, emptyItem, fromItem, inRange, toItem } from './equipment-constant-values.js';
import { GemUnknownIdError, GemValueError } from './gem-errors.js';
import { idKey, type GemId } from './gem-id.js';
import type { EquipmentConstantDefinition, EquipmentConstantFormat, ConstantValue } from './variable-definitions.js';

/** One constant: its definition, its wire format and its current value. */
interface ConstantEntry {
  readonly definition: EquipmentConstantDefinition;
  readonly format: EquipmentConstantFormat;
  value: ConstantValue;
}

/** A change of one constant, as reported to listeners. */
export interface EquipmentConstantChange {
  readonly ecid: GemId;
  readonly name: string;
  readonly value: ConstantValue;
  readonly previous: ConstantValue;
  /** True when the host changed it with S2F15, false for a local set. */
  readonly byHost: boolean;
}

/** E5 EAC codes as S2F16 carries them. */
export const EAC_ACCEPTED = 0;
export const EAC_UNKNOWN_CONSTANT = 1;
export const EAC_OUT_OF_RANGE = 3;

/** The name row of S2F30 (ECID, ECNAME, ECMIN, ECMAX, ECDEF, UNITS). */
export interface ConstantNameRow {
  readonly ecname: string;
  readonly ecmin: SecsItem;
  readonly ecmax: SecsItem;
  readonly ecdef: SecsItem;
  readonly units: string;
}

/** E30 equipment constants: definitions, current values and the all-or-nothing S2F15 update. */
export class EquipmentConstantTable {
  private readonly entries = new Map<string, ConstantEntry>();

  /** Validates the definition (limits, default and value in range) and stores it. */
  add(definition: EquipmentConstantDefinition): void {
    const format = definition.format ?? defaultFormat(definition.default);
    const value = definition.value ?? definition.default;
    for (const [what, v] of [
      ['default', definition.default],
      ['value', value],
    ] as const) {
      if (!inRange(format, v, definition.min, definition.max)) {
        throw new GemValueError(
          `ECID ${String(definition.ecid)}: ${what} ${String(v)} does not fit ${format} within [${String(definition.min ?? '-')}, ${String(definition.max ?? '-')}]`,
        );
      }
    }
    this.entries.set(idKey(definition.ecid), { definition, format, value });
  }

  has(ecid: GemId | IdReading): boolean {
    return this.entries.has(idKey(ecid));
  }

  get ids(): GemId[] {
    return [...this.entries.values()].map((e) => e.definition.ecid);
  }

  /** The current value; throws GemUnknownIdError. */
  value(ecid: GemId): ConstantValue {
    return this.entry(ecid).value;
  }

  /** The current value as its ECV item, or undefined for an unknown ECID. */
  item(ecid: GemId | IdReading): SecsItem | undefined {
    const entry = this.entries.get(idKey(ecid));
    return entry === undefined ? undefined : toItem(entry.format, entry.value);
  }

  /** The S2F30 row of a constant, or undefined for an unknown ECID. */
  nameRow(ecid: GemId | IdReading): ConstantNameRow | undefined {
    const entry = this.entries.get(idKey(ecid));
    if (entry === undefined) return undefined;
    const { definition: d, format } = entry;
    const limit = (v: number | bigint | undefined) => (v === undefined ? emptyItem(format) : toItem(format, v));
    return { ecname: d.name, ecmin: limit(d.min), ecmax: limit(d.max), ecdef: toItem(format, d.default), units: d.unit ?? '' };
  }

  /** Local change (operator or program); throws GemUnknownIdError or GemValueError. */
  set(ecid: GemId, value: ConstantValue): EquipmentConstantChange | undefined {
    const entry = this.entry(ecid);
    if (!inRange(entry.format, value, entry.definition.min, entry.definition.max)) {
      throw new GemValueError(`ECID ${String(ecid)}: ${String(value)} does not fit ${entry.format} within its limits`);
    }
    return this.apply(entry, value, false);
  }

  /**
   * S2F15: E30 applies all the new values or none. Returns the EAC and, when accepted, the changes
   * made (a value equal to the current one is no change).
   */
  setFromHost(values: readonly { readonly ecid: IdReading; readonly ecv: SecsItem }[]): {
    eac: number;
    changes: EquipmentConstantChange[];
  } {
    const accepted: Array<[ConstantEntry, ConstantValue]> = [];
    for (const { ecid, ecv } of values) {
      const entry = this.entries.get(idKey(ecid));
      if (entry === undefined) return { eac: EAC_UNKNOWN_CONSTANT, changes: [] };
      const value = fromItem(entry.format, ecv);
      // E5 EAC has no code for a wrong format; a value this constant cannot take is "out of range"
      if (value === undefined || !inRange(entry.format, value, entry.definition.min, entry.definition.max))
        return { eac: EAC_OUT_OF_RANGE, changes: [] };
      accepted.push([entry, value]);
    }
    const changes = accepted.map(([entry, value]) => this.apply(entry, value, true)).filter((c) => c !== undefined);
    return { eac: EAC_ACCEPTED, changes };
  }

  private apply(entry: ConstantEntry, value: ConstantValue, byHost: boolean): EquipmentConstantChange | undefined {
    const previous = entry.value;
    if (previous === value) return undefined;
    entry.value = value;
    return { ecid: entry.definition.ecid, name: entry.definition.name, value, previous, byHost };
  }

  private entry(ecid: GemId): ConstantEntry {
    const entry = this.entries.get(idKey(ecid));
    if (entry === undefined) throw new GemUnknownIdError('ECID', ecid);
    return entry;
  }
}
