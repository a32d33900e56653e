import { HsmsProtocolError } from '../protocol/errors.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import { parseSml } from '../protocol/sml/sml-message-parser.js';
import { SmlParseError } from '../protocol/sml/sml-parse-error.js';
import { CliUsageError } from './cli-errors.js';

/**
 * The message to send, from its SML. A syntax error becomes a usage error with its line and
 * column; so does a W-bit on a reply (E5: only primaries, odd functions, ask for a reply).
 */
export function readMessage(sml: string): SecsMessage {
  let message: SecsMessage;
  try {
    message = parseSml(sml);
  } catch (error) {
    if (error instanceof SmlParseError)
      throw new CliUsageError(`SML error at line ${error.line}, column ${error.column}: ${error.reason}`, { cause: error });
    if (error instanceof HsmsProtocolError) throw new CliUsageError(`SML error: ${error.message}`, { cause: error });
    throw error;
  }
  if (message.wBit && message.function % 2 === 0) {
    throw new CliUsageError(`${message.sf} W: only a primary (odd function) may ask for a reply (E5); leave out the W`);
  }
  return message;
}
