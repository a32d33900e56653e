import type { IdReading } from '../secs/catalogue/index.js';
import { GemDuplicateIdError, GemUnknownIdError } from './gem-errors.js';
import { idKey } from './gem-id.js';
import type { AlarmDefinition } from './variable-definitions.js';

/** An alarm's definition and state. */
export interface AlarmEntry {
  readonly definition: AlarmDefinition;
  set: boolean;
  enabled: boolean;
}

/** E5 ACKC5 codes as S5F4 carries them. */
const ACKC5_ACCEPTED = 0;
const ACKC5_ERROR = 1;

/** E30 alarm management: which alarms exist, which are set, which the host enabled. */
export class AlarmTable {
  private readonly alarms = new Map<string, AlarmEntry>();

  add(definition: AlarmDefinition): void {
    const key = idKey(definition.alid);
    if (this.alarms.has(key)) throw new GemDuplicateIdError('ALID', definition.alid);
    this.alarms.set(key, { definition, set: false, enabled: definition.enabled ?? false });
  }

  get(alid: number | IdReading): AlarmEntry | undefined {
    return this.alarms.get(idKey(alid));
  }

  /** Throws GemUnknownIdError. */
  require(alid: number): AlarmEntry {
    const entry = this.get(alid);
    if (entry === undefined) throw new GemUnknownIdError('ALID', alid);
    return entry;
  }

  /** Every alarm in definition order. */
  get all(): AlarmEntry[] {
    return [...this.alarms.values()];
  }

  /** S5F3: returns ACKC5. No ALID applies to every alarm; an unknown ALID is an error and changes nothing. */
  enable(enable: boolean, alid: IdReading | undefined): number {
    if (alid === undefined) {
      for (const entry of this.alarms.values()) entry.enabled = enable;
      return ACKC5_ACCEPTED;
    }
    const entry = this.get(alid);
    if (entry === undefined) return ACKC5_ERROR;
    entry.enabled = enable;
    return ACKC5_ACCEPTED;
  }

  /** S5F5: the alarms asked for (every alarm for none); unknown ALIDs are left out. */
  list(alids: readonly IdReading[]): AlarmEntry[] {
    if (alids.length === 0) return this.all;
    return alids.map((a) => this.get(a)).filter((e) => e !== undefined);
  }
}
