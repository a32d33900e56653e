import { CatalogueDefinitionError } from './catalogue-errors.js';

/** A message named by 'S2F41', or by anything with stream and function (an entry, a SecsMessage). */
export type MessageRef = string | { readonly stream: number; readonly function: number };

export interface StreamFunction {
  readonly stream: number;
  readonly function: number;
}

/** Stream and function of a reference; throws CatalogueDefinitionError for text that is not 'SxFy'. */
export function resolveRef(ref: MessageRef): StreamFunction {
  if (typeof ref !== 'string') return { stream: ref.stream, function: ref.function };
  const match = /^S(\d{1,3})F(\d{1,3})$/i.exec(ref.trim());
  const stream = match ? Number(match[1]) : NaN;
  const fn = match ? Number(match[2]) : NaN;
  if (!(stream <= 127 && fn <= 255))
    throw new CatalogueDefinitionError(`'${ref}' is not a stream/function like 'S1F13' (stream 0..127, function 0..255)`);
  return { stream, function: fn };
}

/** 'S2F41' */
export function sfText(stream: number, fn: number): string {
  return `S${stream}F${fn}`;
}

/** A map key for a stream/function pair. */
export function sfKey(stream: number, fn: number): number {
  return stream * 256 + fn;
}
