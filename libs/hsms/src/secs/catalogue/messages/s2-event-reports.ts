import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, DRACK, ERACK, LRACK } from '../code-constants.js';
import { children, readBoolean, readId } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, readCodeBody } from './message-helpers.js';

// Stream 2, dynamic event report set-up (S2F33-S2F38): builders and parsers for
// data/s02-equipment-control.yaml.

export interface ReportDefinition<Id = IdValue> {
  readonly rptid: Id;
  /** No VIDs deletes the report. */
  readonly vids: readonly Id[];
}

export interface S2F33Body<Id = IdValue> {
  readonly dataId: Id;
  /** No reports deletes every report. */
  readonly reports: readonly ReportDefinition<Id>[];
}

export interface EventReportLink<Id = IdValue> {
  readonly ceid: Id;
  /** No RPTIDs unlinks every report from the event. */
  readonly rptids: readonly Id[];
}

export interface S2F35Body<Id = IdValue> {
  readonly dataId: Id;
  readonly links: readonly EventReportLink<Id>[];
}

export interface S2F37Body<Id = IdValue> {
  readonly enable: boolean;
  /** No CEIDs applies to every collection event. */
  readonly ceids?: readonly Id[];
}

/** S2F33 W: Define Report. */
export function S2F33(body: S2F33Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const reports = body.reports.map((r) => L(itemOf('RPTID', r.rptid, ctx), L.of(r.vids.map((v) => itemOf('VID', v, ctx)))));
  return buildMessage('S2F33', L(itemOf('DATAID', body.dataId, ctx), L.of(reports)), ctx, options);
}

export function parseS2F33(input: ParseInput, options?: ParseOptions): S2F33Body<IdReading> {
  const [dataId, reports] = children(validatedBody('S2F33', input, options));
  return {
    dataId: readId(dataId!, { sf: 'S2F33', path: 'body[0]', dataItem: 'DATAID' }),
    reports: children(reports).map((report, i) => {
      const [rptid, vids] = children(report);
      return {
        rptid: readId(rptid!, { sf: 'S2F33', path: `body[1][${i}][0]`, dataItem: 'RPTID' }),
        vids: children(vids).map((v, j) => readId(v, { sf: 'S2F33', path: `body[1][${i}][1][${j}]`, dataItem: 'VID' })),
      };
    }),
  };
}

/** S2F34: DRACK. */
export function S2F34(drack: CodeInput<typeof DRACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F34', 'DRACK', drack, options);
}

export function parseS2F34(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F34', 'DRACK', input, options);
}

/** S2F35 W: Link Event Report. */
export function S2F35(body: S2F35Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const links = body.links.map((l) => L(itemOf('CEID', l.ceid, ctx), L.of(l.rptids.map((r) => itemOf('RPTID', r, ctx)))));
  return buildMessage('S2F35', L(itemOf('DATAID', body.dataId, ctx), L.of(links)), ctx, options);
}

export function parseS2F35(input: ParseInput, options?: ParseOptions): S2F35Body<IdReading> {
  const [dataId, links] = children(validatedBody('S2F35', input, options));
  return {
    dataId: readId(dataId!, { sf: 'S2F35', path: 'body[0]', dataItem: 'DATAID' }),
    links: children(links).map((link, i) => {
      const [ceid, rptids] = children(link);
      return {
        ceid: readId(ceid!, { sf: 'S2F35', path: `body[1][${i}][0]`, dataItem: 'CEID' }),
        rptids: children(rptids).map((r, j) => readId(r, { sf: 'S2F35', path: `body[1][${i}][1][${j}]`, dataItem: 'RPTID' })),
      };
    }),
  };
}

/** S2F36: LRACK. */
export function S2F36(lrack: CodeInput<typeof LRACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F36', 'LRACK', lrack, options);
}

export function parseS2F36(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F36', 'LRACK', input, options);
}

/** S2F37 W: enable or disable event reports. */
export function S2F37(body: S2F37Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const ceids = (body.ceids ?? []).map((c) => itemOf('CEID', c, ctx));
  return buildMessage('S2F37', L(itemOf('CEED', body.enable, ctx), L.of(ceids)), ctx, options);
}

export function parseS2F37(input: ParseInput, options?: ParseOptions): { readonly enable: boolean; readonly ceids: IdReading[] } {
  const [ceed, ceids] = children(validatedBody('S2F37', input, options));
  return {
    enable: readBoolean(ceed!, { sf: 'S2F37', path: 'body[0]', dataItem: 'CEED' }),
    ceids: children(ceids).map((c, i) => readId(c, { sf: 'S2F37', path: `body[1][${i}]`, dataItem: 'CEID' })),
  };
}

/** S2F38: ERACK. */
export function S2F38(erack: CodeInput<typeof ERACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F38', 'ERACK', erack, options);
}

export function parseS2F38(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F38', 'ERACK', input, options);
}
