// What design/protocol.md wants back for one fuzz frame (fuzz-frames.ts FrameCase), sent to our
// SecsHandler in the equipment role (device id 0, a callback only for S1F1), and the check of what
// came back. Control-level answers are exact; SECS-level answers (S9Fx, SxF0, replies) are checked
// by the rules of E5 without re-deriving which S9 function the catalogue leads to.
import type { HsmsPacket } from '../../libs/hsms/src/protocol/hsms/hsms-packet.js';
import { type FrameCase, type FuzzHeader, headerBytes } from './fuzz-frames.js';

/** What was seen after the frame: the packets before the barrier's answer (or before the close), and whether the link closed. */
export interface FuzzOutcome {
  closed: boolean;
  answers: HsmsPacket[];
}

/** A control-level answer, compared field by field. */
interface ExactAnswer {
  sType: number;
  byte2: number;
  byte3: number;
  system: number;
}

export type Expectation =
  | { kind: 'exact'; answers: ExactAnswer[]; closes: boolean } // these answers, then (if closes) the close
  | { kind: 'secs'; header: FuzzHeader } // E5 answers to a data message, checked by secsViolation()
  | { kind: 'too-long'; header: FuzzHeader }; // E5 S9F11 for a data message over the limit, then T8 closes the link

const REJECT = 7;
enum Reason {
  SType = 1,
  PType = 2,
  NotOpen = 3,
  NotSelected = 4,
}

function reject(h: FuzzHeader, reason: Reason): ExactAnswer {
  return { sType: REJECT, byte2: reason === Reason.PType ? h.pType : h.sType, byte3: reason, system: h.system };
}

/** protocol.md's answer to `c`. */
export function expectationFor(c: FrameCase): Expectation {
  const h = c.header;
  const selected = c.selectFirst;
  switch (c.length.kind) {
    case 'short':
      return { kind: 'exact', answers: [], closes: true }; // E37: a length below 10 is a protocol error
    case 'truncated':
      return { kind: 'exact', answers: [], closes: true }; // E37 T8: the rest never comes
    case 'huge':
      return oversize(h, selected);
    case 'exact':
      return complete(h, selected);
  }
}

/** A message over maxMessageLength: answered from its header alone (E5 S9F11), then T8 closes the link. */
function oversize(h: FuzzHeader, selected: boolean): Expectation {
  if (h.pType !== 0) return { kind: 'exact', answers: [reject(h, Reason.PType)], closes: true };
  if (h.sType !== 0) return { kind: 'exact', answers: [], closes: true };
  if (!selected) return { kind: 'exact', answers: [reject(h, Reason.NotSelected)], closes: true };
  return { kind: 'too-long', header: h };
}

function complete(h: FuzzHeader, selected: boolean): Expectation {
  const only = (answer: ExactAnswer): Expectation => ({ kind: 'exact', answers: [answer], closes: false });
  if (h.pType !== 0) return only(reject(h, Reason.PType));
  switch (h.sType) {
    case 0:
      return selected ? { kind: 'secs', header: h } : only(reject(h, Reason.NotSelected));
    case 1: // Select.req: 0 established, 1 already active
      return only({ sType: 2, byte2: 0, byte3: selected ? 1 : 0, system: h.system });
    case 3: // Deselect.req: 0 ok, 1 not established
      return only({ sType: 4, byte2: 0, byte3: selected ? 0 : 1, system: h.system });
    case 5:
      return only({ sType: 6, byte2: 0, byte3: 0, system: h.system });
    case 2:
    case 4:
    case 6: // a response nobody asked for
      return only(reject(h, Reason.NotOpen));
    case 7: // Reject.req is never answered
      return { kind: 'exact', answers: [], closes: false };
    case 9: // Separate.req ends the connection, unanswered
      return { kind: 'exact', answers: [], closes: true };
    default:
      return only(reject(h, Reason.SType));
  }
}

