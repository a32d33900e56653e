import { HEADER_LENGTH, HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { B } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';

/** E5 stream 9, system errors: the functions the equipment sends, by what went wrong. */
export enum S9Function {
  /** The device id (session id) of a message is not ours. */
  UnrecognizedDeviceId = 1,
  /** No message of that stream is known. */
  UnrecognizedStream = 3,
  /** The stream is known, the function is not. */
  UnrecognizedFunction = 5,
  /** The body does not decode or does not match the message's structure. */
  IllegalData = 7,
  /** T3 ran out on a request the equipment sent; the body is that request's header (SHEAD). */
  TransactionTimerTimeout = 9,
  /** The message is longer than the receiver accepts. */
  DataTooLong = 11,
  /** A multi-block conversation did not continue in time (its body is MEXP, EDID). */
  ConversationTimeout = 13,
}

/** The S9 functions whose body is the 10-byte header of the message in error. */
export type S9HeaderFunction = 1 | 3 | 5 | 7 | 9 | 11;

/** The code name of an S9 function ('UnrecognizedStream' for 3), or 'S9F<n>' for one E5 does not define. */
export function s9CodeName(fn: number): string {
  return S9Function[fn] ?? `S9F${fn}`;
}

export function isS9HeaderFunction(fn: unknown): fn is S9HeaderFunction {
  return fn === 1 || fn === 3 || fn === 5 || fn === 7 || fn === 9 || fn === 11;
}

/**
 * An S9 message reporting `header` (MHEAD, or SHEAD for S9F9): E5 sends it as a new primary with
 * the W-bit clear and the 10 header bytes as <B[10]>; the caller gives it fresh system bytes.
 */
export function s9Message(fn: S9HeaderFunction, header: HsmsHeader): SecsMessage {
  return new SecsMessage(9, fn, false, B(header.encode()));
}

/** The header an S9 message reports (its <B[10]> body), or undefined when the body is anything else. */
export function readS9Header(message: SecsMessage): HsmsHeader | undefined {
  let body;
  try {
    body = message.body;
  } catch {
    return undefined; // a body that does not decode names nothing
  }
  if (body?.type !== 'B' || body.bytes.length !== HEADER_LENGTH) return undefined;
  return HsmsHeader.decode(body.bytes);
}
