import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import { children, readId } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { listOf } from './message-helpers.js';

// Stream 6 individual reports (S6F19-S6F22) for data/s06-data-collection.yaml.

export interface AnnotatedValue<Id = IdValue> {
  readonly vid: Id;
  readonly value: SecsItem;
}

/** S6F19 W: Individual Report Request. */
export function S6F19(rptid: IdValue, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F19', itemOf('RPTID', rptid, ctx), ctx, options);
}

export function parseS6F19(input: ParseInput, options?: ParseOptions): IdReading {
  return readId(validatedBody('S6F19', input, options)!, { sf: 'S6F19', path: 'body', dataItem: 'RPTID' });
}

/** S6F20: the report's values in order (empty for an undefined RPTID). */
export function S6F20(values: readonly SecsItem[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F20', listOf(values), ctx, options);
}

export function parseS6F20(input: ParseInput, options?: ParseOptions): SecsItem[] {
  return [...children(validatedBody('S6F20', input, options))];
}

/** S6F21 W: Annotated Individual Report Request. */
export function S6F21(rptid: IdValue, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F21', itemOf('RPTID', rptid, ctx), ctx, options);
}

export function parseS6F21(input: ParseInput, options?: ParseOptions): IdReading {
  return readId(validatedBody('S6F21', input, options)!, { sf: 'S6F21', path: 'body', dataItem: 'RPTID' });
}

/** S6F22: VID and value of each variable of the report. */
export function S6F22(values: readonly AnnotatedValue[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F22', listOf(values.map((v) => listOf([itemOf('VID', v.vid, ctx), v.value]))), ctx, options);
}

export function parseS6F22(input: ParseInput, options?: ParseOptions): AnnotatedValue<IdReading>[] {
  const sf = 'S6F22';
  return children(validatedBody(sf, input, options)).map((row, i) => {
    const [vid, value] = children(row);
    return { vid: readId(vid!, { sf, path: `body[${i}][0]`, dataItem: 'VID' }), value: value! };
  });
}
