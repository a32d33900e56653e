import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, EAC } from '../code-constants.js';
import { children, readId, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, idListMessage, readCodeBody, readIdList } from './message-helpers.js';

// Stream 2, equipment constants (S2F13-S2F16, S2F29-S2F30): builders and parsers for
// data/s02-equipment-control.yaml.

export interface EquipmentConstantValue<Id = IdValue> {
  readonly ecid: Id;
  readonly ecv: SecsItem;
}

export interface EquipmentConstantName<Id = IdValue> {
  readonly ecid: Id;
  readonly ecname: string;
  /** Zero-length items when the constant has no limit or default. */
  readonly ecmin: SecsItem;
  readonly ecmax: SecsItem;
  readonly ecdef: SecsItem;
  readonly units: string;
}

/** S2F13 W: the ECs to report; none asks for all. */
export function S2F13(ecids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S2F13', 'ECID', ecids, options);
}

export function parseS2F13(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S2F13', 'ECID', input, options);
}

/** S2F14: one ECV per requested ECID, in order. */
export function S2F14(values: readonly SecsItem[], options?: BuildOptions): SecsMessage {
  return buildMessage('S2F14', L.of(values), buildContext(options), options);
}

export function parseS2F14(input: ParseInput, options?: ParseOptions): SecsItem[] {
  return [...children(validatedBody('S2F14', input, options))];
}

/** S2F15 W: new equipment constant values. */
export function S2F15(constants: readonly EquipmentConstantValue[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S2F15', L.of(constants.map((c) => L(itemOf('ECID', c.ecid, ctx), itemOf('ECV', c.ecv, ctx)))), ctx, options);
}

export function parseS2F15(input: ParseInput, options?: ParseOptions): EquipmentConstantValue<IdReading>[] {
  return children(validatedBody('S2F15', input, options)).map((row, i) => {
    const [ecid, ecv] = children(row);
    return { ecid: readId(ecid!, { sf: 'S2F15', path: `body[${i}][0]`, dataItem: 'ECID' }), ecv: ecv! };
  });
}

/** S2F16: EAC. */
export function S2F16(eac: CodeInput<typeof EAC> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F16', 'EAC', eac, options);
}

export function parseS2F16(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F16', 'EAC', input, options);
}

/** S2F29 W: the ECs whose names to report; none asks for all. */
export function S2F29(ecids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S2F29', 'ECID', ecids, options);
}

export function parseS2F29(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S2F29', 'ECID', input, options);
}

/** S2F30: ECID, ECNAME, ECMIN, ECMAX, ECDEF and UNITS of each constant. */
export function S2F30(constants: readonly EquipmentConstantName[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const rows = constants.map((c) =>
    L(
      itemOf('ECID', c.ecid, ctx),
      itemOf('ECNAME', c.ecname, ctx),
      itemOf('ECMIN', c.ecmin, ctx),
      itemOf('ECMAX', c.ecmax, ctx),
      itemOf('ECDEF', c.ecdef, ctx),
      itemOf('UNITS', c.units, ctx),
    ),
  );
  return buildMessage('S2F30', L.of(rows), ctx, options);
}

export function parseS2F30(input: ParseInput, options?: ParseOptions): EquipmentConstantName<IdReading>[] {
  return children(validatedBody('S2F30', input, options)).map((row, i) => {
    const [ecid, ecname, ecmin, ecmax, ecdef, units] = children(row);
    const place = (j: number, dataItem: string) => ({ sf: 'S2F30', path: `body[${i}][${j}]`, dataItem });
    return {
      ecid: readId(ecid!, place(0, 'ECID')),
      ecname: readText(ecname!, place(1, 'ECNAME')),
      ecmin: ecmin!,
      ecmax: ecmax!,
      ecdef: ecdef!,
      units: readText(units!, place(5, 'UNITS')),
    };
  });
}
