import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { SecsMessage } from '@app/hsms';
import { GatewayHeader } from './gateway-subjects.js';

const SF = /^S(\d{1,3})F(\d{1,3})$/;

/**
 * A SECS-II message on NATS: the payload is the encoded SECS-II body (E5 bytes, as on the HSMS
 * wire: no JSON, no loss of item formats), stream/function and the W-bit travel in headers.
 */
export function secsHeaders(message: SecsMessage, into: MsgHdrs = natsHeaders()): MsgHdrs {
  into.set(GatewayHeader.StreamFunction, message.sf);
  if (message.wBit) into.set(GatewayHeader.WBit, '1');
  return into;
}

/** The message's body bytes, ready for a NATS payload. */
export function secsPayload(message: SecsMessage): Uint8Array {
  return message.encodeBody();
}

/** Parses 'S6F11' into [6, 11]; undefined for anything else. */
export function parseStreamFunction(text: string | undefined): [number, number] | undefined {
  const match = text === undefined ? null : SF.exec(text);
  if (!match) return undefined;
  const stream = Number(match[1]);
  const fn = Number(match[2]);
  return stream <= 127 && fn <= 255 ? [stream, fn] : undefined;
}

/** Rebuilds the SecsMessage (its body decoded on first access); undefined when the Sf header is missing or malformed. */
export function secsFromNats(headers: MsgHdrs | undefined, data: Uint8Array): SecsMessage | undefined {
  const sf = parseStreamFunction(headers?.get(GatewayHeader.StreamFunction));
  if (!sf) return undefined;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return SecsMessage.fromEncoded(sf[0], sf[1], headers?.get(GatewayHeader.WBit) === '1', bytes);
}
