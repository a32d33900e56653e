import { HsmsProtocolError } from '../errors.js';
import type { SecsItem } from '../items/secs-item.js';
import type { SecsMessage } from '../secs-message.js';
import { writeItemSml } from './sml-item-printer.js';
import { readPrintCap, type SmlPrintOptions } from './sml-print-options.js';
import { SmlPrintOutput } from './sml-print-output.js';

/**
 * SML text of a message: the header line (`S1F13 W`, or `S1F14` without the W-bit), the body at
 * indent 0 when there is one, and a closing `.` on its own line:
 *
 *   S1F13 W        S1F1 W
 *   <L [2]         .
 *     <A "tsgem">
 *     <A "1.0.0">
 *   >
 *   .
 *
 * A body that fails to decode is printed as a comment naming the error instead of throwing,
 * because this runs for logs; parsing such text gives a message without a body.
 */
export function printMessageSml(message: SecsMessage, options: SmlPrintOptions = {}): string {
  const out = new SmlPrintOutput(readPrintCap(options, 'maxLength'));
  const maxValues = readPrintCap(options, 'maxValues');
  out.addLine(message.wBit ? `${message.sf} W` : message.sf);
  const body = readBody(message, out);
  if (body !== undefined) writeItemSml(out, body, 0, maxValues);
  out.addLine('.');
  return out.toString();
}

function readBody(message: SecsMessage, out: SmlPrintOutput): SecsItem | undefined {
  try {
    return message.body;
  } catch (error) {
    if (!(error instanceof HsmsProtocolError)) throw error;
    const bytes = message.encodeBody().length;
    out.addLine(`// body of ${bytes} bytes does not decode: ${error.message.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
    return undefined;
  }
}
