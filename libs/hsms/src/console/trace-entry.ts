import { packetLabel } from '../hsms/packet-description.js';
import { PTYPE_SECS2, SType } from '../protocol/hsms/s-type.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { printMessageSml } from '../protocol/sml/sml-message-printer.js';
import type { SmlPrintOptions } from '../protocol/sml/sml-print-options.js';

/** Which way a traced message went, seen from this application. */
export type TraceDirection = 'in' | 'out';

/** One traced message as the API sends it (JSON, one per server-sent event). */
export interface TraceRecord {
  /** Increasing from 1 over the console's life: the SSE event id (Last-Event-ID resumes after it). */
  readonly id: number;
  /** When it was received or handed to the socket (ISO 8601). */
  readonly time: string;
  readonly peer: string;
  readonly direction: TraceDirection;
  /** 'S1F1 W', 'S1F2', 'Linktest.req'. */
  readonly label: string;
  /** 'S1F1' for data messages; null for control messages. */
  readonly sf: string | null;
  readonly stream: number | null;
  readonly function: number | null;
  readonly wBit: boolean;
  /** System bytes as 8 hex digits: a reply carries its primary's. */
  readonly system: string;
  /** Frame length in bytes (length field included). */
  readonly bytes: number;
  /** The message in SML (capped); null for control messages. */
  readonly sml: string | null;
}

/** How the trace prints bodies: the SML printer's caps, and a size above which a body is not decoded at all. */
export interface TracePrintLimits {
  readonly print: SmlPrintOptions;
  readonly maxBodyBytes: number;
}

// Decoding for display only: far below the protocol's own limits, the printer's caps do the rest.
const DISPLAY_DECODE_LIMITS = { maxDepth: 64, maxItems: 200_000 };

/**
 * A traced packet. The SML is built the first time someone reads the entry (a viewer, the API),
 * never on the message path: with nobody watching, tracing costs a ring slot per message. The
 * packet is released once printed.
 */
export class TraceEntry {
  readonly id: number;
  readonly peer: string;
  readonly direction: TraceDirection;
  /** Stream and function of a data message; null for control messages. */
  readonly stream: number | null;
  readonly function: number | null;
  private readonly at: number;
  private packet: HsmsPacket | undefined;
  private record: TraceRecord | undefined;

  constructor(
    id: number,
    peer: string,
    direction: TraceDirection,
    packet: HsmsPacket,
    private readonly limits: TracePrintLimits,
  ) {
    this.id = id;
    this.peer = peer;
    this.direction = direction;
    this.at = Date.now();
    this.packet = packet;
    // the packet's own fields: no HsmsHeader and no 'S1F1' string per traced message (issue 10)
    const data = isData(packet);
    this.stream = data ? packet.stream : null;
    this.function = data ? packet.function : null;
  }

  /** 'S1F1' for a data message; null for a control message. */
  get sf(): string | null {
    return this.stream === null ? null : `S${this.stream}F${this.function}`;
  }

  /** The record, printed now if it was not yet. */
  toJSON(): TraceRecord {
    if (this.record === undefined) {
      this.record = this.print(this.packet!);
      this.packet = undefined;
    }
    return this.record;
  }

  private print(packet: HsmsPacket): TraceRecord {
    const h = packet.header;
    const data = this.sf !== null;
    return {
      id: this.id,
      time: new Date(this.at).toISOString(),
      peer: this.peer,
      direction: this.direction,
      label: packetLabel(packet),
      sf: this.sf,
      stream: this.stream,
      function: this.function,
      wBit: data && h.requireResponse,
      system: h.system.toString(16).padStart(8, '0'),
      bytes: packet.frameLength,
      sml: data ? smlOf(packet, this.limits) : null,
    };
  }
}

function isData(packet: HsmsPacket): boolean {
  return packet.pType === PTYPE_SECS2 && packet.sType === SType.DataMessage;
}

/** The capped SML of a data packet; a body over the size limit is named, not decoded. */
function smlOf(packet: HsmsPacket, limits: TracePrintLimits): string {
  const h = packet.header;
  const head = `S${h.stream}F${h.function}${h.requireResponse ? ' W' : ''}`;
  if (packet.data.length > limits.maxBodyBytes) {
    return `${head}\n// body of ${packet.data.length} bytes not shown (the console decodes bodies up to ${limits.maxBodyBytes} bytes)\n.`;
  }
  // printMessageSml turns a body that does not decode into a comment line; it never throws for one
  return printMessageSml(SecsMessage.fromPacket(packet, DISPLAY_DECODE_LIMITS), limits.print);
}
