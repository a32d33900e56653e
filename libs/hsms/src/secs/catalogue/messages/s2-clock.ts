import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, TIACK } from '../code-constants.js';
import { readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildContext, type BuildOptions } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { formatSecsTime, type SecsTimeLength, type SecsTimeOptions } from '../secs-time.js';
import { codeMessage, headerOnly, readCodeBody } from './message-helpers.js';

// Stream 2, clock (S2F17, S2F18, S2F31, S2F32): builders and parsers for data/s02-equipment-control.yaml.

/** A TIME value: the text itself, or a Date formatted as `timeLength` (16 by default) characters. */
export type TimeInput = string | Date | SecsItem;

export interface TimeBuildOptions extends BuildOptions, SecsTimeOptions {
  /** Characters of a TIME built from a Date: 12, 14 or 16 (default 16, YYYYMMDDhhmmsscc). */
  readonly timeLength?: SecsTimeLength;
}

/** S2F17 W: Date and Time Request. */
export function S2F17(options?: BuildOptions): SecsMessage {
  return headerOnly('S2F17', options);
}

/** S2F18: the time; a Date is formatted as options.timeLength characters (16 by default). */
export function S2F18(time: TimeInput = new Date(), options?: TimeBuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S2F18', timeItem(time, ctx, options), ctx, options);
}

/** The TIME text of S2F18 (parseSecsTime turns it into a Date). */
export function parseS2F18(input: ParseInput, options?: ParseOptions): string {
  return readText(validatedBody('S2F18', input, options)!, { sf: 'S2F18', path: 'body', dataItem: 'TIME' });
}

/** S2F31 W: set the equipment clock; a Date is formatted as options.timeLength characters (16 by default). */
export function S2F31(time: TimeInput, options?: TimeBuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S2F31', timeItem(time, ctx, options), ctx, options);
}

export function parseS2F31(input: ParseInput, options?: ParseOptions): string {
  return readText(validatedBody('S2F31', input, options)!, { sf: 'S2F31', path: 'body', dataItem: 'TIME' });
}

/** S2F32: TIACK. */
export function S2F32(tiack: CodeInput<typeof TIACK> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F32', 'TIACK', tiack, options);
}

export function parseS2F32(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F32', 'TIACK', input, options);
}

function timeItem(time: TimeInput, ctx: BuildContext, options: TimeBuildOptions | undefined): SecsItem {
  return itemOf('TIME', time instanceof Date ? formatSecsTime(time, options?.timeLength ?? 16, options) : time, ctx);
}
