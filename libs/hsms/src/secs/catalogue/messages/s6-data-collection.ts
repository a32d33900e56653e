import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { ACKC6, CodeInput } from '../code-constants.js';
import { children, readId } from '../item-readings.js';
import { buildContext, itemOf, type BuildContext, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, readCodeBody } from './message-helpers.js';

// Stream 6, data collection: builders (S6Fx) and parsers (parseS6Fx) for data/s06-data-collection.yaml.

export interface EventReportData<Id = IdValue> {
  readonly rptid: Id;
  /** One V per variable of the report, in its defined order. */
  readonly values: readonly SecsItem[];
}

/** The body of S6F11 and S6F16. */
export interface EventReportBody<Id = IdValue> {
  readonly dataId: Id;
  readonly ceid: Id;
  readonly reports?: readonly EventReportData<Id>[];
}

export interface EventReportReading {
  readonly dataId: IdReading;
  readonly ceid: IdReading;
  readonly reports: readonly EventReportData<IdReading>[];
}

/** S6F11: Event Report Send (W unless options.wBit is false). */
export function S6F11(body: EventReportBody, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F11', eventReportItem(body, ctx), ctx, options);
}

/** `{ dataId, ceid, reports: [{ rptid, values }] }` of an S6F11. */
export function parseS6F11(input: ParseInput, options?: ParseOptions): EventReportReading {
  return readEventReport('S6F11', validatedBody('S6F11', input, options));
}

/** S6F12: ACKC6. */
export function S6F12(ackc6: CodeInput<typeof ACKC6> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S6F12', 'ACKC6', ackc6, options);
}

export function parseS6F12(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S6F12', 'ACKC6', input, options);
}

/** S6F15 W: the reports of one collection event. */
export function S6F15(ceid: IdValue, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F15', itemOf('CEID', ceid, ctx), ctx, options);
}

export function parseS6F15(input: ParseInput, options?: ParseOptions): IdReading {
  return readId(validatedBody('S6F15', input, options)!, { sf: 'S6F15', path: 'body', dataItem: 'CEID' });
}

/** S6F16: Event Report Data. */
export function S6F16(body: EventReportBody, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S6F16', eventReportItem(body, ctx), ctx, options);
}

export function parseS6F16(input: ParseInput, options?: ParseOptions): EventReportReading {
  return readEventReport('S6F16', validatedBody('S6F16', input, options));
}

function eventReportItem(body: EventReportBody, ctx: BuildContext): SecsItem {
  const reports = (body.reports ?? []).map((r) => L(itemOf('RPTID', r.rptid, ctx), L.of(r.values.map((v) => itemOf('V', v, ctx)))));
  return L(itemOf('DATAID', body.dataId, ctx), itemOf('CEID', body.ceid, ctx), L.of(reports));
}

function readEventReport(sf: string, body: SecsItem | undefined): EventReportReading {
  const [dataId, ceid, reports] = children(body);
  return {
    dataId: readId(dataId!, { sf, path: 'body[0]', dataItem: 'DATAID' }),
    ceid: readId(ceid!, { sf, path: 'body[1]', dataItem: 'CEID' }),
    reports: children(reports).map((report, i) => {
      const [rptid, values] = children(report);
      return { rptid: readId(rptid!, { sf, path: `body[2][${i}][0]`, dataItem: 'RPTID' }), values: [...children(values)] };
    }),
  };
}
