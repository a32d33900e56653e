import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, RSPACK, STRACK } from '../code-constants.js';
import { children, readCode } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildOptions } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { listOf } from './message-helpers.js';

// Stream 2 reset spooling (S2F43/S2F44) for data/s02-equipment-control.yaml.

/** A stream to spool and its functions (none: every function of the stream). */
export interface SpoolStreamSetting {
  readonly stream: number;
  readonly functions: readonly number[];
}

/** A stream the equipment refused, with STRACK and the functions in error. */
export interface SpoolStreamError<Code = CodeInput<typeof STRACK> | SecsItem> {
  readonly stream: number;
  readonly strack: Code;
  readonly functions: readonly number[];
}

export interface S2F44Body {
  readonly rspack: CodeInput<typeof RSPACK> | SecsItem;
  readonly errors?: readonly SpoolStreamError[];
}

export interface S2F44Reading {
  readonly rspack: number;
  readonly errors: readonly SpoolStreamError<number>[];
}

/** S2F43 W: Reset Spooling Streams and Functions; an empty list turns spooling off. */
export function S2F43(streams: readonly SpoolStreamSetting[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const body = listOf(
    streams.map((s) => listOf([itemOf('STRID', s.stream, ctx), listOf(s.functions.map((f) => itemOf('FCNID', f, ctx)))])),
  );
  return buildMessage('S2F43', body, ctx, options);
}

export function parseS2F43(input: ParseInput, options?: ParseOptions): SpoolStreamSetting[] {
  const sf = 'S2F43';
  return children(validatedBody(sf, input, options)).map((entry, i) => {
    const [strid, fcnids] = children(entry);
    return {
      stream: readCode(strid!, { sf, path: `body[${i}][0]`, dataItem: 'STRID' }),
      functions: children(fcnids).map((f, j) => readCode(f, { sf, path: `body[${i}][1][${j}]`, dataItem: 'FCNID' })),
    };
  });
}

/** S2F44: RSPACK and the streams in error. */
export function S2F44(body: S2F44Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const errors = (body.errors ?? []).map((e) =>
    listOf([itemOf('STRID', e.stream, ctx), codeOf('STRACK', e.strack, ctx), listOf(e.functions.map((f) => itemOf('FCNID', f, ctx)))]),
  );
  return buildMessage('S2F44', listOf([codeOf('RSPACK', body.rspack, ctx), listOf(errors)]), ctx, options);
}

export function parseS2F44(input: ParseInput, options?: ParseOptions): S2F44Reading {
  const sf = 'S2F44';
  const [rspack, errors] = children(validatedBody(sf, input, options));
  return {
    rspack: readCode(rspack!, { sf, path: 'body[0]', dataItem: 'RSPACK' }),
    errors: children(errors).map((e, i) => {
      const [strid, strack, fcnids] = children(e);
      return {
        stream: readCode(strid!, { sf, path: `body[1][${i}][0]`, dataItem: 'STRID' }),
        strack: readCode(strack!, { sf, path: `body[1][${i}][1]`, dataItem: 'STRACK' }),
        functions: children(fcnids).map((f, j) => readCode(f, { sf, path: `body[1][${i}][2][${j}]`, dataItem: 'FCNID' })),
      };
    }),
  };
}
