import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../protocol/secs-message.js';
import { parseS7F2, parseS7F4, S7F1, S7F3, type BuildOptions, type ParseOptions, type PpidValue } from '../../secs/catalogue/index.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import { isSecsItem } from '../../protocol/items/secs-item.js';

/** PPGNT of S7F2 and, when the grant was 0 and S7F3 went, ACKC7 of S7F4. */
export interface ProcessProgramSendResult {
  readonly ppgnt: number;
  readonly ackc7: number | undefined;
}

/** E5 stream 7 download: S7F1 Process Program Load Inquire, then S7F3 when granted (PPGNT 0). */
export async function sendProcessProgram(
  request: (message: SecsMessage, what: string) => Promise<SecsMessage>,
  build: BuildOptions,
  parse: ParseOptions,
  ppid: PpidValue,
  body: string | Uint8Array | SecsItem,
): Promise<ProcessProgramSendResult> {
  const inquire = S7F1({ ppid, length: byteLength(body) }, build);
  const ppgnt = parseS7F2(await request(inquire, 'send S7F1'), parse);
  if (ppgnt !== 0) return { ppgnt, ackc7: undefined };
  const ackc7 = parseS7F4(await request(S7F3({ ppid, ppbody: body }, build), 'send S7F3'), parse);
  return { ppgnt, ackc7 };
}

/** E5 LENGTH: the size of the program in bytes (of its item's data for an item). */
function byteLength(body: string | Uint8Array | SecsItem): number {
  if (typeof body === 'string') return Buffer.byteLength(body, 'latin1');
  if (body instanceof Uint8Array) return body.length;
  if (!isSecsItem(body)) return 0;
  const encoded = encodeItem(body);
  return encoded.length - 1 - (encoded[0]! & 3); // less the format byte and its 1..3 length bytes
}
