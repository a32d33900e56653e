import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import { children, readId, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { idListMessage, listOf, readIdList } from './message-helpers.js';

// Stream 1 name lists (S1F21-S1F24): builders and parsers for data/s01-equipment-status.yaml.

export interface DataVariableName<Id = IdValue> {
  readonly vid: Id;
  readonly name: string;
  readonly units: string;
}

export interface CollectionEventName<Id = IdValue> {
  readonly ceid: Id;
  readonly name: string;
  /** The data values the event carries. */
  readonly vids: readonly Id[];
}

/** S1F21 W: Data Variable Namelist Request; none asks for all. */
export function S1F21(vids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S1F21', 'VID', vids, options);
}

export function parseS1F21(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S1F21', 'VID', input, options);
}

/** S1F22: VID, DVVALNAME, UNITS per data variable. */
export function S1F22(rows: readonly DataVariableName[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const body = listOf(
    rows.map((r) => listOf([itemOf('VID', r.vid, ctx), itemOf('DVVALNAME', r.name, ctx), itemOf('UNITS', r.units, ctx)])),
  );
  return buildMessage('S1F22', body, ctx, options);
}

export function parseS1F22(input: ParseInput, options?: ParseOptions): DataVariableName<IdReading>[] {
  const sf = 'S1F22';
  return children(validatedBody(sf, input, options)).map((row, i) => {
    const [vid, name, units] = children(row);
    return {
      vid: readId(vid!, { sf, path: `body[${i}][0]`, dataItem: 'VID' }),
      name: readText(name!, { sf, path: `body[${i}][1]`, dataItem: 'DVVALNAME' }),
      units: readText(units!, { sf, path: `body[${i}][2]`, dataItem: 'UNITS' }),
    };
  });
}

/** S1F23 W: Collection Event Namelist Request; none asks for all. */
export function S1F23(ceids: readonly IdValue[] = [], options?: BuildOptions): SecsMessage {
  return idListMessage('S1F23', 'CEID', ceids, options);
}

export function parseS1F23(input: ParseInput, options?: ParseOptions): IdReading[] {
  return readIdList('S1F23', 'CEID', input, options);
}

/** S1F24: CEID, CENAME and the VIDs of each event. */
export function S1F24(rows: readonly CollectionEventName[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const body = listOf(
    rows.map((r) => listOf([itemOf('CEID', r.ceid, ctx), itemOf('CENAME', r.name, ctx), listOf(r.vids.map((v) => itemOf('VID', v, ctx)))])),
  );
  return buildMessage('S1F24', body, ctx, options);
}

export function parseS1F24(input: ParseInput, options?: ParseOptions): CollectionEventName<IdReading>[] {
  const sf = 'S1F24';
  return children(validatedBody(sf, input, options)).map((row, i) => {
    const [ceid, name, vids] = children(row);
    return {
      ceid: readId(ceid!, { sf, path: `body[${i}][0]`, dataItem: 'CEID' }),
      name: readText(name!, { sf, path: `body[${i}][1]`, dataItem: 'CENAME' }),
      vids: children(vids).map((v: SecsItem, j) => readId(v, { sf, path: `body[${i}][2][${j}]`, dataItem: 'VID' })),
    };
  });
}
