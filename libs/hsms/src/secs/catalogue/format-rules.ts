import { ItemFormat, type SecsItemType } from '../../protocol/items/item-format.js';
import type { SecsItem } from '../../protocol/items/secs-item.js';
import { CatalogueDefinitionError } from './catalogue-errors.js';

/**
 * The formats a data item may take, written as in the data files: 'U1|U2|A[..20]', 'B[1]',
 * 'A[12|14|16]', 'int|A'. A length rule counts elements: characters of A/J, bytes of B and of C2
 * text (without its 2-byte encoding code), values of numeric and BOOLEAN arrays, children of L.
 */

/** An element count rule: a range (max may be Infinity) or a set of allowed counts. */
export type LengthRule =
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'set'; readonly values: readonly number[] };

export interface FormatRule {
  readonly type: SecsItemType;
  readonly length?: LengthRule;
}

const INTEGER_TYPES: readonly SecsItemType[] = ['U1', 'U2', 'U4', 'U8', 'I1', 'I2', 'I4', 'I8'];
const ALL_TYPES = Object.keys(ItemFormat) as SecsItemType[];

/** Names that stand for several formats, in the order builders try them. */
export const FORMAT_GROUPS: Readonly<Record<string, readonly SecsItemType[]>> = Object.freeze({
  int: INTEGER_TYPES,
  uint: ['U1', 'U2', 'U4', 'U8'],
  sint: ['I1', 'I2', 'I4', 'I8'],
  float: ['F4', 'F8'],
  text: ['A', 'J', 'C2'],
  scalar: ['A', 'J', 'C2', 'B', 'BOOLEAN', ...INTEGER_TYPES, 'F4', 'F8'],
  any: ['L', 'A', 'J', 'C2', 'B', 'BOOLEAN', ...INTEGER_TYPES, 'F4', 'F8'],
});

/** Parses a format spec ('int|A[..20]') into one rule per format, throwing CatalogueDefinitionError naming `owner`. */
export function parseFormatSpec(spec: string, owner: string): readonly FormatRule[] {
  const rules: FormatRule[] = [];
  for (const part of splitTopLevel(spec)) {
    const match = /^([A-Za-z0-9]+)(?:\[([^\]]*)\])?$/.exec(part);
    if (match === null) throw new CatalogueDefinitionError(`${owner}: format '${part}' is not NAME or NAME[length]`);
    const name = match[1]!;
    const length = match[2] === undefined ? undefined : parseLengthRule(match[2], owner);
    for (const type of typesNamed(name, owner)) {
      if (rules.some((r) => r.type === type)) throw new CatalogueDefinitionError(`${owner}: format ${type} is listed twice in '${spec}'`);
      rules.push(length === undefined ? { type } : { type, length });
    }
  }
  if (rules.length === 0) throw new CatalogueDefinitionError(`${owner}: format spec is empty`);
  return Object.freeze(rules);
}

/** Splits at '|' outside brackets: 'A[12|14|16]|B' -> ['A[12|14|16]', 'B']. */
function splitTopLevel(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of spec) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

function typesNamed(name: string, owner: string): readonly SecsItemType[] {
  const group = FORMAT_GROUPS[name];
  if (group !== undefined) return group;
  if (Object.hasOwn(ItemFormat, name)) return [name as SecsItemType];
  const known = [...ALL_TYPES, ...Object.keys(FORMAT_GROUPS)].join(', ');
  throw new CatalogueDefinitionError(`${owner}: unknown format '${name}' (known: ${known})`);
}

function parseLengthRule(text: string, owner: string): LengthRule {
  const t = text.trim();
  const exact = /^(\d+)$/.exec(t);
  if (exact) return range(Number(exact[1]), Number(exact[1]), owner, t);
  const upTo = /^\.\.(\d+)$/.exec(t);
  if (upTo) return range(0, Number(upTo[1]), owner, t);
  const from = /^(\d+)\.\.$/.exec(t);
  if (from) return range(Number(from[1]), Infinity, owner, t);
  const between = /^(\d+)\.\.(\d+)$/.exec(t);
  if (between) return range(Number(between[1]), Number(between[2]), owner, t);
  if (/^\d+(\|\d+)+$/.test(t)) return { kind: 'set', values: Object.freeze(t.split('|').map(Number)) };
  throw new CatalogueDefinitionError(`${owner}: length rule '[${text}]' is not n, ..n, n.., n..m or n|m|...`);
}

function range(min: number, max: number, owner: string, text: string): LengthRule {
  if (min > max) throw new CatalogueDefinitionError(`${owner}: length rule '[${text}]' has its minimum above its maximum`);
  return { kind: 'range', min, max };
}

/** Element count as length rules count it (C2 without its encoding code). */
export function elementCount(item: SecsItem): number {
  return item.type === 'C2' ? item.bytes.length : item.length;
}

export function lengthAccepts(rule: LengthRule, count: number): boolean {
  return rule.kind === 'range' ? count >= rule.min && count <= rule.max : rule.values.includes(count);
}

export function describeLengthRule(rule: LengthRule): string {
  if (rule.kind === 'set') return rule.values.join('|');
  if (rule.min === rule.max) return String(rule.min);
  if (rule.max === Infinity) return `${rule.min}..`;
  return rule.min === 0 ? `..${rule.max}` : `${rule.min}..${rule.max}`;
}

/** 'B[1]', 'A[..20]', 'U4' */
export function describeFormatRule(rule: FormatRule): string {
  return rule.length === undefined ? rule.type : `${rule.type}[${describeLengthRule(rule.length)}]`;
}

/** 'B[1]' for one rule, 'one of U1, U2, A' for several. */
export function describeFormatRules(rules: readonly FormatRule[]): string {
  const names = rules.map(describeFormatRule);
  return names.length === 1 ? names[0]! : `one of ${names.join(', ')}`;
}
