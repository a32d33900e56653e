import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, LIMITACK, LVACK, VLAACK } from '../code-constants.js';
import { children, readCode, readId, readText } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { idListMessage, listOf, readIdList } from './message-helpers.js';

// Stream 2 variable limit attributes (S2F45-S2F48) for data/s02-equipment-control.yaml.

/** One limit of a variable: LIMITID with its deadbands (items, so any allowed format passes). */
export interface LimitDefinition {
  readonly limitId: number;
  /** Both deadbands, or neither to delete this limit. */
  readonly upper?: number | SecsItem;
  readonly lower?: number | SecsItem;
}

export interface LimitDefinitionReading {
  readonly limitId: number;
  /** Undefined when the host asked to delete the limit (a LIMITID alone). */
  readonly upper: SecsItem | undefined;
  readonly lower: SecsItem | undefined;
}

export interface VariableLimits<Id = IdValue, Limit = LimitDefinition> {
  readonly vid: Id;
  /** No limits deletes every limit of the variable. */
  readonly limits: readonly Limit[];
}

export interface S2F45Body {
  readonly dataId: IdValue;
  readonly variables: readonly VariableLimits[];
}

export interface S2F45Reading {
  readonly dataId: IdReading;
  readonly variables: readonly VariableLimits<IdReading, LimitDefinitionReading>[];
}

/** A variable the equipment refused in S2F46. */
export interface VariableLimitError<Id = IdValue, Code = number> {
  readonly vid: Id;
  readonly lvack: Code;
  /** The limit in error when LVACK is 4 (limit value error). */
  readonly limit?: { readonly limitId: number; readonly limitack: Code };
}

export interface S2F46Body {
  readonly vlaack: CodeInput<typeof VLAACK> | SecsItem;
  readonly errors?: readonly VariableLimitError<IdValue, CodeInput<typeof LVACK | typeof LIMITACK>>[];
}

export interface S2F46Reading {
  readonly vlaack: number;
  readonly errors: readonly VariableLimitError<IdReading, number>[];
}

/** What S2F48 says of one variable: undefined attributes for an unknown VID or one without limits. */
export interface VariableLimitAttributes<Id = IdValue> {
  readonly vid: Id;
  readonly attributes?: {
    readonly units: string;
    readonly min: number | SecsItem;
    readonly max: number | SecsItem;
    readonly limits: readonly { readonly limitId: number; readonly upper: number | SecsItem; readonly lower: number | SecsItem }[];
  };
}

export interface VariableLimitAttributesReading {
  readonly vid: IdReading;
  readonly attributes?: {
    readonly units: string;
    readonly min: SecsItem;
    readonly max: SecsItem;
    readonly limits: readonly { readonly limitId: number; readonly upper: SecsItem; readonly lower: SecsItem }[];
  };
}

/** S2F45 W: Define Variable Limit Attributes. */
export function S2F45(body: S2F45Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const variables = body.variables.map((v) =>
    listOf([
      itemOf('VID', v.vid, ctx),
      listOf(
        v.limits.map((l) =>
          l.upper === undefined || l.lower === undefined
            ? listOf([itemOf('LIMITID', l.limitId, ctx)])
            : listOf([itemOf('LIMITID', l.limitId, ctx), itemOf('UPPERDB', l.upper, ctx), itemOf('LOWERDB', l.lower, ctx)]),
        ),
      ),
    ]),
  );
  return buildMessage('S2F45', listOf([itemOf('DATAID', body.dataId, ctx), listOf(variables)]), ctx, options);
}

export function parseS2F45(input: ParseInput, options?: ParseOptions): S2F45Reading {
  const sf = 'S2F45';
  const [dataId, variables] = children(validatedBody(sf, input, options));
  return {
    dataId: readId(dataId!, { sf, path: 'body[0]', dataItem: 'DATAID' }),
    variables: children(variables).map((v, i) => {
      const [vid, limits] = children(v);
      return {
        vid: readId(vid!, { sf, path: `body[1][${i}][0]`, dataItem: 'VID' }),
        limits: children(limits).map((l, j) => {
          const [limitId, upper, lower] = children(l);
          return { limitId: readCode(limitId!, { sf, path: `body[1][${i}][1][${j}][0]`, dataItem: 'LIMITID' }), upper, lower };
        }),
      };
    }),
  };
}

