import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { ACKC7, CodeInput, PPGNT } from '../code-constants.js';
import { children, readId, readTextOrBytes } from '../item-readings.js';
import { buildContext, itemOf, type BuildContext, type BuildOptions, type IdReading } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, headerOnly, readCodeBody } from './message-helpers.js';

// Stream 7, process programs: builders (S7Fx) and parsers (parseS7Fx) for data/s07-process-program.yaml.

/** A PPID: text (A), bytes (B), or an item. */
export type PpidValue = string | Uint8Array | SecsItem;

/** A PPID as parsed: the text of A, the bytes of B. */
export type PpidReading = string | Uint8Array;

export interface ProcessProgramData<Ppid = PpidValue> {
  readonly ppid: Ppid;
  /** Text becomes A and bytes B; pass an item for any other format. */
  readonly ppbody: string | Uint8Array | SecsItem;
}

export interface ProcessProgramReading {
  readonly ppid: PpidReading;
  readonly ppbody: SecsItem;
}

export interface S7F1Body {
  readonly ppid: PpidValue;
  /** Size of the process program in bytes. */
  readonly length: number | bigint | SecsItem;
}

/** S7F1 W: Process Program Load Inquire. */
export function S7F1(body: S7F1Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S7F1', L(itemOf('PPID', body.ppid, ctx), itemOf('LENGTH', body.length, ctx)), ctx, options);
}

export function parseS7F1(input: ParseInput, options?: ParseOptions): { readonly ppid: PpidReading; readonly length: IdReading } {
  const [ppid, length] = children(validatedBody('S7F1', input, options));
  return {
    ppid: readTextOrBytes(ppid!, { sf: 'S7F1', path: 'body[0]', dataItem: 'PPID' }),
    length: readId(length!, { sf: 'S7F1', path: 'body[1]', dataItem: 'LENGTH' }),
  };
}

/** S7F2: PPGNT. */
export function S7F2(ppgnt: CodeInput<typeof PPGNT> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S7F2', 'PPGNT', ppgnt, options);
}

export function parseS7F2(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S7F2', 'PPGNT', input, options);
}

/** S7F3 W: Process Program Send. */
export function S7F3(program: ProcessProgramData, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S7F3', programItem(program, ctx), ctx, options);
}

export function parseS7F3(input: ParseInput, options?: ParseOptions): ProcessProgramReading {
  return readProgram('S7F3', validatedBody('S7F3', input, options))!;
}

/** S7F4: ACKC7. */
export function S7F4(ackc7: CodeInput<typeof ACKC7> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S7F4', 'ACKC7', ackc7, options);
}

export function parseS7F4(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S7F4', 'ACKC7', input, options);
}

/** S7F5 W: Process Program Request. */
export function S7F5(ppid: PpidValue, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S7F5', itemOf('PPID', ppid, ctx), ctx, options);
}

export function parseS7F5(input: ParseInput, options?: ParseOptions): PpidReading {
  return readTextOrBytes(validatedBody('S7F5', input, options)!, { sf: 'S7F5', path: 'body', dataItem: 'PPID' });
}

/** S7F6: the program, or (no argument) an empty list: the request is denied. */
export function S7F6(program?: ProcessProgramData, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S7F6', program === undefined ? L() : programItem(program, ctx), ctx, options);
}

/** The program, or undefined when the equipment denied the request (empty list). */
export function parseS7F6(input: ParseInput, options?: ParseOptions): ProcessProgramReading | undefined {
  return readProgram('S7F6', validatedBody('S7F6', input, options));
}

/** S7F17 W: the programs to delete; none deletes all. */
export function S7F17(ppids: readonly PpidValue[] = [], options?: BuildOptions): SecsMessage {
  return ppidListMessage('S7F17', ppids, options);
}

export function parseS7F17(input: ParseInput, options?: ParseOptions): PpidReading[] {
  return readPpidList('S7F17', input, options);
}

/** S7F18: ACKC7. */
export function S7F18(ackc7: CodeInput<typeof ACKC7> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S7F18', 'ACKC7', ackc7, options);
}

export function parseS7F18(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S7F18', 'ACKC7', input, options);
}

/** S7F19 W: Current EPPD Request. */
export function S7F19(options?: BuildOptions): SecsMessage {
  return headerOnly('S7F19', options);
}

/** S7F20: the programs the equipment holds. */
export function S7F20(ppids: readonly PpidValue[], options?: BuildOptions): SecsMessage {
  return ppidListMessage('S7F20', ppids, options);
}

export function parseS7F20(input: ParseInput, options?: ParseOptions): PpidReading[] {
  return readPpidList('S7F20', input, options);
}

function programItem(program: ProcessProgramData, ctx: BuildContext): SecsItem {
  return L(itemOf('PPID', program.ppid, ctx), itemOf('PPBODY', program.ppbody, ctx));
}

function readProgram(sf: string, body: SecsItem | undefined): ProcessProgramReading | undefined {
  const items = children(body);
  if (items.length === 0) return undefined;
  return { ppid: readTextOrBytes(items[0]!, { sf, path: 'body[0]', dataItem: 'PPID' }), ppbody: items[1]! };
}

function ppidListMessage(sf: string, ppids: readonly PpidValue[], options: BuildOptions | undefined): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage(sf, L.of(ppids.map((p) => itemOf('PPID', p, ctx))), ctx, options);
}

function readPpidList(sf: string, input: ParseInput, options: ParseOptions | undefined): PpidReading[] {
  return children(validatedBody(sf, input, options)).map((p, i) => readTextOrBytes(p, { sf, path: `body[${i}]`, dataItem: 'PPID' }));
}
