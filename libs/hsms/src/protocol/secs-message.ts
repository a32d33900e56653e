import { HsmsProtocolError } from './errors.js';
import type { HsmsHeader } from './hsms/hsms-header.js';
import { HsmsPacket } from './hsms/hsms-packet.js';
import { decodeItem, type ItemDecodeLimits } from './items/item-decoder.js';
import { encodeBodyOnce } from './items/encoded-body-cache.js';
import type { SecsItem } from './items/secs-item.js';
import { printMessageSml } from './sml/sml-message-printer.js';
import type { SmlPrintOptions } from './sml/sml-print-options.js';
import { NO_BYTES } from './no-bytes.js';

/** A stream/function/W-bit combination the standard does not allow. */
export class SecsMessageError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_SECS_MESSAGE';
}

/**
 * A SECS-II message: stream, function, W-bit and an optional body. Built from a packet, the body
 * is decoded on first access only (routing and logging at a quiet level never decode it).
 */
export class SecsMessage {
  readonly stream: number;
  readonly function: number;
  readonly wBit: boolean;
  private bodyItem: SecsItem | undefined;
  private bodyBytes: Buffer | undefined;
  private limits: ItemDecodeLimits | undefined;
  private receivedPacket: HsmsPacket | undefined;

  constructor(stream: number, fn: number, wBit = false, body?: SecsItem) {
    if (!Number.isInteger(stream) || stream < 0 || stream > 127) throw new SecsMessageError(`stream ${stream} is outside 0..127`);
    if (!Number.isInteger(fn) || fn < 0 || fn > 255) throw new SecsMessageError(`function ${fn} is outside 0..255`);
    this.stream = stream;
    this.function = fn;
    this.wBit = wBit;
    this.bodyItem = body;
    this.limits = undefined;
    this.receivedPacket = undefined;
  }

  /** A message whose body is still encoded; it is decoded (and may throw a decode error) on first `body` access. */
  static fromEncoded(stream: number, fn: number, wBit: boolean, bytes: Buffer, limits?: ItemDecodeLimits): SecsMessage {
    const message = new SecsMessage(stream, fn, wBit);
    if (bytes.length > 0) message.bodyBytes = bytes;
    message.limits = limits;
    return message;
  }

  static fromPacket(packet: HsmsPacket, limits?: ItemDecodeLimits): SecsMessage {
    const message = new SecsMessage(packet.stream, packet.function, packet.requireResponse);
    message.limits = limits;
    message.receivedPacket = packet; // its HsmsHeader object, and the Buffer of its text, are made only when read
    return message;
  }

  /** The HSMS header this message arrived with (session id, system bytes); undefined for one built locally. */
  get header(): HsmsHeader | undefined {
    return this.receivedPacket?.header;
  }

  /** The decoded body, or undefined for a header-only message. Throws the decoder's named error for bad bytes. */
  get body(): SecsItem | undefined {
    if (this.bodyItem === undefined) {
      const bytes = this.bodyBytes ?? this.receivedText();
      if (bytes !== undefined) this.bodyItem = decodeItem(bytes, this.limits);
    }
    return this.bodyItem;
  }

  /** The encoded body (empty for a header-only message). Shared, never to be written to. */
  encodeBody(): Buffer {
    if (this.bodyBytes !== undefined) return this.bodyBytes;
    const received = this.receivedText();
    if (received !== undefined) return received;
    if (this.bodyItem === undefined) return NO_BYTES; // shared: a new empty Buffer per header-only message was measurable
    this.bodyBytes = encodeBodyOnce(this.bodyItem); // a constant reply body is encoded once, not per reply
    return this.bodyBytes;
  }

  /** A received message's encoded body, taken from its packet on first use; undefined when it has none. */
  private receivedText(): Buffer | undefined {
    const packet = this.receivedPacket;
    if (packet === undefined || packet.textLength === 0) return undefined;
    this.bodyBytes = packet.data;
    return this.bodyBytes;
  }

  /** The packet for this message with the given session id and system bytes. */
  toPacket(sessionId: number, system: number): HsmsPacket {
    return HsmsPacket.dataMessage(sessionId, this.stream, this.function, this.wBit, system, this.encodeBody());
  }

  /** SML text of this message (decodes the body; see printMessageSml). Call it only when a log level asks for it. */
  toSml(options?: SmlPrintOptions): string {
    return printMessageSml(this, options);
  }

  /** 'S1F13' */
  get sf(): string {
    return `S${this.stream}F${this.function}`;
  }

  /** Primaries have odd functions (function 0 is the abort reply). */
  get isPrimary(): boolean {
    return this.function % 2 === 1;
  }

  /** The function of this primary's reply (primary + 1). */
  get replyFunction(): number {
    return this.function + 1;
  }
}