/** S2F46: VLAACK and the variables in error. */
export function S2F46(body: S2F46Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const errors = (body.errors ?? []).map((e) =>
    listOf([
      itemOf('VID', e.vid, ctx),
      codeOf('LVACK', e.lvack, ctx),
      listOf(e.limit === undefined ? [] : [itemOf('LIMITID', e.limit.limitId, ctx), codeOf('LIMITACK', e.limit.limitack, ctx)]),
    ]),
  );
  return buildMessage('S2F46', listOf([codeOf('VLAACK', body.vlaack, ctx), listOf(errors)]), ctx, options);
}

export function parseS2F46(input: ParseInput, options?: ParseOptions): S2F46Reading {
  const sf = 'S2F46';
  const [vlaack, errors] = children(validatedBody(sf, input, options));
  return {
    vlaack: readCode(vlaack!, { sf, path: 'body[0]', dataItem: 'VLAACK' }),
    errors: children(errors).map((e, i) => {
      const [vid, lvack, limit] = children(e);
      const [limitId, limitack] = children(limit);
      return {
        vid: readId(vid!, { sf, path: `body[1][${i}][0]`, dataItem: 'VID' }),
        lvack: readCode(lvack!, { sf, path: `body[1][${i}][1]`, dataItem: 'LVACK' }),
        ...(limitId === undefined
          ? {}
          : {
              limit: {
                limitId: readCode(limitId, { sf, path: `body[1][${i}][2][0]`, dataItem: 'LIMITID' }),
                limitack: readCode(limitack!, { sf, path: `body[1][${i}][2][1]`, dataItem: 'LIMITACK' }),
              },
            }),
      };
    }),
  };
}

/** S2F47 W: Variable Limit Attribute Request; none asks for every variable with limits. */
export function S2F47(vids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S2F47', 'VID', vids, options);
}

export function parseS2F47(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S2F47', 'VID', input, options);
}

/** S2F48: Variable Limit Attribute Send. */
export function S2F48(rows: readonly VariableLimitAttributes[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const body = listOf(
    rows.map((r) => {
      const a = r.attributes;
      const attributes =
        a === undefined
          ? listOf([])
          : listOf([
              itemOf('UNITS', a.units, ctx),
              itemOf('LIMITMIN', a.min, ctx),
              itemOf('LIMITMAX', a.max, ctx),
              listOf(
                a.limits.map((l) =>
                  listOf([itemOf('LIMITID', l.limitId, ctx), itemOf('UPPERDB', l.upper, ctx), itemOf('LOWERDB', l.lower, ctx)]),
                ),
              ),
            ]);
      return listOf([itemOf('VID', r.vid, ctx), attributes]);
    }),
  );
  return buildMessage('S2F48', body, ctx, options);
}

export function parseS2F48(input: ParseInput, options?: ParseOptions): VariableLimitAttributesReading[] {
  const sf = 'S2F48';
  return children(validatedBody(sf, input, options)).map((row, i) => {
    const [vid, attributes] = children(row);
    const [units, min, max, limits] = children(attributes);
    const reading = { vid: readId(vid!, { sf, path: `body[${i}][0]`, dataItem: 'VID' }) };
    if (units === undefined) return reading;
    return {
      ...reading,
      attributes: {
        units: readText(units, { sf, path: `body[${i}][1][0]`, dataItem: 'UNITS' }),
        min: min!,
        max: max!,
        limits: children(limits).map((l, j) => {
          const [limitId, upper, lower] = children(l);
          return {
            limitId: readCode(limitId!, { sf, path: `body[${i}][1][3][${j}][0]`, dataItem: 'LIMITID' }),
            upper: upper!,
            lower: lower!,
          };
        }),
      },
    };
  });
}
