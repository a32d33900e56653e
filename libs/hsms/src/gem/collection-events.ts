import type { IdReading } from '../secs/catalogue/index.js';
import { GemDuplicateIdError, GemUnknownIdError } from './gem-errors.js';
import { idKey, type GemId } from './gem-id.js';
import type { CollectionEventDefinition } from './variable-definitions.js';

/** The collection events the equipment defines (E30: the CEIDs reports may be linked to). */
export class CollectionEventTable {
  private readonly events = new Map<string, CollectionEventDefinition>();

  add(definition: CollectionEventDefinition): void {
    const key = idKey(definition.ceid);
    if (this.events.has(key)) throw new GemDuplicateIdError('CEID', definition.ceid);
    this.events.set(key, definition);
  }

  has(ceid: GemId | IdReading): boolean {
    return this.events.has(idKey(ceid));
  }

  /** Throws GemUnknownIdError. */
  require(ceid: GemId): CollectionEventDefinition {
    const event = this.events.get(idKey(ceid));
    if (event === undefined) throw new GemUnknownIdError('CEID', ceid);
    return event;
  }

  get(ceid: GemId | IdReading): CollectionEventDefinition | undefined {
    return this.events.get(idKey(ceid));
  }

  /** Every definition, in definition order. */
  get all(): CollectionEventDefinition[] {
    return [...this.events.values()];
  }

  /** Every CEID, in definition order. */
  get ids(): GemId[] {
    return [...this.events.values()].map((e) => e.ceid);
  }
}
