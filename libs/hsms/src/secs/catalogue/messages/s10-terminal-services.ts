import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { ACKC10, CodeInput } from '../code-constants.js';
import { children, readCode, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, readCodeBody } from './message-helpers.js';

// Stream 10, terminal services: builders (S10Fx) and parsers (parseS10Fx) for data/s10-terminal-services.yaml.

export interface TerminalText {
  /** Terminal number; 0 (the main terminal) by default. */
  readonly tid?: number | SecsItem;
  /** Latin-1 text becomes A; wider text becomes C2. */
  readonly text: string | SecsItem;
}

export interface TerminalTextReading {
  readonly tid: number;
  readonly text: string;
}

/** S10F1: Terminal Request, equipment to host (W unless options.wBit is false). */
export function S10F1(body: TerminalText, options?: BuildOptions): SecsMessage {
  return terminalMessage('S10F1', body, options);
}

export function parseS10F1(input: ParseInput, options?: ParseOptions): TerminalTextReading {
  return readTerminalText('S10F1', input, options);
}

/** S10F2: ACKC10. */
export function S10F2(ackc10: CodeInput<typeof ACKC10> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S10F2', 'ACKC10', ackc10, options);
}

export function parseS10F2(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S10F2', 'ACKC10', input, options);
}

/** S10F3: Terminal Display, Single, host to equipment (W unless options.wBit is false). */
export function S10F3(body: TerminalText, options?: BuildOptions): SecsMessage {
  return terminalMessage('S10F3', body, options);
}

export function parseS10F3(input: ParseInput, options?: ParseOptions): TerminalTextReading {
  return readTerminalText('S10F3', input, options);
}

/** S10F4: ACKC10. */
export function S10F4(ackc10: CodeInput<typeof ACKC10> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S10F4', 'ACKC10', ackc10, options);
}

export function parseS10F4(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S10F4', 'ACKC10', input, options);
}

function terminalMessage(sf: string, body: TerminalText, options: BuildOptions | undefined): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage(sf, L(itemOf('TID', body.tid ?? 0, ctx), itemOf('TEXT', body.text, ctx)), ctx, options);
}

function readTerminalText(sf: string, input: ParseInput, options: ParseOptions | undefined): TerminalTextReading {
  const [tid, text] = children(validatedBody(sf, input, options));
  return {
    tid: readCode(tid!, { sf, path: 'body[0]', dataItem: 'TID' }),
    text: readText(text!, { sf, path: 'body[1]', dataItem: 'TEXT' }),
  };
}
