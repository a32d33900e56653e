import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { SecsItemType } from '../../protocol/items/item-format.js';
import { CatalogueDefinitionError } from './catalogue-errors.js';
import type { BodyDefinition } from './body-shape.js';
import type { ConstantDefinition, DataItemDefinition, MessageDefinition, MessageDirection, WBitRule } from './catalogue-types.js';

let yamlPackage: typeof Yaml | undefined;

/**
 * The yaml package, loaded on the first document read (synchronously: catalogue look-ups are).
 * A static import made every process that imports the library load it: about 7 MiB of peak RSS
 * and a quarter second at start-up (issue 10's import measurement), though a host that never
 * consults the catalogue never parses any YAML.
 */
function yaml(): typeof Yaml {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlPackage;
}

/** The definitions one YAML document holds. */
export interface CatalogueDocument {
  readonly items: readonly DataItemDefinition[];
  readonly messages: readonly MessageDefinition[];
}

const DOCUMENT_KEYS = ['stream', 'title', 'description', 'items', 'messages'];
const ITEM_KEYS = ['format', 'default', 'description', 'constants', 'otherwise'];
const MESSAGE_KEYS = ['name', 'abbreviation', 'direction', 'wbit', 'reply', 'body', 'description'];

/**
 * Reads a catalogue YAML document (the data files' form; data/README.md):
 *   stream: 64                  optional; when present every message must be of this stream
 *   items:    { NAME: { format, default?, description?, constants?, otherwise? } }
 *   messages: { SxFy: { name, abbreviation?, direction, wbit, reply?, body, description? } }
 * Unknown keys are refused so a typo does not silently drop a rule. `source` names the text in errors.
 */
export function readCatalogueYaml(text: string, source: string): CatalogueDocument {
  const { parse, YAMLParseError } = yaml();
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) throw new CatalogueDefinitionError(`${source}: ${error.message}`);
    throw error;
  }
  if (doc === null || doc === undefined) return { items: [], messages: [] };
  const root = record(doc, source);
  checkKeys(root, DOCUMENT_KEYS, source);
  const stream = root['stream'] === undefined ? undefined : integer(root['stream'], `${source}: stream`);
  const items = Object.entries(record(root['items'] ?? {}, `${source}: items`)).map(([name, value]) => readItem(name, value, source));
  const messages = Object.entries(record(root['messages'] ?? {}, `${source}: messages`)).map(([sf, value]) =>
    readMessage(sf, value, source, stream),
  );
  return { items, messages };
}

function readItem(name: string, value: unknown, source: string): DataItemDefinition {
  const where = `${source}: item ${name}`;
  const raw = record(value, where);
  checkKeys(raw, ITEM_KEYS, where);
  const format = raw['format'];
  if (typeof format !== 'string' && !(Array.isArray(format) && format.every((f) => typeof f === 'string'))) {
    throw new CatalogueDefinitionError(`${where}: format must be a string like 'B[1]' or 'int|A', or a list of them`);
  }
  return {
    name,
    format: format as string | readonly string[],
    ...optionalString(raw, 'default', where, (v) => ({ default: v as SecsItemType })),
    ...optionalString(raw, 'description', where, (v) => ({ description: v })),
    ...optionalString(raw, 'otherwise', where, (v) => ({ otherwise: v })),
    ...(raw['constants'] === undefined ? {} : { constants: readConstants(raw['constants'], where) }),
  };
}

function readConstants(value: unknown, where: string): Record<number, string | ConstantDefinition> {
  const out: Record<number, string | ConstantDefinition> = {};
  for (const [key, def] of Object.entries(record(value, `${where}: constants`))) {
    const code = integer(Number(key), `${where}: constant code '${key}'`);
    if (typeof def === 'string') {
      out[code] = def;
      continue;
    }
    const c = record(def, `${where}: constant ${key}`);
    checkKeys(c, ['name', 'meaning'], `${where}: constant ${key}`);
    if (typeof c['name'] !== 'string') throw new CatalogueDefinitionError(`${where}: constant ${key} needs a name`);
    out[code] = typeof c['meaning'] === 'string' ? { name: c['name'], meaning: c['meaning'] } : { name: c['name'] };
  }
  return out;
}

function readMessage(sf: string, value: unknown, source: string, stream: number | undefined): MessageDefinition {
  const where = `${source}: ${sf}`;
  const raw = record(value, where);
  checkKeys(raw, MESSAGE_KEYS, where);
  if (stream !== undefined && !sf.startsWith(`S${stream}F`))
    throw new CatalogueDefinitionError(`${where}: this file holds stream ${stream} only`);
  for (const key of ['name', 'direction', 'wbit']) {
    if (typeof raw[key] !== 'string') throw new CatalogueDefinitionError(`${where}: '${key}' is required and must be a string`);
  }
  if (raw['body'] === undefined) throw new CatalogueDefinitionError(`${where}: 'body' is required ('none' for a header-only message)`);
  return {
    sf,
    name: raw['name'] as string,
    direction: raw['direction'] as MessageDirection,
    wBit: raw['wbit'] as WBitRule,
    body: raw['body'] as BodyDefinition,
    ...optionalString(raw, 'abbreviation', where, (v) => ({ abbreviation: v })),
    ...optionalString(raw, 'reply', where, (v) => ({ reply: v })),
    ...optionalString(raw, 'description', where, (v) => ({ description: v })),
  };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CatalogueDefinitionError(`${where} must be a map`);
  return value as Record<string, unknown>;
}

function checkKeys(raw: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new CatalogueDefinitionError(`${where}: unknown key '${key}' (allowed: ${allowed.join(', ')})`);
  }
}

function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new CatalogueDefinitionError(`${where} must be a non-negative integer`);
  return value;
}

function optionalString<T>(
  raw: Record<string, unknown>,
  key: string,
  where: string,
  wrap: (value: string) => T,
): T | Record<string, never> {
  const value = raw[key];
  if (value === undefined) return {};
  if (typeof value !== 'string') throw new CatalogueDefinitionError(`${where}: '${key}' must be a string`);
  return wrap(value);
}
