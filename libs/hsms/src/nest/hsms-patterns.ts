import type { MessageHandler } from '@nestjs/microservices';
import { secsCatalogue } from '../secs/catalogue/index.js';

const SF = /^S(\d{1,3})F(\d{1,3})$/;

/** 'S6F11' or the key Nest makes of `{ peer, sf }` (key-sorted JSON); undefined for anything else ('hsms.selected'). */
export function parseSfPattern(key: string): { sf: string; stream: number; fn: number; peer?: string } | undefined {
  let sf = key;
  let peer: string | undefined;
  if (key.startsWith('{')) {
    try {
      const parsed = JSON.parse(key) as { peer?: unknown; sf?: unknown };
      if (typeof parsed.sf !== 'string' || typeof parsed.peer !== 'string') return undefined;
      ({ sf, peer } = parsed as { sf: string; peer: string });
    } catch {
      return undefined;
    }
  }
  const match = SF.exec(sf);
  if (!match) return undefined;
  return { sf, stream: Number(match[1]), fn: Number(match[2]), ...(peer !== undefined && { peer }) };
}

/**
 * The event patterns whose message the catalogue says comes with the W-bit (required or optional),
 * e.g. ['S6F11', "S5F1 (peer 'etcher-1')"]: an event handler cannot answer them.
 */
export function eventPatternsOnRequests(handlers: Map<string, MessageHandler>): string[] {
  const found: string[] = [];
  for (const [key, handler] of handlers) {
    if (!handler.isEventHandler) continue;
    const parsed = parseSfPattern(key);
    if (!parsed || parsed.fn % 2 === 0) continue;
    let wBit: string | undefined;
    try {
      wBit = secsCatalogue.find(parsed.stream, parsed.fn)?.wBit;
    } catch {
      wBit = undefined; // the catalogue failed to load: the odd function alone says it is a primary
    }
    if (wBit === 'never') continue;
    found.push(parsed.peer === undefined ? parsed.sf : `${parsed.sf} (peer '${parsed.peer}')`);
  }
  return found;
}
