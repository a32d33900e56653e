import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { ACKC6, CodeInput } from '../code-constants.js';
import { children, readId, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, listOf, readCodeBody } from './message-helpers.js';

// Stream 6 trace data (S6F1/S6F2) for data/s06-data-collection.yaml.

export interface TraceData<Id = IdValue> {
  readonly trid: Id;
  /** The number of the last sample in the report (1 for the first). */
  readonly smpln: number;
  /** The time of that sample, E5 TIME text. */
  readonly stime: string;
  /** The SVs of the group's samples, one sample after the other. */
  readonly values: readonly SecsItem[];
}

/** S6F1 W: Trace Data Send. */
export function S6F1(body: TraceData, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const item = listOf([
    itemOf('TRID', body.trid, ctx),
    itemOf('SMPLN', body.smpln, ctx),
    itemOf('STIME', body.stime, ctx),
    listOf(body.values),
  ]);
  return buildMessage('S6F1', item, ctx, options);
}

export function parseS6F1(input: ParseInput, options?: ParseOptions): TraceData<IdReading> {
  const sf = 'S6F1';
  const [trid, smpln, stime, values] = children(validatedBody(sf, input, options));
  return {
    trid: readId(trid!, { sf, path: 'body[0]', dataItem: 'TRID' }),
    smpln: Number(readId(smpln!, { sf, path: 'body[1]', dataItem: 'SMPLN' })),
    stime: readText(stime!, { sf, path: 'body[2]', dataItem: 'STIME' }),
    values: [...children(values)],
  };
}

/** S6F2: ACKC6. */
export function S6F2(ackc6: CodeInput<typeof ACKC6> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S6F2', 'ACKC6', ackc6, options);
}

export function parseS6F2(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S6F2', 'ACKC6', input, options);
}
