import { HsmsProtocolError } from '../errors.js';
import { copyBytes } from './copy-bytes.js';
import { HEADER_LENGTH, HsmsHeader } from './hsms-header.js';
import { CONTROL_SESSION_ID, DeselectStatus, PTYPE_SECS2, RejectReason, SelectStatus, SType } from './s-type.js';

/** A frame's 4-byte length field disagrees with the bytes given to HsmsPacket.decode. */
export class HsmsFrameLengthMismatchError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_LENGTH_MISMATCH';
}

const EMPTY = Buffer.alloc(0);

/**
 * One HSMS message: header plus the undecoded SECS-II text bytes. The text is decoded only when a
 * layer above asks for it (SecsMessage.fromPacket), never just to be printed or routed.
 */
export class HsmsPacket {
  readonly header: HsmsHeader;
  /** SECS-II text (the bytes after the header); empty for control messages and header-only data. */
  readonly data: Buffer;

  constructor(header: HsmsHeader, data: Buffer = EMPTY) {
    this.header = header;
    this.data = data;
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

  get sType(): number {
    return this.header.sType;
  }
  get system(): number {
    return this.header.system;
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
    this.header.encodeInto(target, offset + 4);
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
