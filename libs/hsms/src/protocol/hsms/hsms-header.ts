import { HsmsProtocolError } from '../errors.js';
import { HEADER_FIELDS_LENGTH, wBitOf, writeHeaderFields } from './header-fields.js';
import { PTYPE_SECS2, SType } from './s-type.js';

export const HEADER_LENGTH = HEADER_FIELDS_LENGTH;

/** A 10-byte header was expected but fewer bytes were given. */
export class HsmsHeaderLengthError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_HEADER_LENGTH';
}

/**
 * The 10-byte HSMS message header (E37): session id, byte 2, byte 3, PType, SType, system bytes.
 * For data messages byte 2 is W-bit | stream and byte 3 the function; for control messages they
 * carry statuses and reasons (see s-type.ts).
 */
export class HsmsHeader {
  constructor(
    readonly sessionId: number,
    readonly byte2: number,
    readonly byte3: number,
    readonly pType: number,
    readonly sType: number,
    readonly system: number,
  ) {}

  /** A data message header; `wBit` asks for a reply. */
  static data(sessionId: number, stream: number, fn: number, wBit: boolean, system: number): HsmsHeader {
    return new HsmsHeader(sessionId, (wBit ? 0x80 : 0) | (stream & 0x7f), fn & 0xff, PTYPE_SECS2, SType.DataMessage, system >>> 0);
  }

  static decode(bytes: Uint8Array, offset = 0): HsmsHeader {
    if (bytes.length - offset < HEADER_LENGTH) {
      throw new HsmsHeaderLengthError(`HSMS header needs ${HEADER_LENGTH} bytes, got ${bytes.length - offset}`);
    }
    const b = bytes;
    const o = offset;
    return new HsmsHeader(
      (b[o]! << 8) | b[o + 1]!,
      b[o + 2]!,
      b[o + 3]!,
      b[o + 4]!,
      b[o + 5]!,
      ((b[o + 6]! << 24) | (b[o + 7]! << 16) | (b[o + 8]! << 8) | b[o + 9]!) >>> 0,
    );
  }

  /** Writes the 10 bytes at `offset` of `target`. */
  encodeInto(target: Uint8Array, offset = 0): void {
    writeHeaderFields(target, offset, this.sessionId, this.byte2, this.byte3, this.pType, this.sType, this.system);
  }

  encode(): Buffer {
    const out = Buffer.allocUnsafe(HEADER_LENGTH);
    this.encodeInto(out);
    return out;
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

  get isDataMessage(): boolean {
    return this.sType === SType.DataMessage;
  }

  equals(other: HsmsHeader): boolean {
    return (
      this.sessionId === other.sessionId &&
      this.byte2 === other.byte2 &&
      this.byte3 === other.byte3 &&
      this.pType === other.pType &&
      this.sType === other.sType &&
      this.system === other.system
    );
  }

  toString(): string {
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    const dec = (n: number) => n.toString().padStart(2, '0');
    return (
      `{sessionID:0x${hex(this.sessionId, 4)}, stream:${dec(this.stream)}, function:${dec(this.function)}, ` +
      `pType:0x${hex(this.pType, 2)}, sType:0x${hex(this.sType, 2)}, system:0x${hex(this.system, 8)}, ` +
      `requireResponse:${this.requireResponse ? 1 : 0}}`
    );
  }
}
