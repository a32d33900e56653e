import { readFileSync } from 'node:fs';
import type { SecsItemType } from '../../protocol/items/item-format.js';
import type { SecsItem } from '../../protocol/items/secs-item.js';
import { validateShape } from './body-validator.js';
import { builtInDocuments } from './builtin-documents.js';
import { CatalogueDefinitionError, UnknownDataItemError, UnknownSecsMessageError } from './catalogue-errors.js';
import type { DataItemDefinition, DataItemEntry, MessageDefinition, MessageEntry } from './catalogue-types.js';
import { readCatalogueYaml, type CatalogueDocument } from './catalogue-yaml.js';
import { compileDataItem, compileMessage, isMessageEntry } from './entry-compiler.js';
import { resolveRef, sfKey, sfText, type MessageRef } from './sf-reference.js';
import type { ValidationResult } from './validation-result.js';

export interface SecsCatalogueOptions {
  /** Start with the built-in E5 messages and data items (default true); they load on first use. */
  readonly builtIn?: boolean;
}

export interface AddOptions {
  /** Replace an entry of the same name instead of refusing it (default false). */
  readonly replace?: boolean;
}

export interface LoadOptions extends AddOptions {
  /** Names the text in error messages (a file name). */
  readonly source?: string;
}

/** What one load added. */
export interface LoadedEntries {
  readonly items: readonly DataItemEntry[];
  readonly messages: readonly MessageEntry[];
}

/**
 * The message catalogue: SECS-II messages (name, direction, W-bit, reply, body structure) and the
 * data items their bodies use (formats, constants). The built-in entries come from the YAML files
 * in data/ and are read once per process, on the first look-up; users add their own with
 * addDataItem, addMessage or loadYaml. `secsCatalogue` is the instance shared by the builders and
 * parsers; `new SecsCatalogue()` gives an independent one.
 */
export class SecsCatalogue {
  private readonly items = new Map<string, DataItemEntry>();
  private readonly messagesByKey = new Map<number, MessageEntry>();
  private readonly formatOverrides = new Map<string, SecsItemType>();
  private readonly streams = new Set<number>();
  private builtInPending: boolean;
  /** validate()'s data item look-up, made once: it runs for every primary an equipment checks. */
  private readonly lookupDataItem = (name: string): DataItemEntry | undefined => this.findDataItem(name);

  constructor(options: SecsCatalogueOptions = {}) {
    this.builtInPending = options.builtIn ?? true;
  }

  // ---- messages ----------------------------------------------------------------------------

  /** The entry of a message; throws UnknownSecsMessageError when the catalogue has none. */
  get(ref: MessageRef): MessageEntry;
  get(stream: number, fn: number): MessageEntry;
  get(ref: MessageRef | number, fn?: number): MessageEntry {
    const { stream, function: f } = this.refOf(ref, fn);
    const entry = this.find(stream, f);
    if (entry === undefined) throw new UnknownSecsMessageError(sfText(stream, f));
    return entry;
  }

  /** The entry of a message, or undefined. */
  find(ref: MessageRef): MessageEntry | undefined;
  find(stream: number, fn: number): MessageEntry | undefined;
  find(ref: MessageRef | number, fn?: number): MessageEntry | undefined {
    this.loadBuiltIns();
    // numbers (the SECS layer's look-up for every received primary): no reference object
    if (typeof ref === 'number') return this.messagesByKey.get(sfKey(ref, fn ?? Number.NaN));
    const { stream, function: f } = this.refOf(ref, fn);
    return this.messagesByKey.get(sfKey(stream, f));
  }

  has(ref: MessageRef): boolean;
  has(stream: number, fn: number): boolean;
  has(ref: MessageRef | number, fn?: number): boolean {
    return fn === undefined ? this.find(ref as MessageRef) !== undefined : this.find(ref as number, fn) !== undefined;
  }

  /** Whether any message of `stream` is known (an unknown stream is S9F3, an unknown function S9F5). */
  hasStream(stream: number): boolean {
    this.loadBuiltIns();
    return this.streams.has(stream);
  }

  /** Every message, by stream then function. */
  messages(): readonly MessageEntry[] {
    this.loadBuiltIns();
    return [...this.messagesByKey.values()].sort((a, b) => sfKey(a.stream, a.function) - sfKey(b.stream, b.function));
  }

  /** Adds (or with `replace`, replaces) a message; its data items must already be in the catalogue. */
  addMessage(definition: MessageDefinition, options: AddOptions = {}): MessageEntry {
    this.loadBuiltIns();
    const entry = compileMessage(definition, (name) => this.items.has(name));
    const key = sfKey(entry.stream, entry.function);
    if (this.messagesByKey.has(key) && options.replace !== true) {
      throw new CatalogueDefinitionError(`${entry.sf} is already in the catalogue; pass { replace: true } to replace it`);
    }
    this.messagesByKey.set(key, entry);
    this.streams.add(entry.stream);
    return entry;
  }

  // ---- data items --------------------------------------------------------------------------

  /** The entry of a data item; throws UnknownDataItemError when the catalogue has none. */
  dataItem(name: string): DataItemEntry {
    const entry = this.findDataItem(name);
    if (entry === undefined) throw new UnknownDataItemError(name);
    return entry;
  }

  findDataItem(name: string): DataItemEntry | undefined {
    this.loadBuiltIns();
    return this.items.get(name);
  }

  hasDataItem(name: string): boolean {
    return this.findDataItem(name) !== undefined;
  }