/** Undefined when `outcome` is what `expectation` asks for, else what is wrong. */
export function violation(expectation: Expectation, outcome: FuzzOutcome): string | undefined {
  const closes = expectation.kind === 'too-long' || (expectation.kind === 'exact' && expectation.closes);
  if (outcome.closed !== closes) return closes ? 'the link stayed up' : 'the link closed';
  if (expectation.kind === 'secs') return secsViolation(expectation.header, outcome.answers);
  if (expectation.kind === 'too-long') return tooLongViolation(expectation.header, outcome.answers);
  const got = outcome.answers.map((p) => ({
    sType: p.header.sType,
    byte2: p.header.byte2,
    byte3: p.header.byte3,
    system: p.header.system,
  }));
  return JSON.stringify(got) === JSON.stringify(expectation.answers)
    ? undefined
    : `expected ${JSON.stringify(expectation.answers)}, got ${JSON.stringify(got)}`;
}

/** E5 for a data message over maxMessageLength: S9F11 naming it (and SxF0 when W is set), whatever its device id or function; none for stream 9. */
function tooLongViolation(h: FuzzHeader, answers: HsmsPacket[]): string | undefined {
  const stream = h.byte2 & 0x7f;
  const expected =
    stream === 9 ? [] : [`S9F11 ${headerBytes(h).toString('hex')}`, ...((h.byte2 & 0x80) !== 0 ? [`S${stream}F0 ${h.system}`] : [])];
  const got = answers.map((p) =>
    p.header.stream === 9
      ? `S9F${p.header.function} ${p.data.subarray(2).toString('hex')}`
      : `S${p.header.stream}F${p.header.function} ${p.header.system}`,
  );
  return JSON.stringify(got) === JSON.stringify(expected)
    ? undefined
    : `expected ${expected.join(', ') || 'nothing'}, got ${got.join(', ') || 'nothing'}`;
}

/**
 * E5 for a data message that reached the SELECTED equipment:
 * stream 9 and replies are never answered; another device id gets S9F1 alone; otherwise at most
 * one S9 (3, 5, 7 or 11) naming the message, and a W-bit primary exactly one reply with its system
 * bytes (SxF0 after the S9, or S1F2 from the S1F1 callback with no S9).
 */
function secsViolation(h: FuzzHeader, answers: HsmsPacket[]): string | undefined {
  const stream = h.byte2 & 0x7f;
  const wBit = (h.byte2 & 0x80) !== 0;
  const isReply = !wBit && h.byte3 % 2 === 0;
  const describe = (): string =>
    answers.map((p) => (p.header.sType === 0 ? `S${p.header.stream}F${p.header.function}` : `SType ${p.header.sType}`)).join(', ') ||
    'nothing';
  if (stream === 9 || isReply) return answers.length === 0 ? undefined : `S${stream}F${h.byte3} must not be answered, got ${describe()}`;
  const mhead = headerBytes(h);
  const s9 = answers.filter((p) => p.header.sType === 0 && p.header.stream === 9);
  const replies = answers.filter(
    (p) => p.header.sType === 0 && p.header.stream === stream && p.header.system === h.system && !p.header.requireResponse,
  );
  if (s9.length + replies.length !== answers.length) return `unexpected answers: ${describe()}`;
  for (const p of s9) {
    if (!p.data.equals(Buffer.concat([Buffer.from([0x21, 0x0a]), mhead])))
      return `S9F${p.header.function} does not carry the message's header`;
  }
  if (h.sessionId !== 0)
    return answers.length === 1 && s9[0]?.header.function === 1
      ? undefined
      : `device id ${h.sessionId}: expected S9F1 alone, got ${describe()}`;
  if (s9.length > 1 || (s9[0] && ![3, 5, 7].includes(s9[0].header.function))) return `expected at most one S9F3/5/7, got ${describe()}`;
  if (!wBit) return replies.length === 0 ? undefined : `no reply expected without W-bit, got ${describe()}`;
  if (replies.length !== 1) return `a W-bit primary needs exactly one reply, got ${describe()}`;
  const reply = replies[0]!;
  if (reply.header.function === 0)
    return s9.length === 1 && answers.indexOf(s9[0]!) < answers.indexOf(reply)
      ? undefined
      : `S${stream}F0 without an S9 before it: ${describe()}`;
  const isS1F2 = stream === 1 && h.byte3 === 1 && reply.header.function === 2;
  return isS1F2 && s9.length === 0 ? undefined : `unexpected reply ${describe()}`;
}
