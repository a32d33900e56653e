import { HsmsHeader } from '../../../protocol/hsms/hsms-header.js';
import { B, L, type SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import { SecsBodyMismatchError } from '../catalogue-errors.js';
import { children, readText } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';

// Stream 9, system errors: builders (S9Fx) and parsers (parseS9Fx) for data/s09-system-errors.yaml.
// The equipment sends them as new primaries, W-bit clear; the header is the 10 bytes of the
// offending message's HSMS header (MHEAD), or of the request that timed out (SHEAD, S9F9).

/** The header of the message in error: its HsmsHeader (message.header) or the 10 bytes. */
export type HeaderInput = HsmsHeader | Uint8Array;

export interface S9F13Body {
  /** The message that was expected, 'S06F12' style. */
  readonly mexp: string;
  /** Expected data identification. */
  readonly edid: IdValue | Uint8Array;
}

/** S9F1: Unrecognized Device ID. */
export function S9F1(mhead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F1', 'MHEAD', mhead, options);
}

/** S9F3: Unrecognized Stream Type. */
export function S9F3(mhead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F3', 'MHEAD', mhead, options);
}

/** S9F5: Unrecognized Function Type. */
export function S9F5(mhead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F5', 'MHEAD', mhead, options);
}

/** S9F7: Illegal Data. */
export function S9F7(mhead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F7', 'MHEAD', mhead, options);
}

/** S9F9: Transaction Timer Timeout, with the header of the request that got no reply. */
export function S9F9(shead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F9', 'SHEAD', shead, options);
}

/** S9F11: Data Too Long. */
export function S9F11(mhead: HeaderInput, options?: BuildOptions): SecsMessage {
  return headerMessage('S9F11', 'MHEAD', mhead, options);
}

/** S9F13: Conversation Timeout. */
export function S9F13(body: S9F13Body, options?: BuildOptions): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage('S9F13', L(itemOf('MEXP', body.mexp, ctx), itemOf('EDID', body.edid, ctx)), ctx, options);
}

export function parseS9F1(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F1', input, options);
}

export function parseS9F3(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F3', input, options);
}

export function parseS9F5(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F5', input, options);
}

export function parseS9F7(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F7', input, options);
}

export function parseS9F9(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F9', input, options);
}

export function parseS9F11(input: ParseInput, options?: ParseOptions): HsmsHeader {
  return readHeader('S9F11', input, options);
}

export function parseS9F13(input: ParseInput, options?: ParseOptions): { readonly mexp: string; readonly edid: SecsItem } {
  const [mexp, edid] = children(validatedBody('S9F13', input, options));
  return { mexp: readText(mexp!, { sf: 'S9F13', path: 'body[0]', dataItem: 'MEXP' }), edid: edid! };
}

function headerMessage(sf: string, dataItem: string, header: HeaderInput, options: BuildOptions | undefined): SecsMessage {
  const ctx = buildContext(options);
  const bytes = header instanceof HsmsHeader ? header.encode() : header;
  return buildMessage(sf, itemOf(dataItem, B(bytes), ctx), ctx, options);
}

/** The header the S9 message carries (system bytes included, to find the pending request). */
function readHeader(sf: string, input: ParseInput, options: ParseOptions | undefined): HsmsHeader {
  const body = validatedBody(sf, input, options);
  if (body?.type !== 'B') {
    const failure = { ok: false, sf, path: 'body', dataItem: undefined, expected: 'B[10]', actual: body?.type ?? 'no body' } as const;
    throw new SecsBodyMismatchError({ ...failure, message: `${sf} body: expected B[10], got ${failure.actual}` });
  }
  return HsmsHeader.decode(body.bytes);
}
