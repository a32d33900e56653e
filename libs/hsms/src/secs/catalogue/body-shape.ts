import { CatalogueDefinitionError } from './catalogue-errors.js';

/**
 * The structure language of message bodies (data/README.md), as written in the data files:
 *   none                         header only (top level, or an alternative of a top-level oneOf)
 *   HCACK                        one data item, by name
 *   { list: [RCMD, ...] }        a list of exactly these elements (list: [] is an empty list)
 *   { every: SVID }              a list of any number of elements, each of this shape
 *   { oneOf: [shape, ...] }      the first alternative that matches
 */
export type BodyDefinition =
  | string
  | { readonly list: readonly BodyDefinition[] }
  | { readonly every: BodyDefinition }
  | { readonly oneOf: readonly BodyDefinition[] };

/** A compiled body structure; switch on `kind`. */
export type BodyShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'item'; readonly item: string }
  | { readonly kind: 'list'; readonly items: readonly BodyShape[] }
  | { readonly kind: 'every'; readonly element: BodyShape }
  | { readonly kind: 'oneOf'; readonly options: readonly BodyShape[] };

const NONE: BodyShape = Object.freeze({ kind: 'none' });

/**
 * Compiles a body definition, throwing CatalogueDefinitionError naming `owner` for a malformed
 * one or a data item `hasItem` does not know.
 */
export function compileBody(definition: unknown, owner: string, hasItem: (name: string) => boolean): BodyShape {
  return compile(definition, owner, hasItem, true);
}

function compile(def: unknown, owner: string, hasItem: (name: string) => boolean, topLevel: boolean): BodyShape {
  if (typeof def === 'string') {
    if (def === 'none') {
      if (!topLevel)
        throw new CatalogueDefinitionError(`${owner}: 'none' (no body) may only be the whole body or one of its top-level alternatives`);
      return NONE;
    }
    if (!hasItem(def)) throw new CatalogueDefinitionError(`${owner}: data item ${def} is not in the catalogue`);
    return Object.freeze({ kind: 'item', item: def });
  }
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    throw new CatalogueDefinitionError(`${owner}: body element ${JSON.stringify(def)} is not a data item name, list, every or oneOf`);
  }
  const keys = Object.keys(def);
  if (keys.length !== 1)
    throw new CatalogueDefinitionError(`${owner}: body element has keys ${keys.join(', ')}; expected exactly one of list, every, oneOf`);
  const key = keys[0]!;
  const value = (def as Record<string, unknown>)[key];
  switch (key) {
    case 'list':
      if (!Array.isArray(value)) throw new CatalogueDefinitionError(`${owner}: 'list' needs an array of elements`);
      return Object.freeze({ kind: 'list', items: Object.freeze(value.map((v) => compile(v, owner, hasItem, false))) });
    case 'every':
      return Object.freeze({ kind: 'every', element: compile(value, owner, hasItem, false) });
    case 'oneOf':
      if (!Array.isArray(value) || value.length < 2)
        throw new CatalogueDefinitionError(`${owner}: 'oneOf' needs an array of at least two alternatives`);
      return Object.freeze({ kind: 'oneOf', options: Object.freeze(value.map((v) => compile(v, owner, hasItem, topLevel))) });
    default:
      throw new CatalogueDefinitionError(`${owner}: unknown body element '${key}'; expected list, every or oneOf`);
  }
}

/** Short text of what a shape asks for: 'no body', 'HCACK', 'L[2]', 'L', 'one of L[2], L[0]'. */
export function describeShape(shape: BodyShape): string {
  switch (shape.kind) {
    case 'none':
      return 'no body';
    case 'item':
      return shape.item;
    case 'list':
      return `L[${shape.items.length}]`;
    case 'every':
      return 'L';
    case 'oneOf':
      return `one of ${shape.options.map(describeShape).join(', ')}`;
  }
}

/** Every data item name a shape refers to, each once. */
export function referencedItems(shape: BodyShape, into = new Set<string>()): Set<string> {
  switch (shape.kind) {
    case 'item':
      into.add(shape.item);
      break;
    case 'list':
      for (const s of shape.items) referencedItems(s, into);
      break;
    case 'every':
      referencedItems(shape.element, into);
      break;
    case 'oneOf':
      for (const s of shape.options) referencedItems(s, into);
      break;
    case 'none':
      break;
  }
  return into;
}