  /** Every data item, by name. */
  dataItems(): readonly DataItemEntry[] {
    this.loadBuiltIns();
    return [...this.items.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Adds (or with `replace`, replaces) a data item. Replacing drops its setDefaultFormat override. */
  addDataItem(definition: DataItemDefinition, options: AddOptions = {}): DataItemEntry {
    this.loadBuiltIns();
    const entry = compileDataItem(definition);
    if (this.items.has(entry.name) && options.replace !== true) {
      throw new CatalogueDefinitionError(`data item ${entry.name} is already in the catalogue; pass { replace: true } to replace it`);
    }
    this.items.set(entry.name, entry);
    this.formatOverrides.delete(entry.name);
    return entry;
  }

  /** Code -> constant name of a data item: constants('HCACK')[0] === 'ok'. */
  constants(name: string): Readonly<Record<number, string>> {
    return this.dataItem(name).constants;
  }

  /** The name of a code ('ok' for HCACK 0), the item's `otherwise` name for an unlisted one, or undefined. */
  constantName(name: string, code: number): string | undefined {
    const entry = this.dataItem(name);
    return entry.constants[code] ?? entry.otherwise;
  }

  /** The code of a constant name (0 for HCACK 'ok'), or undefined. */
  constantValue(name: string, constantName: string): number | undefined {
    for (const [code, n] of Object.entries(this.dataItem(name).constants)) if (n === constantName) return Number(code);
    return undefined;
  }

  /** The format builders give a plain value of this item: the override, else the data file's default. */
  defaultFormat(name: string): SecsItemType {
    return this.formatOverrides.get(name) ?? this.dataItem(name).defaultFormat;
  }

  /** Changes the format builders use for plain values of `name` in this catalogue (e.g. CEID as U2). */
  setDefaultFormat(name: string, format: SecsItemType): void {
    const entry = this.dataItem(name);
    if (!entry.formats.some((f) => f.type === format)) {
      throw new CatalogueDefinitionError(
        `data item ${name} does not allow format ${format}; it allows ${entry.formats.map((f) => f.type).join(', ')}`,
      );
    }
    this.formatOverrides.set(name, format);
  }

  // ---- loading -----------------------------------------------------------------------------

  /** Adds the data items, then the messages, of a YAML document (the data files' form). */
  loadYaml(text: string, options: LoadOptions = {}): LoadedEntries {
    this.loadBuiltIns();
    return this.addDocuments([readCatalogueYaml(text, options.source ?? 'catalogue YAML')], options);
  }

  /** loadYaml on the contents of a file. */
  loadFile(path: string, options: AddOptions = {}): LoadedEntries {
    return this.loadYaml(readFileSync(path, 'utf8'), { ...options, source: path });
  }

  // ---- validation --------------------------------------------------------------------------

  /** Checks a body against a message's structure; the failure names the first mismatch and its path. */
  validate(ref: MessageRef | MessageEntry, body: SecsItem | undefined): ValidationResult {
    return this.validateEntry(isMessageEntry(ref) ? ref : this.get(ref), body);
  }

  /** validate() for an entry this catalogue's find() returned (the SECS router, per received primary: no reference check). */
  validateEntry(entry: MessageEntry, body: SecsItem | undefined): ValidationResult {
    return validateShape(entry.sf, entry.body, body, this.lookupDataItem);
  }

  /**
   * Checks a whole message: its W-bit against the entry's rule (path 'header'), then its body.
   * Throws UnknownSecsMessageError for a message the catalogue does not hold.
   */
  validateMessage(message: {
    readonly stream: number;
    readonly function: number;
    readonly wBit: boolean;
    readonly body: SecsItem | undefined;
  }): ValidationResult {
    const entry = this.get(message);
    if (entry.wBit === 'required' && !message.wBit) return wBitMismatch(entry.sf, 'W-bit set', 'W-bit clear');
    if (entry.wBit === 'never' && message.wBit) return wBitMismatch(entry.sf, 'W-bit clear', 'W-bit set');
    return this.validate(entry, message.body);
  }

  // ---- internals ---------------------------------------------------------------------------

  private refOf(ref: MessageRef | number, fn: number | undefined): { stream: number; function: number } {
    return typeof ref === 'number' ? { stream: ref, function: fn ?? NaN } : resolveRef(ref);
  }

  private loadBuiltIns(): void {
    if (!this.builtInPending) return;
    const documents = builtInDocuments(); // throws CatalogueDataMissingError before anything changes
    this.builtInPending = false;
    this.addDocuments(documents, {});
  }

  /** Items of every document first, so a message may use an item defined in a later document. */
  private addDocuments(documents: readonly CatalogueDocument[], options: AddOptions): LoadedEntries {
    const items = documents.flatMap((d) => d.items.map((def) => this.addDataItem(def, options)));
    const messages = documents.flatMap((d) => d.messages.map((def) => this.addMessage(def, options)));
    return { items, messages };
  }
}

function wBitMismatch(sf: string, expected: string, actual: string): ValidationResult {
  return Object.freeze({
    ok: false,
    sf,
    path: 'header',
    dataItem: undefined,
    expected,
    actual,
    message: `${sf} header: expected ${expected}, got ${actual}`,
  });
}

/** The catalogue the builders and parsers use unless given another; add your messages here to share them. */
export const secsCatalogue = new SecsCatalogue();

/** Checks a body against a message's structure in `catalogue` (the shared one by default). */
export function validateBody(
  ref: MessageRef | MessageEntry,
  body: SecsItem | undefined,
  catalogue: SecsCatalogue = secsCatalogue,
): ValidationResult {
  return catalogue.validate(ref, body);
}
