import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, HCACK } from '../code-constants.js';
import { children, readCode, readId, readText } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { listOf } from './message-helpers.js';

// Stream 2 enhanced remote command (S2F49/S2F50) for data/s02-equipment-control.yaml.

export interface EnhancedCommandParameter<Name = IdValue> {
  readonly cpname: Name;
  /** Any item, lists of further parameters included. */
  readonly cepval: SecsItem;
}

export interface S2F49Body {
  readonly dataId: IdValue;
  /** The object the command acts on ('' for the equipment itself). */
  readonly objspec?: string;
  readonly rcmd: string | number | SecsItem;
  readonly params?: readonly EnhancedCommandParameter[];
}

export interface S2F49Reading {
  readonly dataId: IdReading;
  readonly objspec: string;
  readonly rcmd: IdReading;
  readonly params: readonly EnhancedCommandParameter<IdReading>[];
}

export interface EnhancedParameterAck<Name = IdValue> {
  readonly cpname: Name;
  /** A code (B[1]) or, for a list-valued CEPVAL, a list of codes. */
  readonly cepack: number | SecsItem;
}

export interface S2F50Body {
  readonly hcack: CodeInput<typeof HCACK> | SecsItem;
  readonly params?: readonly EnhancedParameterAck[];
}

export interface S2F50Reading {
  readonly hcack: number;
  readonly params: readonly { readonly cpname: IdReading; readonly cepack: SecsItem }[];
}

/** S2F49 W: Enhanced Remote Command. */
export function S2F49(body: S2F49Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const params = (body.params ?? []).map((p) => listOf([itemOf('CPNAME', p.cpname, ctx), itemOf('CEPVAL', p.cepval, ctx)]));
  const item = listOf([
    itemOf('DATAID', body.dataId, ctx),
    itemOf('OBJSPEC', body.objspec ?? '', ctx),
    itemOf('RCMD', body.rcmd, ctx),
    listOf(params),
  ]);
  return buildMessage('S2F49', item, ctx, options);
}

export function parseS2F49(input: ParseInput, options?: ParseOptions): S2F49Reading {
  const sf = 'S2F49';
  const [dataId, objspec, rcmd, params] = children(validatedBody(sf, input, options));
  return {
    dataId: readId(dataId!, { sf, path: 'body[0]', dataItem: 'DATAID' }),
    objspec: readText(objspec!, { sf, path: 'body[1]', dataItem: 'OBJSPEC' }),
    rcmd: readId(rcmd!, { sf, path: 'body[2]', dataItem: 'RCMD' }),
    params: children(params).map((p, i) => {
      const [cpname, cepval] = children(p);
      return { cpname: readId(cpname!, { sf, path: `body[3][${i}][0]`, dataItem: 'CPNAME' }), cepval: cepval! };
    }),
  };
}

/** S2F50: HCACK and the parameters in error. */
export function S2F50(body: S2F50Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const params = (body.params ?? []).map((p) => listOf([itemOf('CPNAME', p.cpname, ctx), codeOf('CEPACK', p.cepack, ctx)]));
  return buildMessage('S2F50', listOf([codeOf('HCACK', body.hcack, ctx), listOf(params)]), ctx, options);
}

export function parseS2F50(input: ParseInput, options?: ParseOptions): S2F50Reading {
  const sf = 'S2F50';
  const [hcack, params] = children(validatedBody(sf, input, options));
  return {
    hcack: readCode(hcack!, { sf, path: 'body[0]', dataItem: 'HCACK' }),
    params: children(params).map((p, i) => {
      const [cpname, cepack] = children(p);
      return { cpname: readId(cpname!, { sf, path: `body[1][${i}][0]`, dataItem: 'CPNAME' }), cepack: cepack! };
    }),
  };
}
