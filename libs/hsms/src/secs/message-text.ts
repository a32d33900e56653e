import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { SecsMessage } from '../protocol/secs-message.js';

/** 'S1F13 W (system 0x0000002a)': a received message in log lines. */
export function headerLabel(h: HsmsHeader): string {
  return `S${h.stream}F${h.function}${h.requireResponse ? ' W' : ''} (system 0x${h.system.toString(16).padStart(8, '0')})`;
}

/**
 * Caps of SML in error lines: a callback that throws on a 16 MiB message must not turn it into a
 * 60 MB log line (the verbose trace has its own, configurable caps: HsmsTraceOptions).
 */
const ERROR_SML_CAPS = { maxValues: 32, maxLength: 4096 } as const;

/** The message in SML for an error log, capped; a body that does not decode is described instead of thrown. */
export function messageSml(message: SecsMessage): string {
  try {
    return message.toSml(ERROR_SML_CAPS);
  } catch {
    return `${message.sf}${message.wBit ? ' W' : ''} (a body of ${message.encodeBody().length} bytes that does not decode)`;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
