import type { SecsItemType } from '../../protocol/items/item-format.js';
import { compileBody } from './body-shape.js';
import { CatalogueDefinitionError } from './catalogue-errors.js';
import type { DataItemDefinition, DataItemEntry, MessageDefinition, MessageDirection, MessageEntry, WBitRule } from './catalogue-types.js';
import { parseFormatSpec } from './format-rules.js';
import { resolveRef, sfText } from './sf-reference.js';

const DIRECTIONS: Readonly<Record<string, MessageDirection>> = { 'H->E': 'H->E', 'E->H': 'E->H', both: 'both', 'H<->E': 'both' };
const W_BIT_RULES: readonly WBitRule[] = ['required', 'never', 'optional'];

/** Checks a data item definition and turns it into a frozen entry. */
export function compileDataItem(def: DataItemDefinition): DataItemEntry {
  const name = typeof def.name === 'string' ? def.name : '';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    throw new CatalogueDefinitionError(`data item name '${String(def.name)}' is not an identifier`);
  const owner = `data item ${name}`;
  const specs = typeof def.format === 'string' ? [def.format] : def.format;
  if (!Array.isArray(specs) || specs.length === 0) throw new CatalogueDefinitionError(`${owner}: format is required`);
  const formats = Object.freeze(parseFormatSpec(specs.join('|'), owner).slice());
  const defaultFormat: SecsItemType = def.default ?? formats[0]!.type;
  if (!formats.some((f) => f.type === defaultFormat)) {
    throw new CatalogueDefinitionError(`${owner}: default format ${String(def.default)} is not one of its formats`);
  }
  const constants: Record<number, string> = {};
  const meanings: Record<number, string> = {};
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(def.constants ?? {})) {
    const code = Number(key);
    const constant = typeof value === 'string' ? { name: value } : value;
    if (!Number.isInteger(code) || code < 0)
      throw new CatalogueDefinitionError(`${owner}: constant code '${key}' is not a non-negative integer`);
    if (typeof constant?.name !== 'string' || constant.name === '')
      throw new CatalogueDefinitionError(`${owner}: constant ${code} needs a name`);
    if (seen.has(constant.name)) throw new CatalogueDefinitionError(`${owner}: constant name '${constant.name}' is used twice`);
    seen.add(constant.name);
    constants[code] = constant.name;
    if (constant.meaning !== undefined) meanings[code] = constant.meaning;
  }
  return Object.freeze({
    name,
    description: def.description ?? '',
    formats,
    defaultFormat,
    constants: Object.freeze(constants),
    meanings: Object.freeze(meanings),
    otherwise: def.otherwise,
  });
}

/**
 * Checks a message definition against the E5 transaction rules and turns it into a frozen entry:
 * primaries have odd functions; a primary that may ask for a reply names S<s>F<f+1> as its reply,
 * one that never does names none; replies (even functions) never set the W-bit and have no reply.
 */
export function compileMessage(def: MessageDefinition, hasItem: (name: string) => boolean): MessageEntry {
  if (typeof def.sf !== 'string') throw new CatalogueDefinitionError(`message definition needs sf ('S64F1'), got ${String(def.sf)}`);
  const { stream, function: fn } = resolveRef(def.sf);
  const sf = sfText(stream, fn);
  if (fn === 0) throw new CatalogueDefinitionError(`${sf}: function 0 is the abort reply of every stream, not a catalogue message`);
  if (typeof def.name !== 'string' || def.name === '') throw new CatalogueDefinitionError(`${sf}: name is required`);
  const direction = DIRECTIONS[def.direction];
  if (direction === undefined) throw new CatalogueDefinitionError(`${sf}: direction '${String(def.direction)}' is not H->E, E->H or both`);
  if (!W_BIT_RULES.includes(def.wBit))
    throw new CatalogueDefinitionError(`${sf}: W-bit rule '${String(def.wBit)}' is not required, never or optional`);
  const replyRef = def.reply === undefined || def.reply === 'none' ? undefined : resolveRef(def.reply);
  const reply = replyRef === undefined ? undefined : sfText(replyRef.stream, replyRef.function);
  checkTransaction(sf, fn, def.wBit, reply, sfText(stream, fn + 1));
  const entry: MessageEntry = Object.freeze({
    stream,
    function: fn,
    sf,
    name: def.name,
    abbreviation: def.abbreviation,
    direction,
    wBit: def.wBit,
    reply,
    replyFunction: reply === undefined ? undefined : fn + 1,
    body: compileBody(def.body, sf, hasItem),
    description: def.description,
  });
  compiledMessages.add(entry);
  return entry;
}

const compiledMessages = new WeakSet<MessageEntry>();

/** Whether `value` is a message entry made by a catalogue (not a SecsMessage or a look-alike). */
export function isMessageEntry(value: unknown): value is MessageEntry {
  return typeof value === 'object' && value !== null && compiledMessages.has(value as MessageEntry);
}

function checkTransaction(sf: string, fn: number, wBit: WBitRule, reply: string | undefined, expectedReply: string): void {
  if (fn % 2 === 0) {
    if (wBit !== 'never') throw new CatalogueDefinitionError(`${sf}: a reply (even function) never sets the W-bit`);
    if (reply !== undefined) throw new CatalogueDefinitionError(`${sf}: a reply (even function) has no reply of its own`);
    return;
  }
  if (wBit === 'never' && reply !== undefined) throw new CatalogueDefinitionError(`${sf}: names reply ${reply} but never sets the W-bit`);
  if (wBit !== 'never' && reply === undefined)
    throw new CatalogueDefinitionError(`${sf}: may set the W-bit, so it needs a reply (${expectedReply})`);
  if (reply !== undefined && reply !== expectedReply)
    throw new CatalogueDefinitionError(`${sf}: the reply of a primary is ${expectedReply}, not ${reply}`);
}
