import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { ACKC10, CodeInput } from '../code-constants.js';
import { children, readCode, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, listOf, readCodeBody } from './message-helpers.js';

// Stream 10 multi-block display and broadcast (S10F5-S10F10) for data/s10-terminal-services.yaml.

export interface TerminalLines {
  /** Terminal number; 0 (the main terminal) by default. */
  readonly tid?: number | SecsItem;
  readonly lines: readonly (string | SecsItem)[];
}

export interface TerminalLinesReading {
  readonly tid: number;
  readonly lines: readonly string[];
}

/** S10F5: Terminal Display, Multi-Block (W unless options.wBit is false). */
export function S10F5(body: TerminalLines, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const item = listOf([itemOf('TID', body.tid ?? 0, ctx), listOf(body.lines.map((line) => itemOf('TEXT', line, ctx)))]);
  return buildMessage('S10F5', item, ctx, options);
}

export function parseS10F5(input: ParseInput, options?: ParseOptions): TerminalLinesReading {
  const sf = 'S10F5';
  const [tid, lines] = children(validatedBody(sf, input, options));
  return {
    tid: readCode(tid!, { sf, path: 'body[0]', dataItem: 'TID' }),
    lines: children(lines).map((line, i) => readText(line, { sf, path: `body[1][${i}]`, dataItem: 'TEXT' })),
  };
}

/** S10F6: ACKC10. */
export function S10F6(ackc10: CodeInput<typeof ACKC10> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S10F6', 'ACKC10', ackc10, options);
}

export function parseS10F6(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S10F6', 'ACKC10', input, options);
}

/** S10F7: Multi-block Not Allowed (no reply). */
export function S10F7(tid: number | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S10F7', 'TID', tid, options);
}

export function parseS10F7(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S10F7', 'TID', input, options);
}

/** S10F9: Broadcast (W unless options.wBit is false). */
export function S10F9(text: string | SecsItem, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S10F9', itemOf('TEXT', text, ctx), ctx, options);
}

export function parseS10F9(input: ParseInput, options?: ParseOptions): string {
  return readText(validatedBody('S10F9', input, options)!, { sf: 'S10F9', path: 'body', dataItem: 'TEXT' });
}

/** S10F10: ACKC10. */
export function S10F10(ackc10: CodeInput<typeof ACKC10> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S10F10', 'ACKC10', ackc10, options);
}

export function parseS10F10(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S10F10', 'ACKC10', input, options);
}
