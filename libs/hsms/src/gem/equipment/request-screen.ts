import type { SecsMessage } from '../../protocol/secs-message.js';
import { S2F34, type BuildOptions } from '../../secs/catalogue/index.js';
import type { SecsReply } from '../../secs/secs-callbacks.js';
import type { ReportLimits } from '../event-report-table.js';
import type { ReplyBudget } from './reply-budget.js';

/** Rows of the reply per id asked for, for the requests whose reply grows with the request. */
const ITEMS_PER_ROW: Readonly<Record<string, number>> = {
  S1F3: 1, // SV
  S1F11: 4, // L, SVID, SVNAME, UNITS
  S2F13: 1, // ECV
  S2F29: 7, // L, ECID, ECNAME, ECMIN, ECMAX, ECDEF, UNITS
};

/** E5 DRACK 1: denied, insufficient space. */
const DRACK_INSUFFICIENT_SPACE = 1;

/**
 * Answers, from the first bytes of the encoded body and before anything decodes it, the requests
 * that are too large for the equipment's limits: S1F11 with 999,999 SVIDs took seconds of decoding,
 * validation and parsing before it was refused (issue 11). Reads only item headers: the root list's
 * count, and for S2F33 each report's VID count and their sum. Returns the reply (or throws the budget's
 * GemReplyTooLargeError, answered SxF0); undefined lets the message take its normal path.
 */
export class RequestScreen {
  constructor(
    private readonly budget: ReplyBudget,
    private readonly reports: ReportLimits,
    private readonly build: BuildOptions,
  ) {}

  screen(message: SecsMessage): SecsReply | undefined {
    const sf = message.sf;
    const perRow = ITEMS_PER_ROW[sf];
    if (perRow !== undefined) {
      const rows = listCount(message.encodeBody(), 0);
      if (rows !== undefined) this.budget.rows(`S${message.stream}F${message.function + 1}`, rows, perRow); // throws past the budget
      return undefined;
    }
    if (sf === 'S2F33') return this.screenReports(message.encodeBody());
    return undefined;
  }

  /** S2F33 is L[2] <DATAID> L[n] of L[2] <RPTID> L[m] <VID>...: DRACK 1 when n or any m is over its limit. */
  private screenReports(body: Buffer): SecsReply | undefined {
    if (listCount(body, 0) !== 2) return undefined;
    const dataId = itemHeader(body, headerEnd(body, 0)!);
    if (dataId === undefined || dataId.isList) return undefined;
    const reportsAt = dataId.end;
    const reports = listCount(body, reportsAt);
    if (reports === undefined) return undefined;
    if (reports > this.reports.reports) return S2F34(DRACK_INSUFFICIENT_SPACE, this.build);
    let pos = headerEnd(body, reportsAt)!;
    let total = 0;
    for (let i = 0; i < reports; i++) {
      if (listCount(body, pos) !== 2) return undefined;
      const rptid = itemHeader(body, headerEnd(body, pos)!);
      if (rptid === undefined || rptid.isList) return undefined;
      const vids = listCount(body, rptid.end);
      if (vids === undefined) return undefined;
      total += vids;
      // more than may be defined at all, even with every defined report deleted first
      if (vids > this.reports.vidsPerReport || total > this.reports.vidsTotal) return S2F34(DRACK_INSUFFICIENT_SPACE, this.build);
      // the VIDs are leaves (a VID list is refused by the parser later): skip their bytes
      let p = headerEnd(body, rptid.end)!;
      for (let v = 0; v < vids; v++) {
        const vid = itemHeader(body, p);
        if (vid === undefined || vid.isList) return undefined;
        p = vid.end;
      }
      pos = p;
    }
    return undefined;
  }
}

interface Header {
  readonly isList: boolean;
  /** Where the item ends (a leaf: after its data; a list: after its header only). */
  readonly end: number;
  readonly length: number;
}

/** The item header at `pos`: E5 format byte, 1-3 length bytes. Undefined when it does not read. */
function itemHeader(body: Buffer, pos: number): Header | undefined {
  const format = body[pos];
  if (format === undefined) return undefined;
  const lengthBytes = format & 3;
  if (lengthBytes === 0 || pos + 1 + lengthBytes > body.length) return undefined;
  let length = 0;
  for (let i = 1; i <= lengthBytes; i++) length = length * 256 + body[pos + i]!;
  const isList = format >> 2 === 0;
  const start = pos + 1 + lengthBytes;
  if (!isList && start + length > body.length) return undefined;
  return { isList, length, end: isList ? start : start + length };
}

function headerEnd(body: Buffer, pos: number): number | undefined {
  const h = itemHeader(body, pos);
  return h === undefined ? undefined : pos + 1 + (body[pos]! & 3);
}

/** The element count of the list at `pos`, or undefined when no list is there. */
function listCount(body: Buffer, pos: number): number | undefined {
  const h = itemHeader(body, pos);
  return h?.isList ? h.length : undefined;
}
