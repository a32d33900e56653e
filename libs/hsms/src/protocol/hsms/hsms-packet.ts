import { HsmsProtocolError } from '../errors.js';
import { copyBytes } from './copy-bytes.js';
import { FRAME_HEAD_LENGTH, LENGTH_FIELD_LENGTH, wBitOf, writeFrameHead } from './header-fields.js';
import { HsmsHeader } from './hsms-header.js';
import { CONTROL_SESSION_ID, DeselectStatus, PTYPE_SECS2, RejectReason, SelectStatus, SType } from './s-type.js';
import { NO_BYTES } from '../no-bytes.js';

/** A frame's 4-byte length field disagrees with the bytes given to HsmsPacket.decode. */
export class HsmsFrameLengthMismatchError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_LENGTH_MISMATCH';
}

/** The header fields a received frame's packet is built from (no HsmsHeader object yet). */
interface HeaderFields {
  sessionId: number;
  byte2: number;
  byte3: number;
  pType: number;
  sType: number;
  system: number;
}

/** Reused by fromHeaderBytes: the fields are copied out at once, so one object serves every frame. */
const scratch: HeaderFields = { sessionId: 0, byte2: 0, byte3: 0, pType: 0, sType: 0, system: 0 };

/**
 * One HSMS message: header plus the undecoded SECS-II text bytes. The text is decoded only when a
 * layer above asks for it (SecsMessage.fromPacket), never just to be printed or routed.
 *
 * The header's fields are the packet's own (sessionId, sType, system ...), so a received frame is
 * one object: the HsmsHeader behind `header` is made on first access only (issue 10: a header
 * object per received message was a fifth of what an equipment allocated per request).
 */
export class HsmsPacket {
  readonly sessionId: number;
  /** Data messages: W-bit and stream; control messages: see s-type.ts. */
  readonly byte2: number;
  /** Data messages: the function; control messages: a status or reason. */
  readonly byte3: number;
  readonly pType: number;
  readonly sType: number;
  readonly system: number;
  private headerObject: HsmsHeader | undefined;
  /** The text is textSource[textStart, textStart + textLength); `data` is made from it on first access. */
  private textSource: Buffer;
  private textStart = 0;
  private textBytes: number;
  private dataView: Buffer | undefined;

  constructor(header: HsmsHeader, data: Buffer = NO_BYTES) {
    this.textSource = data;
    this.textBytes = data.length;
    this.dataView = data;
    const h: HeaderFields = header;
    this.sessionId = h.sessionId;
    this.byte2 = h.byte2;
    this.byte3 = h.byte3;
    this.pType = h.pType;
    this.sType = h.sType;
    this.system = h.system;
    this.headerObject = h === scratch ? undefined : header;
  }

  /** A packet from the 10 header bytes at `offset` of `bytes` (a received frame), with `data` as its text. */
  static fromHeaderBytes(bytes: Uint8Array, offset: number, data: Buffer): HsmsPacket {
    const b = bytes;
    const o = offset;
    scratch.sessionId = (b[o]! << 8) | b[o + 1]!;
    scratch.byte2 = b[o + 2]!;
    scratch.byte3 = b[o + 3]!;
    scratch.pType = b[o + 4]!;
    scratch.sType = b[o + 5]!;
    scratch.system = ((b[o + 6]! << 24) | (b[o + 7]! << 16) | (b[o + 8]! << 8) | b[o + 9]!) >>> 0;
    return new HsmsPacket(scratch as unknown as HsmsHeader, data);
  }

  /**
   * fromHeaderBytes for a received frame whose text is `length` bytes at `start` of `source`, which
   * must never change while the packet lives (the decoder's append-only receive pool): no Buffer is
   * made for the text until `data` is read. A reply whose body nobody reads costs no view object
   * (issue 10: the text's Buffer was the largest object of a received reply).
   */
  static fromHeaderBytesAndText(bytes: Uint8Array, offset: number, source: Buffer, start: number, length: number): HsmsPacket {
    const packet = HsmsPacket.fromHeaderBytes(bytes, offset, NO_BYTES);
    packet.textSource = source;
    packet.textStart = start;
    packet.textBytes = length;
    packet.dataView = undefined;
    return packet;
  }

  /** Length of the SECS-II text (data.length, without making `data`). */
  get textLength(): number {
    return this.textBytes;
  }

  /** SECS-II text (the bytes after the header); empty for control messages and header-only data. */
  get data(): Buffer {
    this.dataView ??= this.textSource.subarray(this.textStart, this.textStart + this.textLength);
    return this.dataView;
  }

