import { HsmsProtocolError } from '../errors.js';
import { copyBytes } from './copy-bytes.js';
import { HEADER_LENGTH, HsmsHeader } from './hsms-header.js';
import { CONTROL_SESSION_ID, DeselectStatus, PTYPE_SECS2, RejectReason, SelectStatus, SType } from './s-type.js';

/** A frame's 4-byte length field disagrees with the bytes given to HsmsPacket.decode. */
export class HsmsFrameLengthMismatchError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_LENGTH_MISMATCH';
}

const EMPTY = Buffer.alloc(0);

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
  /** SECS-II text (the bytes after the header); empty for control messages and header-only data. */
  readonly data: Buffer;
  readonly sessionId: number;
  /** Data messages: W-bit and stream; control messages: see s-type.ts. */
  readonly byte2: number;
  /** Data messages: the function; control messages: a status or reason. */
  readonly byte3: number;
  readonly pType: number;
  readonly sType: number;
  readonly system: number;
  private headerObject: HsmsHeader | undefined;

  constructor(header: HsmsHeader, data: Buffer = EMPTY) {
    this.data = data;
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
    return this.sType === SType.DataMessage && (this.byte2 & 0x80) !== 0;
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
  static dataMessage(sessionId: number, stream: number, fn: number, wBit: boolean, system: number, data: Buffer = EMPTY): HsmsPacket {
    return new HsmsPacket(HsmsHeader.data(sessionId, stream, fn, wBit, system), data);
  }

  /** Bytes on the wire: 4-byte length (header + text), header, text. */
  encode(): Buffer {
    const out = Buffer.allocUnsafe(4 + HEADER_LENGTH + this.data.length);
    this.encodeInto(out, 0);
    return out;
  }

  /** Length of encode()'s result. */
  get frameLength(): number {
    return 4 + HEADER_LENGTH + this.data.length;
  }

  /** Writes the frame at `offset` of `target` (which must have frameLength bytes free). */
  encodeInto(target: Buffer, offset: number): void {
    target.writeUInt32BE(HEADER_LENGTH + this.data.length, offset);
    const o = offset + 4;
    target[o] = (this.sessionId >>> 8) & 0xff;
    target[o + 1] = this.sessionId & 0xff;
    target[o + 2] = this.byte2;
    target[o + 3] = this.byte3;
    target[o + 4] = this.pType;
    target[o + 5] = this.sType;
    target.writeUInt32BE(this.system >>> 0, o + 6);
    if (this.data.length > 0) copyBytes(this.data, target, offset + 4 + HEADER_LENGTH);
  }

  /** Decodes one whole frame (with its 4-byte length). The text is kept as a view, not copied. */
  static decode(frame: Buffer): HsmsPacket {
    if (frame.length < 4 + HEADER_LENGTH) {
      throw new HsmsFrameLengthMismatchError(`HSMS frame needs at least ${4 + HEADER_LENGTH} bytes, got ${frame.length}`);
    }
    const length = frame.readUInt32BE(0);
    if (length !== frame.length - 4) {
      throw new HsmsFrameLengthMismatchError(`HSMS frame length field says ${length}, but ${frame.length - 4} bytes follow it`);
    }
    return new HsmsPacket(HsmsHeader.decode(frame, 4), frame.subarray(4 + HEADER_LENGTH));
  }

  toString(): string {
    const text = this.data.length > 0 ? `, data: ${this.data.length} bytes` : '';
    return `header: ${this.header.toString()}${text}`;
  }
}

function control(byte2: number, byte3: number, sType: SType, system: number): HsmsPacket {
  return new HsmsPacket(new HsmsHeader(CONTROL_SESSION_ID, byte2 & 0xff, byte3 & 0xff, PTYPE_SECS2, sType, system >>> 0));
}
