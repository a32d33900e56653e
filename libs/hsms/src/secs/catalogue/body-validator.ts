import type { SecsItem } from '../../protocol/items/secs-item.js';
import { UnknownDataItemError } from './catalogue-errors.js';
import type { DataItemEntry } from './catalogue-types.js';
import { describeShape, type BodyShape } from './body-shape.js';
import { describeFormatRule, describeFormatRules, elementCount, lengthAccepts } from './format-rules.js';
import { VALID, type ValidationResult } from './validation-result.js';

/** Finds a data item by name (the catalogue's look-up). */
export type DataItemLookup = (name: string) => DataItemEntry | undefined;

interface Mismatch {
  readonly path: string;
  /** Nesting level of `path` (body = 0): the deepest mismatch of failed alternatives is the one reported. */
  readonly depth: number;
  readonly dataItem: string | undefined;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Checks `body` against `shape` and returns the first mismatch with its path. Recursion follows
 * the shape, not the body, so a deep body cannot exhaust the stack: a data item that allows L
 * (SV, V) accepts the list without looking inside.
 */
export function validateShape(sf: string, shape: BodyShape, body: SecsItem | undefined, lookup: DataItemLookup): ValidationResult {
  const mismatch = check(shape, body, 'body', 0, lookup);
  if (mismatch === undefined) return VALID;
  const subject = mismatch.dataItem === undefined ? '' : `${mismatch.dataItem} `;
  return Object.freeze({
    ok: false,
    sf,
    path: mismatch.path,
    dataItem: mismatch.dataItem,
    expected: mismatch.expected,
    actual: mismatch.actual,
    message: `${sf} ${mismatch.path}: ${subject}expected ${mismatch.expected}, got ${mismatch.actual}`,
  });
}

/** A mismatch at `path` (a plain function: a closure per check was made for every valid body too). */
function mismatchAt(path: string, depth: number, expected: string, actual: string, dataItem?: string): Mismatch {
  return { path, depth, dataItem, expected, actual };
}

function check(shape: BodyShape, item: SecsItem | undefined, path: string, depth: number, lookup: DataItemLookup): Mismatch | undefined {
  if (shape.kind === 'none') return item === undefined ? undefined : mismatchAt(path, depth, 'no body', describeActual(item));
  if (shape.kind === 'oneOf') return checkAlternatives(shape.options, item, path, depth, lookup);
  if (item === undefined) return mismatchAt(path, depth, describeShape(shape), 'no body');
  switch (shape.kind) {
    case 'item':
      return checkDataItem(shape.item, item, path, depth, lookup);
    case 'list': {
      if (item.type !== 'L' || item.length !== shape.items.length)
        return mismatchAt(path, depth, describeShape(shape), describeActual(item));
      for (let i = 0; i < shape.items.length; i++) {
        const m = check(shape.items[i]!, item.items[i], `${path}[${i}]`, depth + 1, lookup);
        if (m !== undefined) return m;
      }
      return undefined;
    }
    case 'every': {
      if (item.type !== 'L') return mismatchAt(path, depth, 'L', describeActual(item));
      for (let i = 0; i < item.items.length; i++) {
        const m = check(shape.element, item.items[i], `${path}[${i}]`, depth + 1, lookup);
        if (m !== undefined) return m;
      }
      return undefined;
    }
  }
}

function checkDataItem(name: string, item: SecsItem, path: string, depth: number, lookup: DataItemLookup): Mismatch | undefined {
  const entry = lookup(name);
  if (entry === undefined) throw new UnknownDataItemError(name);
  const rule = formatRuleFor(entry, item.type);
  if (rule === undefined) return mismatchAt(path, depth, describeFormatRules(entry.formats), item.type, name);
  const count = elementCount(item);
  if (rule.length !== undefined && !lengthAccepts(rule.length, count))
    return mismatchAt(path, depth, describeFormatRule(rule), `${item.type}[${count}]`, name);
  return undefined;
}

/** The item's rule for `type` (a loop: find() with an arrow made a closure per checked item). */
function formatRuleFor(entry: DataItemEntry, type: SecsItem['type']): DataItemEntry['formats'][number] | undefined {
  for (const rule of entry.formats) if (rule.type === type) return rule;
  return undefined;
}

/**
 * The first alternative that matches wins. When none does, the mismatch that got deepest into the
 * body is the most telling; when all fail right here, the alternatives are listed together.
 */
function checkAlternatives(
  options: readonly BodyShape[],
  item: SecsItem | undefined,
  path: string,
  depth: number,
  lookup: DataItemLookup,
): Mismatch | undefined {
  let deepest: Mismatch | undefined;
  for (const option of options) {
    const m = check(option, item, path, depth, lookup);
    if (m === undefined) return undefined;
    if (deepest === undefined || m.depth > deepest.depth) deepest = m;
  }
  if (deepest !== undefined && deepest.depth > depth) return deepest;
  const expected = `one of ${options.map(describeShape).join(', ')}`;
  return { path, depth, dataItem: undefined, expected, actual: item === undefined ? 'no body' : describeActual(item) };
}

/** 'L[3]' for a list, the format name for anything else. */
function describeActual(item: SecsItem): string {
  return item.type === 'L' ? `L[${item.length}]` : item.type;
}
