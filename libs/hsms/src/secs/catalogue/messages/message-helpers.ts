import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import { children, readCode, readId } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';

// The shapes many messages share: a header-only primary, a list of ids, a single code.

/** A message without a body (S1F1, S1F15, S2F17 ...). */
export function headerOnly(sf: string, options: BuildOptions | undefined): SecsMessage {
  return buildMessage(sf, undefined, buildContext(options), options);
}

/** A body that is a list of one data item's ids (S1F3, S2F13, S7F17 ...). */
export function idListMessage(sf: string, dataItem: string, ids: readonly IdValue[], options: BuildOptions | undefined): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage(sf, L.of(ids.map((id) => itemOf(dataItem, id, ctx))), ctx, options);
}

export function readIdList(sf: string, dataItem: string, input: ParseInput, options: ParseOptions | undefined): IdReading[] {
  return children(validatedBody(sf, input, options)).map((item, i) => readId(item, { sf, path: `body[${i}]`, dataItem }));
}

/** A body that is one code (S1F16, S2F34, S6F12 ...). */
export function codeMessage(
  sf: string,
  dataItem: string,
  code: number | string | SecsItem,
  options: BuildOptions | undefined,
): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage(sf, codeOf(dataItem, code, ctx), ctx, options);
}

export function readCodeBody(sf: string, dataItem: string, input: ParseInput, options: ParseOptions | undefined): number {
  return readCode(validatedBody(sf, input, options)!, { sf, path: 'body', dataItem });
}

// one implementation of the array form of L (issue 11 added it to the items): the messages import it from here
export { listOf } from '../../../protocol/items/secs-item.js';
