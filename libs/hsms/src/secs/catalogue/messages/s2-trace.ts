import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, TIAACK } from '../code-constants.js';
import { children, readId, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, listOf, readCodeBody } from './message-helpers.js';

// Stream 2 trace initialize (S2F23/S2F24) for data/s02-equipment-control.yaml.

export interface S2F23Body {
  readonly trid: IdValue;
  /** E5 DSPER: 'hhmmss' or 'hhmmsscc'; a number is taken as milliseconds and rounded to hundredths. */
  readonly dsper: string | number;
  /** Samples to take; 0 stops the trace. */
  readonly totsmp: number | SecsItem;
  /** Samples per S6F1. */
  readonly repgsz: number | SecsItem;
  readonly svids: readonly IdValue[];
}

export interface S2F23Reading {
  readonly trid: IdReading;
  /** The DSPER text as sent. */
  readonly dsper: string;
  /** TOTSMP as a number (A holding digits is read too); NaN when it holds anything else. */
  readonly totsmp: number;
  readonly repgsz: number;
  readonly svids: readonly IdReading[];
}

/** S2F23 W: Trace Initialize Send. */
export function S2F23(body: S2F23Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const dsper = typeof body.dsper === 'number' ? formatDsper(body.dsper) : body.dsper;
  const item = listOf([
    itemOf('TRID', body.trid, ctx),
    itemOf('DSPER', dsper, ctx),
    itemOf('TOTSMP', body.totsmp, ctx),
    itemOf('REPGSZ', body.repgsz, ctx),
    listOf(body.svids.map((svid) => itemOf('SVID', svid, ctx))),
  ]);
  return buildMessage('S2F23', item, ctx, options);
}

export function parseS2F23(input: ParseInput, options?: ParseOptions): S2F23Reading {
  const sf = 'S2F23';
  const [trid, dsper, totsmp, repgsz, svids] = children(validatedBody(sf, input, options));
  return {
    trid: readId(trid!, { sf, path: 'body[0]', dataItem: 'TRID' }),
    dsper: readText(dsper!, { sf, path: 'body[1]', dataItem: 'DSPER' }),
    totsmp: countOf(readId(totsmp!, { sf, path: 'body[2]', dataItem: 'TOTSMP' })),
    repgsz: countOf(readId(repgsz!, { sf, path: 'body[3]', dataItem: 'REPGSZ' })),
    svids: children(svids).map((s, i) => readId(s, { sf, path: `body[4][${i}]`, dataItem: 'SVID' })),
  };
}

/** S2F24: TIAACK. */
export function S2F24(tiaack: CodeInput<typeof TIAACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F24', 'TIAACK', tiaack, options);
}

export function parseS2F24(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F24', 'TIAACK', input, options);
}

/**
 * E5 DSPER text to milliseconds: 'hhmmss' or 'hhmmsscc' (cc hundredths). Undefined for anything
 * else (TIAACK 3, invalid period).
 */
export function parseDsper(text: string): number | undefined {
  if (!/^\d{6}(\d{2})?$/.test(text)) return undefined;
  const [h, m, s] = [Number(text.slice(0, 2)), Number(text.slice(2, 4)), Number(text.slice(4, 6))];
  if (m > 59 || s > 59) return undefined;
  const cc = text.length === 8 ? Number(text.slice(6, 8)) : 0;
  return ((h * 60 + m) * 60 + s) * 1000 + cc * 10;
}

/** Milliseconds as DSPER 'hhmmsscc' (rounded to hundredths, at least 1 hundredth). */
export function formatDsper(ms: number): string {
  const total = Math.max(1, Math.round(ms / 10));
  const cc = total % 100;
  const seconds = Math.floor(total / 100);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.min(99, Math.floor(seconds / 3600)))}${two(Math.floor(seconds / 60) % 60)}${two(seconds % 60)}${two(cc)}`;
}

function countOf(value: IdReading): number {
  if (typeof value === 'string') return /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  return Number(value);
}
