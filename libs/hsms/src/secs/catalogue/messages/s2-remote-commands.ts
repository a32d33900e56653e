import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, CPACK, HCACK } from '../code-constants.js';
import { children, readCode, readId } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';

// Stream 2, remote commands (S2F41, S2F42): builders and parsers for data/s02-equipment-control.yaml.

export interface CommandParameter<Name = IdValue> {
  readonly cpname: Name;
  readonly cpval: SecsItem;
}

export interface S2F41Body {
  /** Usually text ('START'); E5 also allows U1/I1. */
  readonly rcmd: string | number | SecsItem;
  readonly params?: readonly CommandParameter[];
}

export interface S2F41Reading {
  readonly rcmd: IdReading;
  readonly params: readonly CommandParameter<IdReading>[];
}

export interface CommandParameterAck<Name = IdValue, Code = CodeInput<typeof CPACK> | SecsItem> {
  readonly cpname: Name;
  readonly cpack: Code;
}

export interface S2F42Body {
  readonly hcack: CodeInput<typeof HCACK> | SecsItem;
  /** Only the parameters in error. */
  readonly params?: readonly CommandParameterAck[];
}

export interface S2F42Reading {
  readonly hcack: number;
  readonly params: readonly CommandParameterAck<IdReading, number>[];
}

/** S2F41 W: Host Command Send: `S2F41({ rcmd: 'START', params: [{ cpname: 'LOT', cpval: A('L1') }] })`. */
export function S2F41(body: S2F41Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const params = (body.params ?? []).map((p) => L(itemOf('CPNAME', p.cpname, ctx), itemOf('CPVAL', p.cpval, ctx)));
  return buildMessage('S2F41', L(itemOf('RCMD', body.rcmd, ctx), L.of(params)), ctx, options);
}

export function parseS2F41(input: ParseInput, options?: ParseOptions): S2F41Reading {
  const [rcmd, params] = children(validatedBody('S2F41', input, options));
  return {
    rcmd: readId(rcmd!, { sf: 'S2F41', path: 'body[0]', dataItem: 'RCMD' }),
    params: children(params).map((p, i) => {
      const [cpname, cpval] = children(p);
      return { cpname: readId(cpname!, { sf: 'S2F41', path: `body[1][${i}][0]`, dataItem: 'CPNAME' }), cpval: cpval! };
    }),
  };
}

/** S2F42: HCACK and the parameters in error. */
export function S2F42(body: S2F42Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const params = (body.params ?? []).map((p) => L(itemOf('CPNAME', p.cpname, ctx), codeOf('CPACK', p.cpack, ctx)));
  return buildMessage('S2F42', L(codeOf('HCACK', body.hcack, ctx), L.of(params)), ctx, options);
}

export function parseS2F42(input: ParseInput, options?: ParseOptions): S2F42Reading {
  const [hcack, params] = children(validatedBody('S2F42', input, options));
  return {
    hcack: readCode(hcack!, { sf: 'S2F42', path: 'body[0]', dataItem: 'HCACK' }),
    params: children(params).map((p, i) => {
      const [cpname, cpack] = children(p);
      return {
        cpname: readId(cpname!, { sf: 'S2F42', path: `body[1][${i}][0]`, dataItem: 'CPNAME' }),
        cpack: readCode(cpack!, { sf: 'S2F42', path: `body[1][${i}][1]`, dataItem: 'CPACK' }),
      };
    }),
  };
}
