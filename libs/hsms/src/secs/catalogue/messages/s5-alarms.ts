import { L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import { decodeAlcd, encodeAlcd, type AlarmCode } from '../alcd.js';
import { ALED, type ACKC5, type CodeInput } from '../code-constants.js';
import { children, readCode, readId, readIdVector, readText } from '../item-readings.js';
import { buildContext, itemOf, vectorOf, type BuildContext, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, headerOnly, readCodeBody } from './message-helpers.js';

// Stream 5, alarms: builders (S5Fx) and parsers (parseS5Fx) for data/s05-exception-handling.yaml.

export interface AlarmRecord {
  /** The ALCD byte, or its parts: { set: true, category: AlarmCategory.equipmentSafety }. */
  readonly alcd: number | AlarmCode | SecsItem;
  readonly alid: IdValue;
  readonly altx: string;
}

export interface AlarmRecordReading {
  readonly alcd: number;
  /** Bit 8 of ALCD. */
  readonly set: boolean;
  /** Bits 1-7 of ALCD (AlarmCategory). */
  readonly category: number;
  readonly alid: IdReading;
  readonly altx: string;
}

export interface S5F3Body {
  readonly enable: boolean;
  /** The alarm; left out, a zero-length ALID applies to every alarm. */
  readonly alid?: IdValue;
}

export interface S5F3Reading {
  /** ALED bit 8 (hosts that send 1 for enable are read as enabling too: any non-zero ALED). */
  readonly enable: boolean;
  readonly aled: number;
  /** Undefined for a zero-length ALID: every alarm. */
  readonly alid: IdReading | undefined;
}

/** S5F1: Alarm Report Send (W unless options.wBit is false). */
export function S5F1(alarm: AlarmRecord, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S5F1', alarmItem(alarm, ctx), ctx, options);
}

export function parseS5F1(input: ParseInput, options?: ParseOptions): AlarmRecordReading {
  return readAlarm('S5F1', validatedBody('S5F1', input, options), 'body');
}

/** S5F2: ACKC5. */
export function S5F2(ackc5: CodeInput<typeof ACKC5> | SecsItem = 0, options?: BuildOptions): SecsMessage {
  return codeMessage('S5F2', 'ACKC5', ackc5, options);
}

export function parseS5F2(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S5F2', 'ACKC5', input, options);
}

/** S5F3: enable or disable one alarm, or every alarm (W unless options.wBit is false). */
export function S5F3(body: S5F3Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  const alid = body.alid === undefined ? vectorOf('ALID', [], ctx) : itemOf('ALID', body.alid, ctx);
  return buildMessage('S5F3', L(itemOf('ALED', body.enable ? ALED.enable : ALED.disable, ctx), alid), ctx, options);
}

export function parseS5F3(input: ParseInput, options?: ParseOptions): S5F3Reading {
  const [aled, alid] = children(validatedBody('S5F3', input, options));
  const code = readCode(aled!, { sf: 'S5F3', path: 'body[0]', dataItem: 'ALED' });
  const ids = readIdVector(alid!, { sf: 'S5F3', path: 'body[1]', dataItem: 'ALID' });
  return {
    enable: code !== 0,
    aled: code,
    alid: ids.length === 0 ? undefined : readId(alid!, { sf: 'S5F3', path: 'body[1]', dataItem: 'ALID' }),
  };
}

/** S5F4: ACKC5. */
export function S5F4(ackc5: CodeInput<typeof ACKC5> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S5F4', 'ACKC5', ackc5, options);
}

export function parseS5F4(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S5F4', 'ACKC5', input, options);
}

/** S5F5 W: the alarms to list, as one ALID vector; none asks for all. */
export function S5F5(alids: readonly (number | bigint)[] | SecsItem = [], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S5F5', Array.isArray(alids) ? vectorOf('ALID', alids, ctx) : itemOf('ALID', alids as SecsItem, ctx), ctx, options);
}

/** The ALIDs asked for; empty asks for every alarm. */
export function parseS5F5(input: ParseInput, options?: ParseOptions): IdReading[] {
  const body = validatedBody('S5F5', input, options)!;
  // interop: some hosts (secsgem among them) send the ALIDs as a list of single ids, not a vector
  if (body.type === 'L') return children(body).map((item, i) => readId(item, { sf: 'S5F5', path: `body[${i}]`, dataItem: 'ALID' }));
  return readIdVector(body, { sf: 'S5F5', path: 'body', dataItem: 'ALID' });
}

/** S5F6: List Alarm Data. */
export function S5F6(alarms: readonly AlarmRecord[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S5F6', L.of(alarms.map((a) => alarmItem(a, ctx))), ctx, options);
}

export function parseS5F6(input: ParseInput, options?: ParseOptions): AlarmRecordReading[] {
  return children(validatedBody('S5F6', input, options)).map((a, i) => readAlarm('S5F6', a, `body[${i}]`));
}

/** S5F7 W: List Enabled Alarm Request. */
export function S5F7(options?: BuildOptions): SecsMessage {
  return headerOnly('S5F7', options);
}

/** S5F8: List Enabled Alarm Data. */
export function S5F8(alarms: readonly AlarmRecord[], options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S5F8', L.of(alarms.map((a) => alarmItem(a, ctx))), ctx, options);
}

export function parseS5F8(input: ParseInput, options?: ParseOptions): AlarmRecordReading[] {
  return children(validatedBody('S5F8', input, options)).map((a, i) => readAlarm('S5F8', a, `body[${i}]`));
}

function alarmItem(alarm: AlarmRecord, ctx: BuildContext): SecsItem {
  const alcd = typeof alarm.alcd === 'object' && 'category' in alarm.alcd ? encodeAlcd(alarm.alcd) : alarm.alcd;
  return L(itemOf('ALCD', alcd, ctx), itemOf('ALID', alarm.alid, ctx), itemOf('ALTX', alarm.altx, ctx));
}

function readAlarm(sf: string, item: SecsItem | undefined, path: string): AlarmRecordReading {
  const [alcd, alid, altx] = children(item);
  const code = readCode(alcd!, { sf, path: `${path}[0]`, dataItem: 'ALCD' });
  return {
    alcd: code,
    ...decodeAlcd(code),
    alid: readId(alid!, { sf, path: `${path}[1]`, dataItem: 'ALID' }),
    altx: readText(altx!, { sf, path: `${path}[2]`, dataItem: 'ALTX' }),
  };
}
