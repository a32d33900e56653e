import { CONTROL_SESSION_ID, PTYPE_SECS2, RejectReason, SType } from '../protocol/hsms/s-type.js';
import { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { HsmsDisconnectCause } from './hsms-errors.js';
import type { HsmsState } from './hsms-handler.events.js';
import { packetLabel } from './packet-description.js';

/**
 * What one peer's handler has counted since it was created or since resetCounters(): plain data,
 * JSON as it is. Message maps are keyed 'S1F1' (data) or 'Select.req' (control) and list only what
 * occurred; S9 and SxF0 figures are the stream-9 and function-0 part of the message maps.
 */
export interface HsmsPeerCounters {
  /** When counting started (ISO 8601): the handler's creation or the last resetCounters(). */
  countingSince: string;
  /** Data messages received, by 'SxFy' (W-bit or not, rejected ones included). */
  messagesIn: Record<string, number>;
  /** Data messages sent, by 'SxFy'. */
  messagesOut: Record<string, number>;
  /** Control messages received, by name ('Select.req', 'Linktest.rsp', 'SType 8'). */
  controlIn: Record<string, number>;
  /** Control messages sent, by name. */
  controlOut: Record<string, number>;
  /** Whole frames received (4-byte length, header and text); a frame dropped as oversize is not in it. */
  bytesIn: number;
  /** Whole frames handed to the connection. */
  bytesOut: number;
  /** Data messages sent with the W-bit set. */
  requestsSent: number;
  /** Replies that settled one of our open data requests (an SxF0 included); late replies are not. */
  repliesReceived: number;
  /** Requests that ran out of time: data requests (T3) and control requests (T6). */
  timeouts: { t3: number; t6: number };
  /** Reject.req sent, by reason ('EntityNotSelected', 'reason 9' for a code E37 does not name). */
  rejectsSent: Record<string, number>;
  rejectsReceived: Record<string, number>;
  /** Stream 9 messages sent, by 'S9Fy'. */
  s9Sent: Record<string, number>;
  s9Received: Record<string, number>;
  /** SxF0 (transaction abort) messages sent and received, every stream together. */
  sxF0Sent: number;
  sxF0Received: number;
  /** TCP connections established. */
  connections: number;
  /** Connections after the first (connections - 1, never negative). */
  reconnects: number;
  /** Times the link became SELECTED. */
  selects: number;
  /** Connections ended, by cause ('remote', 'separate', 't7', ...). */
  disconnects: Record<string, number>;
}

/** A handler's state and counters: what HsmsHandler.status returns. */
export interface HsmsHandlerStatus {
  state: HsmsState;
  /** When the handler entered `state` (ISO 8601). */
  since: string;
  /** Why the last connection ended; null before the first close. */
  lastDisconnectCause: HsmsDisconnectCause | null;
  /** Requests still waiting for their reply. */
  pendingRequests: number;
  counters: HsmsPeerCounters;
}

/** One peer of HsmsConnectionManager.peerStatus(). */
export interface HsmsPeerStatus extends HsmsHandlerStatus {
  /** The name given to addPeer. */
  peer: string;
  address: string;
  port: number;
  active: boolean;
}

/** A count held by reference: a message then costs one Map.get and an increment, no Map.set. */
interface Tally {
  n: number;
}

/**
 * The per-message counters of one handler. The receive and send paths call received() / sent()
 * once per packet: a few number increments, typed-array slots for control messages, and a Map
 * keyed by the number (stream << 8 | function) for data messages, allocating only the first time
 * a stream/function is seen. Names and maps are built by snapshot(), on demand.
 */
export class PeerCounters {
  bytesIn = 0;
  bytesOut = 0;
  requestsSent = 0;
  repliesReceived = 0;
  t3Timeouts = 0;
  t6Timeouts = 0;
  connections = 0;
  selects = 0;
  private readonly dataIn = new Map<number, Tally>();
  private readonly dataOut = new Map<number, Tally>();
  /** By SType. */
  private readonly controlIn = new ByteCounts();
  private readonly controlOut = new ByteCounts();
  /** By reason code. */
  private readonly rejectsIn = new ByteCounts();
  private readonly rejectsOut = new ByteCounts();
  private readonly disconnects = new Map<HsmsDisconnectCause, number>();
  private startedAt = Date.now();
  private lastInKey = -1;
  private lastInTally: Tally | undefined;
  private lastOutKey = -1;
  private lastOutTally: Tally | undefined;

  /** Counts a packet that arrived (before the handler acts on it). */
  received(packet: HsmsPacket): void {
    this.bytesIn += packet.frameLength;
    if (packet.sType === SType.DataMessage) return this.countIn((packet.stream << 8) | packet.function);
    this.controlIn.add(packet.sType);
    if (packet.sType === SType.RejectReq) this.rejectsIn.add(packet.byte3);
  }

  /** Counts a packet the connection took. */
  sent(packet: HsmsPacket): void {
    this.bytesOut += packet.frameLength;
    if (packet.sType === SType.DataMessage) {
      if (packet.requireResponse) this.requestsSent++;
      return this.countOut((packet.stream << 8) | packet.function);
    }
    this.controlOut.add(packet.sType);
    if (packet.sType === SType.RejectReq) this.rejectsOut.add(packet.byte3);
  }

  /** sent() for a data message the connection took without a packet object. */
  sentData(stream: number, fn: number, wBit: boolean, frameLength: number): void {
    this.bytesOut += frameLength;
    if (wBit) this.requestsSent++;
    this.countOut((stream << 8) | fn);
  }

  // A peer mostly exchanges one message kind after another (a pipelined requester, a tool's
  // event reports): the last tally each way is kept, so a repeat costs no Map lookup.
  private countIn(key: number): void {
    if (key !== this.lastInKey) {
      this.lastInTally = tally(this.dataIn, key);
      this.lastInKey = key;
    }
    this.lastInTally!.n++;
  }

  private countOut(key: number): void {
    if (key !== this.lastOutKey) {
      this.lastOutTally = tally(this.dataOut, key);
      this.lastOutKey = key;
    }
    this.lastOutTally!.n++;
  }

  /** Counts a closed connection (once per connection, not per message). */
  disconnected(cause: HsmsDisconnectCause): void {
    this.disconnects.set(cause, (this.disconnects.get(cause) ?? 0) + 1);
  }

  /** Starts counting again from zero, now. */
  reset(): void {
    this.bytesIn = this.bytesOut = this.requestsSent = this.repliesReceived = 0;
    this.t3Timeouts = this.t6Timeouts = this.connections = this.selects = 0;
    this.dataIn.clear();
    this.dataOut.clear();
    this.lastInKey = this.lastOutKey = -1; // their tallies were in the maps just cleared
    this.lastInTally = this.lastOutTally = undefined;
    this.controlIn.clear();
    this.controlOut.clear();
    this.rejectsIn.clear();
    this.rejectsOut.clear();
    this.disconnects.clear();
    this.startedAt = Date.now();
  }

  snapshot(): HsmsPeerCounters {
    return {
      countingSince: new Date(this.startedAt).toISOString(),
      messagesIn: dataNames(this.dataIn, () => true),
      messagesOut: dataNames(this.dataOut, () => true),
      controlIn: this.controlIn.named(controlName),
      controlOut: this.controlOut.named(controlName),
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      requestsSent: this.requestsSent,
      repliesReceived: this.repliesReceived,
      timeouts: { t3: this.t3Timeouts, t6: this.t6Timeouts },
      rejectsSent: this.rejectsOut.named(reasonName),
      rejectsReceived: this.rejectsIn.named(reasonName),
      s9Sent: dataNames(this.dataOut, isStream9),
      s9Received: dataNames(this.dataIn, isStream9),
      sxF0Sent: sum(this.dataOut, isAbort),
      sxF0Received: sum(this.dataIn, isAbort),
      connections: this.connections,
      reconnects: Math.max(0, this.connections - 1),
      selects: this.selects,
      disconnects: Object.fromEntries(this.disconnects),
    };
  }
}

/** The tally of `key`, made at 0 the first time. */
function tally(tallies: Map<number, Tally>, key: number): Tally {
  let found = tallies.get(key);
  if (found === undefined) {
    found = { n: 0 };
    tallies.set(key, found);
  }
  return found;
}

const isStream9 = (key: number): boolean => key >> 8 === 9;
const isAbort = (key: number): boolean => (key & 0xff) === 0;

/** 'S1F1': 3, ... in stream/function order, for the keys `keep` accepts. */
function dataNames(tallies: Map<number, Tally>, keep: (key: number) => boolean): Record<string, number> {
  const keys = [...tallies.keys()].filter(keep).sort((a, b) => a - b);
  return Object.fromEntries(keys.map((key) => [`S${key >> 8}F${key & 0xff}`, tallies.get(key)!.n]));
}

function sum(tallies: Map<number, Tally>, keep: (key: number) => boolean): number {
  let total = 0;
  for (const [key, tally] of tallies) if (keep(key)) total += tally.n;
  return total;
}

/**
 * Counts by a one-byte code (SType, reason). A Map, not a Float64Array(256): control messages
 * and rejects are rare, and four such arrays were 8 KiB outside the heap for every peer (a
 * manager with 1,000 peers: 8 MB of RSS for counters that mostly stay zero).
 */
class ByteCounts {
  private readonly counts = new Map<number, number>();

  add(code: number): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  clear(): void {
    this.counts.clear();
  }

  /** Name: count, in code order. */
  named(name: (code: number) => string): Record<string, number> {
    const names: Record<string, number> = {};
    for (const code of [...this.counts.keys()].sort((a, b) => a - b)) names[name(code)] = this.counts.get(code)!;
    return names;
  }
}

/** The control message's usual name, as logs and errors print it. */
function controlName(sType: number): string {
  return packetLabel(new HsmsPacket(new HsmsHeader(CONTROL_SESSION_ID, 0, 0, PTYPE_SECS2, sType, 0)));
}

function reasonName(reason: number): string {
  return RejectReason[reason] ?? `reason ${reason}`;
}
