import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { SecsMessage } from '../protocol/secs-message.js';

/** 'S1F13 W (system 0x0000002a)': a received message in log lines. */
export function headerLabel(h: HsmsHeader): string {
  return `S${h.stream}F${h.function}${h.requireResponse ? ' W' : ''} (system 0x${h.system.toString(16).padStart(8, '0')})`;
}

/** The message in SML for an error log; a body that does not decode is described instead of thrown. */
export function messageSml(message: SecsMessage): string {
  try {
    return message.toSml();
  } catch {
    return `${message.sf}${message.wBit ? ' W' : ''} (a body of ${message.encodeBody().length} bytes that does not decode)`;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
