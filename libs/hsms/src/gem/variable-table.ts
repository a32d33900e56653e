import { isSecsItem, L, type SecsItem } from '../protocol/items/secs-item.js';
import type { IdReading } from '../secs/catalogue/index.js';
import { EquipmentConstantTable } from './equipment-constants.js';
import { GemDuplicateIdError } from './gem-errors.js';
import { idKey, type GemId } from './gem-id.js';
import type { DataValueDefinition, EquipmentConstantDefinition, ItemSource, StatusVariableDefinition } from './variable-definitions.js';

/** Values an event supplies for its data values, by DVID. */
export type DataValueInput = ReadonlyMap<GemId, SecsItem> | Readonly<Record<string, SecsItem>>;

/**
 * E30 variables: status variables, data values and equipment constants. Their ids share one space
 * (E30: a VID names an SV, a DV or an EC), which is what reports refer to.
 */
export class VariableTable {
  readonly constants = new EquipmentConstantTable();
  private readonly statusVariables = new Map<string, StatusVariableDefinition>();
  private readonly dataValues = new Map<string, DataValueDefinition>();

  addStatusVariable(definition: StatusVariableDefinition): void {
    this.claim('SVID', definition.svid);
    this.statusVariables.set(idKey(definition.svid), definition);
  }

  addDataValue(definition: DataValueDefinition): void {
    this.claim('DVID', definition.dvid);
    this.dataValues.set(idKey(definition.dvid), definition);
  }

  addEquipmentConstant(definition: EquipmentConstantDefinition): void {
    this.claim('ECID', definition.ecid);
    this.constants.add(definition);
  }

  /** Every status variable, in the order defined. */
  get statusVariableList(): StatusVariableDefinition[] {
    return [...this.statusVariables.values()];
  }

  statusVariable(svid: GemId | IdReading): StatusVariableDefinition | undefined {
    return this.statusVariables.get(idKey(svid));
  }

  /** Every data value, in the order defined. */
  get dataValueList(): DataValueDefinition[] {
    return [...this.dataValues.values()];
  }

  dataValue(dvid: GemId | IdReading): DataValueDefinition | undefined {
    return this.dataValues.get(idKey(dvid));
  }

  /** Whether a VID names any variable. */
  has(vid: GemId | IdReading): boolean {
    const key = idKey(vid);
    return this.statusVariables.has(key) || this.dataValues.has(key) || this.constants.has(vid);
  }

  /** The current value of an SV (undefined for an unknown SVID). */
  async readStatusVariable(svid: GemId | IdReading): Promise<SecsItem | undefined> {
    const sv = this.statusVariables.get(idKey(svid));
    return sv === undefined ? undefined : read(sv.value);
  }

  /**
   * The value of any variable for a report: the event's own value for a DV when given, else the
   * variable's current value. E5: an unknown VID is reported as an empty list.
   */
  async readVariable(vid: GemId | IdReading, event?: ReadonlyMap<string, SecsItem>): Promise<SecsItem> {
    const key = idKey(vid);
    const given = event?.get(key);
    if (given !== undefined) return given;
    const sv = this.statusVariables.get(key);
    if (sv !== undefined) return read(sv.value);
    const dv = this.dataValues.get(key);
    if (dv !== undefined) return dv.value === undefined ? L() : read(dv.value);
    return this.constants.item(vid) ?? L();
  }

  /** The event's data values keyed like the table (so U4 7 and 7 meet). */
  static eventValues(input: DataValueInput | undefined): ReadonlyMap<string, SecsItem> | undefined {
    if (input === undefined) return undefined;
    const entries: Array<[GemId, SecsItem]> =
      input instanceof Map ? [...input.entries()] : Object.entries(input).map(([k, v]) => [numericKey(k), v]);
    return new Map(entries.map(([id, item]) => [idKey(id), item]));
  }

  private claim(kind: string, id: GemId): void {
    if (this.has(id)) throw new GemDuplicateIdError(`${kind} (VID)`, id);
  }
}

async function read(source: ItemSource): Promise<SecsItem> {
  const item = isSecsItem(source) ? source : await source();
  return item;
}

/** Record keys are strings; '7' in `{ 7: U4(1) }` means DVID 7. */
function numericKey(key: string): GemId {
  return /^\d+$/.test(key) ? Number(key) : key;
}