  /** The 10-byte header as an object (made on first access for a received packet). */
  get header(): HsmsHeader {
    this.headerObject ??= new HsmsHeader(this.sessionId, this.byte2, this.byte3, this.pType, this.sType, this.system);
    return this.headerObject;
  }

  /** Stream of a data message (byte 2 without the W-bit). */
  get stream(): number {
    return this.byte2 & 0x7f;
  }

  /** Function of a data message (byte 3). */
  get function(): number {
    return this.byte3;
  }

  /** W-bit of a data message: the sender waits for a reply. */
  get requireResponse(): boolean {
    return wBitOf(this.sType, this.byte2);
  }

  // --- named constructors for every control message (E37; codes in s-type.ts) ---

  static selectReq(system: number): HsmsPacket {
    return control(0, 0, SType.SelectReq, system);
  }
  static selectRsp(system: number, status: SelectStatus | number = SelectStatus.Established): HsmsPacket {
    return control(0, status, SType.SelectRsp, system);
  }
  static deselectReq(system: number): HsmsPacket {
    return control(0, 0, SType.DeselectReq, system);
  }
  static deselectRsp(system: number, status: DeselectStatus | number = DeselectStatus.Ok): HsmsPacket {
    return control(0, status, SType.DeselectRsp, system);
  }
  static linktestReq(system: number): HsmsPacket {
    return control(0, 0, SType.LinktestReq, system);
  }
  static linktestRsp(system: number): HsmsPacket {
    return control(0, 0, SType.LinktestRsp, system);
  }
  /**
   * Reject.req for `rejected`: byte 2 carries the rejected message's SType, or its PType for
   * reason 2; the system bytes are the rejected message's.
   */
  static rejectReq(rejected: HsmsHeader, reason: RejectReason | number): HsmsPacket {
    const byte2 = reason === RejectReason.PTypeNotSupported ? rejected.pType : rejected.sType;
    return control(byte2, reason, SType.RejectReq, rejected.system);
  }
  static separateReq(system: number): HsmsPacket {
    return control(0, 0, SType.SeparateReq, system);
  }

  /** A data message with already-encoded SECS-II text. */
  static dataMessage(sessionId: number, stream: number, fn: number, wBit: boolean, system: number, data: Buffer = NO_BYTES): HsmsPacket {
    return new HsmsPacket(HsmsHeader.data(sessionId, stream, fn, wBit, system), data);
  }

  /** Bytes on the wire: 4-byte length (header + text), header, text. */
  encode(): Buffer {
    const out = Buffer.allocUnsafe(FRAME_HEAD_LENGTH + this.textLength);
    this.encodeInto(out, 0);
    return out;
  }

  /** Length of encode()'s result. */
  get frameLength(): number {
    return FRAME_HEAD_LENGTH + this.textLength;
  }

  /** Writes the frame at `offset` of `target` (which must have frameLength bytes free). */
  encodeInto(target: Buffer, offset: number): void {
    writeFrameHead(target, offset, this.textLength, this.sessionId, this.byte2, this.byte3, this.pType, this.sType, this.system);
    if (this.textLength > 0)
      copyBytes(this.textSource, target, offset + FRAME_HEAD_LENGTH, this.textStart, this.textStart + this.textLength);
  }

  /** Decodes one whole frame (with its 4-byte length). The text is kept as a view, not copied. */
  static decode(frame: Buffer): HsmsPacket {
    if (frame.length < FRAME_HEAD_LENGTH) {
      throw new HsmsFrameLengthMismatchError(`HSMS frame needs at least ${FRAME_HEAD_LENGTH} bytes, got ${frame.length}`);
    }
    const length = frame.readUInt32BE(0);
    if (length !== frame.length - 4) {
      throw new HsmsFrameLengthMismatchError(`HSMS frame length field says ${length}, but ${frame.length - 4} bytes follow it`);
    }
    return new HsmsPacket(HsmsHeader.decode(frame, LENGTH_FIELD_LENGTH), frame.subarray(FRAME_HEAD_LENGTH));
  }

  toString(): string {
    const text = this.textLength > 0 ? `, data: ${this.textLength} bytes` : '';
    return `header: ${this.header.toString()}${text}`;
  }
}

function control(byte2: number, byte3: number, sType: SType, system: number): HsmsPacket {
  return new HsmsPacket(new HsmsHeader(CONTROL_SESSION_ID, byte2 & 0xff, byte3 & 0xff, PTYPE_SECS2, sType, system >>> 0));
}
