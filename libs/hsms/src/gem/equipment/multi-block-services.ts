import { parseS2F39, S2F40, S9F13 } from '../../secs/catalogue/index.js';
import { readId } from '../../secs/catalogue/item-readings.js';
import { listItems, type EquipmentContext } from './equipment-context.js';
import { idKey } from '../gem-id.js';

const GRANT_OK = 0;
const GRANT_NO_SPACE = 2;
const GRANT_DUPLICATE = 3;

/** The messages an S2F39 may announce: the stream 2 primaries that start with a DATAID. */
const ANNOUNCED = [33, 35, 45, 49];

/**
 * E5 multi-block inquire/grant, host to equipment: S2F39 is granted (GRANT 0) unless the length is
 * beyond `maxMessageBytes` (2, no space) or the DATAID already waits for its message (3). When the
 * announced message (S2F33, S2F35, S2F45 or S2F49 with that DATAID) does not follow within the
 * conversation timeout, the equipment sends S9F13 Conversation Timeout (MEXP 'S02F00': E5 does not
 * say which of them was announced; EDID the DATAID) and forgets the grant.
 */
export function registerMultiBlockServices(ctx: EquipmentContext): void {
  const waiting = new Map<string, NodeJS.Timeout>();

  ctx.register(2, 39, (m) => {
    const { dataId, dataLength } = parseS2F39(m, ctx.parse);
    const key = idKey(dataId);
    if (dataLength > ctx.options.maxMessageBytes) return S2F40(GRANT_NO_SPACE, ctx.build);
    if (waiting.has(key)) return S2F40(GRANT_DUPLICATE, ctx.build);
    const timer = setTimeout(() => {
      waiting.delete(key);
      ctx.sendOrSpool(S9F13({ mexp: 'S02F00', edid: typeof dataId === 'bigint' ? Number(dataId) : dataId }, ctx.build), 'send S9F13');
      ctx.debug(`no message for the multi-block grant of DATAID ${String(dataId)} within the conversation timeout: S9F13`);
    }, ctx.options.conversationTimeoutMs);
    timer.unref();
    waiting.set(key, timer);
    return S2F40(GRANT_OK, ctx.build);
  });

  ctx.on('primary', (message) => {
    if (message.stream !== 2 || !ANNOUNCED.includes(message.function) || waiting.size === 0) return;
    let key: string;
    try {
      key = idKey(readId(listItems(message.body)[0]!, { sf: message.sf, path: 'body[0]', dataItem: 'DATAID' }));
    } catch {
      return; // not a DATAID: the message's own service answers it
    }
    const timer = waiting.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    waiting.delete(key);
  });
  ctx.on('closed', () => {
    for (const timer of waiting.values()) clearTimeout(timer);
    waiting.clear();
  });
}
