import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { COMMACK, OFLACK, ONLACK, CodeInput } from '../code-constants.js';
import { children, readCode, readId, readText } from '../item-readings.js';
import { buildContext, codeOf, itemOf, type BuildContext, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, headerOnly, idListMessage, readCodeBody, readIdList } from './message-helpers.js';

// Stream 1, equipment status: builders (S1Fx) and parsers (parseS1Fx) for data/s01-equipment-status.yaml.

/** MDLN and SOFTREV: who the equipment is. */
export interface EquipmentIdentity {
  readonly mdln: string;
  readonly softrev: string;
}

export interface StatusVariableName {
  readonly svid: IdValue;
  readonly svname: string;
  readonly units: string;
}

export interface StatusVariableNameReading {
  readonly svid: IdReading;
  readonly svname: string;
  readonly units: string;
}

export interface S1F14Body {
  readonly commack: CodeInput<typeof COMMACK> | SecsItem;
  /** The equipment sends MDLN and SOFTREV; the host leaves both out (an empty list). */
  readonly mdln?: string;
  readonly softrev?: string;
}

export interface S1F14Reading {
  readonly commack: number;
  /** Undefined when the sender (a host) sent an empty list. */
  readonly mdln: string | undefined;
  readonly softrev: string | undefined;
}

/** S1F1 W: Are You There. */
export function S1F1(options?: BuildOptions): SecsMessage {
  return headerOnly('S1F1', options);
}

/** S1F2: the equipment's identity, or (from a host) an empty list. */
export function S1F2(identity?: EquipmentIdentity, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S1F2', identityList(identity, ctx), ctx, options);
}

/** The identity in S1F2, or undefined for a host's empty list. */
export function parseS1F2(input: ParseInput, options?: ParseOptions): EquipmentIdentity | undefined {
  return readIdentity('S1F2', validatedBody('S1F2', input, options), 'body');
}

/** S1F3 W: the SVs to report; none asks for all. */
export function S1F3(svids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S1F3', 'SVID', svids, options);
}

export function parseS1F3(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S1F3', 'SVID', input, options);
}

/** S1F4: one SV per requested SVID, in order. */
export function S1F4(values: readonly SecsItem[], options?: BuildOptions): SecsMessage {
  return buildMessage('S1F4', L.of(values), buildContext(options), options);
}

export function parseS1F4(input: ParseInput, options?: ParseOptions): SecsItem[] {
  return [...children(validatedBody('S1F4', input, options))];
}

/** S1F11 W: the SVs whose names to report; none asks for all. */
export function S1F11(svids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S1F11', 'SVID', svids, options);
}

export function parseS1F11(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S1F11', 'SVID', input, options);
}

/** S1F12: SVID, SVNAME and UNITS of each status variable. */
export function S1F12(variables: readonly StatusVariableName[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const rows = variables.map((v) => L(itemOf('SVID', v.svid, ctx), itemOf('SVNAME', v.svname, ctx), itemOf('UNITS', v.units, ctx)));
  return buildMessage('S1F12', L.of(rows), ctx, options);
}

export function parseS1F12(input: ParseInput, options?: ParseOptions): StatusVariableNameReading[] {
  return children(validatedBody('S1F12', input, options)).map((row, i) => {
    const [svid, svname, units] = children(row);
    const place = (j: number, dataItem: string) => ({ sf: 'S1F12', path: `body[${i}][${j}]`, dataItem });
    return {
      svid: readId(svid!, place(0, 'SVID')),
      svname: readText(svname!, place(1, 'SVNAME')),
      units: readText(units!, place(2, 'UNITS')),
    };
  });
}

/** S1F13 W: from the equipment with its identity, from a host with an empty list. */
export function S1F13(identity?: EquipmentIdentity, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S1F13', identityList(identity, ctx), ctx, options);
}

export function parseS1F13(input: ParseInput, options?: ParseOptions): EquipmentIdentity | undefined {
  return readIdentity('S1F13', validatedBody('S1F13', input, options), 'body');
}

/** S1F14: COMMACK, with the identity when the equipment answers. */
export function S1F14(body: S1F14Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const identity =
    body.mdln === undefined && body.softrev === undefined ? undefined : { mdln: body.mdln ?? '', softrev: body.softrev ?? '' };
  return buildMessage('S1F14', L(codeOf('COMMACK', body.commack, ctx), identityList(identity, ctx)), ctx, options);
}

export function parseS1F14(input: ParseInput, options?: ParseOptions): S1F14Reading {
  const [commack, list] = children(validatedBody('S1F14', input, options));
  const identity = readIdentity('S1F14', list, 'body[1]');
  return {
    commack: readCode(commack!, { sf: 'S1F14', path: 'body[0]', dataItem: 'COMMACK' }),
    mdln: identity?.mdln,
    softrev: identity?.softrev,
  };
}

/** S1F15 W: Request OFF-LINE. */
export function S1F15(options?: BuildOptions): SecsMessage {
  return headerOnly('S1F15', options);
}

/** S1F16: OFLACK (0, the only code E5 defines, by default). */
export function S1F16(oflack: CodeInput<typeof OFLACK> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S1F16', 'OFLACK', oflack, options);
}

export function parseS1F16(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S1F16', 'OFLACK', input, options);
}

/** S1F17 W: Request ON-LINE. */
export function S1F17(options?: BuildOptions): SecsMessage {
  return headerOnly('S1F17', options);
}

/** S1F18: ONLACK. */
export function S1F18(onlack: CodeInput<typeof ONLACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S1F18', 'ONLACK', onlack, options);
}

export function parseS1F18(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S1F18', 'ONLACK', input, options);
}

function identityList(identity: EquipmentIdentity | undefined, ctx: BuildContext): SecsItem {
  return identity === undefined ? L() : L(itemOf('MDLN', identity.mdln, ctx), itemOf('SOFTREV', identity.softrev, ctx));
}

function readIdentity(sf: string, list: SecsItem | undefined, path: string): EquipmentIdentity | undefined {
  const items = children(list);
  if (items.length === 0) return undefined;
  return {
    mdln: readText(items[0]!, { sf, path: `${path}[0]`, dataItem: 'MDLN' }),
    softrev: readText(items[1]!, { sf, path: `${path}[1]`, dataItem: 'SOFTREV' }),
  };
}
