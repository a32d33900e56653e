import type { SecsItem } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { CatalogueValueError, SecsBodyMismatchError } from './catalogue-errors.js';
import type { BuildContext, BuildOptions } from './item-values.js';
import { secsCatalogue, type SecsCatalogue } from './secs-catalogue.js';

/** What a parser reads: a received message, or its body alone. */
export type ParseInput = SecsMessage | SecsItem | undefined;

export interface ParseOptions {
  /** The catalogue whose structure the body is checked against; the shared `secsCatalogue` by default. */
  readonly catalogue?: SecsCatalogue;
}

/**
 * The message `sf` with `body`, its W-bit set as the catalogue entry says ('optional' takes
 * options.wBit, default true). The body is checked against the entry first: a builder never
 * returns a message its own catalogue would answer with S9F7.
 */
export function buildMessage(sf: string, body: SecsItem | undefined, ctx: BuildContext, options: BuildOptions | undefined): SecsMessage {
  const entry = ctx.catalogue.get(sf);
  const asked = options?.wBit;
  if (entry.wBit === 'required' && asked === false)
    throw new CatalogueValueError(`${sf} always sets the W-bit; wBit: false is not allowed`);
  if (entry.wBit === 'never' && asked === true) throw new CatalogueValueError(`${sf} never sets the W-bit; wBit: true is not allowed`);
  const result = ctx.catalogue.validate(entry, body);
  if (!result.ok) throw new SecsBodyMismatchError(result);
  return new SecsMessage(entry.stream, entry.function, entry.wBit === 'never' ? false : (asked ?? true), body);
}

/**
 * The body of `input` after checking it against message `sf`: throws SecsBodyMismatchError with
 * the path of the first mismatch, or CatalogueValueError for a message of another stream/function.
 */
export function validatedBody(sf: string, input: ParseInput, options: ParseOptions | undefined): SecsItem | undefined {
  const catalogue = options?.catalogue ?? secsCatalogue;
  const entry = catalogue.get(sf);
  let body: SecsItem | undefined;
  if (input instanceof SecsMessage) {
    if (input.stream !== entry.stream || input.function !== entry.function)
      throw new CatalogueValueError(`expected ${sf}, got ${input.sf}`);
    body = input.body;
  } else {
    body = input;
  }
  const result = catalogue.validate(entry, body);
  if (!result.ok) throw new SecsBodyMismatchError(result);
  return body;
}

/**
 * Any catalogue message, your own included: `buildCatalogueMessage('S64F1', L(A('RCP'), U2(3)))`.
 * The W-bit follows the entry ('optional' takes options.wBit, default true) and the body is
 * checked against it (SecsBodyMismatchError on a mismatch).
 */
export function buildCatalogueMessage(sf: string, body?: SecsItem, options?: BuildOptions): SecsMessage {
  const catalogue = options?.catalogue ?? secsCatalogue;
  return buildMessage(catalogue.get(sf).sf, body, { catalogue, formats: options?.formats ?? {} }, options);
}

/** The body of a received message (or a bare body) after checking it against catalogue message `sf`. */
export function readCatalogueBody(sf: string, input: ParseInput, options?: ParseOptions): SecsItem | undefined {
  return validatedBody(sf, input, options);
}
