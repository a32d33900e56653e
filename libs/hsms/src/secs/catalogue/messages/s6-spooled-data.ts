import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, RSDA, RSDC } from '../code-constants.js';
import type { BuildOptions } from '../item-values.js';
import type { ParseInput, ParseOptions } from '../message-codec.js';
import { codeMessage, readCodeBody } from './message-helpers.js';

// Stream 6 request spooled data (S6F23/S6F24) for data/s06-data-collection.yaml.

/** S6F23 W: Request Spooled Data; RSDC 0 (transmit) or 1 (purge). */
export function S6F23(rsdc: CodeInput<typeof RSDC> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S6F23', 'RSDC', rsdc, options);
}

export function parseS6F23(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S6F23', 'RSDC', input, options);
}

/** S6F24: RSDA (0 ok, 1 busy, 2 no spooled data). */
export function S6F24(rsda: CodeInput<typeof RSDA> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S6F24', 'RSDA', rsda, options);
}

export function parseS6F24(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S6F24', 'RSDA', input, options);
}
