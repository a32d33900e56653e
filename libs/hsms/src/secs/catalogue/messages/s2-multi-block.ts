import type { SecsItem } from '../../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../../protocol/secs-message.js';
import type { CodeInput, GRANT, GRANT6 } from '../code-constants.js';
import { children, readId } from '../item-readings.js';
import { buildContext, itemOf, type BuildOptions, type IdReading, type IdValue } from '../item-values.js';
import { buildMessage, validatedBody, type ParseInput, type ParseOptions } from '../message-codec.js';
import { codeMessage, listOf, readCodeBody } from './message-helpers.js';

// Multi-block inquire/grant: S2F39/S2F40 (host to equipment) and S6F5/S6F6 (equipment to host).

export interface MultiBlockInquiry<Id = IdValue> {
  readonly dataId: Id;
  /** Bytes of the message that will follow. */
  readonly dataLength: number;
}

/** S2F39 W: Multi-block Inquire. */
export function S2F39(body: MultiBlockInquiry, options?: BuildOptions): SecsMessage {
  return inquiry('S2F39', body, options);
}

export function parseS2F39(input: ParseInput, options?: ParseOptions): MultiBlockInquiry<IdReading> {
  return readInquiry('S2F39', input, options);
}

/** S2F40: GRANT (0 granted, 1 busy, 2 no space, 3 duplicate DATAID). */
export function S2F40(grant: CodeInput<typeof GRANT> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S2F40', 'GRANT', grant, options);
}

export function parseS2F40(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S2F40', 'GRANT', input, options);
}

/** S6F5 W: Multi-block Data Send Inquire. */
export function S6F5(body: MultiBlockInquiry, options?: BuildOptions): SecsMessage {
  return inquiry('S6F5', body, options);
}

export function parseS6F5(input: ParseInput, options?: ParseOptions): MultiBlockInquiry<IdReading> {
  return readInquiry('S6F5', input, options);
}

/** S6F6: GRANT6 (0 granted, 1 busy, 2 not interested). */
export function S6F6(grant6: CodeInput<typeof GRANT6> | SecsItem, options?: BuildOptions): SecsMessage {
  return codeMessage('S6F6', 'GRANT6', grant6, options);
}

export function parseS6F6(input: ParseInput, options?: ParseOptions): number {
  return readCodeBody('S6F6', 'GRANT6', input, options);
}

function inquiry(sf: string, body: MultiBlockInquiry, options: BuildOptions | undefined): SecsMessage {
  const ctx = buildContext(options);
  return buildMessage(sf, listOf([itemOf('DATAID', body.dataId, ctx), itemOf('DATALENGTH', body.dataLength, ctx)]), ctx, options);
}

function readInquiry(sf: string, input: ParseInput, options: ParseOptions | undefined): MultiBlockInquiry<IdReading> {
  const [dataId, length] = children(validatedBody(sf, input, options));
  return {
    dataId: readId(dataId!, { sf, path: 'body[0]', dataItem: 'DATAID' }),
    dataLength: Number(readId(length!, { sf, path: 'body[1]', dataItem: 'DATALENGTH' })),
  };
}
