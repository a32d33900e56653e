import { SType } from './s-type.js';

/** E37 frame: a 4-byte length field (header + text), then the 10-byte header, then the text. */
export const LENGTH_FIELD_LENGTH = 4;
export const HEADER_FIELDS_LENGTH = 10;
/** A frame's bytes before its text. */
export const FRAME_HEAD_LENGTH = LENGTH_FIELD_LENGTH + HEADER_FIELDS_LENGTH;

/**
 * Writes E37's 10 header bytes at `offset` of `target`: session id (2), byte 2, byte 3, PType,
 * SType, system bytes (4), all big-endian. Byte by byte: no bounds-checked DataView-style call per
 * field. HsmsHeader, HsmsPacket and the connection's frame writer all write headers through this.
 */
export function writeHeaderFields(
  target: Uint8Array,
  offset: number,
  sessionId: number,
  byte2: number,
  byte3: number,
  pType: number,
  sType: number,
  system: number,
): void {
  target[offset] = (sessionId >>> 8) & 0xff;
  target[offset + 1] = sessionId & 0xff;
  target[offset + 2] = byte2;
  target[offset + 3] = byte3;
  target[offset + 4] = pType;
  target[offset + 5] = sType;
  target[offset + 6] = system >>> 24;
  target[offset + 7] = (system >>> 16) & 0xff;
  target[offset + 8] = (system >>> 8) & 0xff;
  target[offset + 9] = system & 0xff;
}

/** The W-bit of a data message (byte 2's top bit); never set for a control message. */
export function wBitOf(sType: number, byte2: number): boolean {
  return sType === SType.DataMessage && (byte2 & 0x80) !== 0;
}

/** Writes a frame's length field (for a text of `textLength` bytes) and header at `offset`: its first FRAME_HEAD_LENGTH bytes. */
export function writeFrameHead(
  target: Uint8Array,
  offset: number,
  textLength: number,
  sessionId: number,
  byte2: number,
  byte3: number,
  pType: number,
  sType: number,
  system: number,
): void {
  const length = HEADER_FIELDS_LENGTH + textLength;
  target[offset] = length >>> 24;
  target[offset + 1] = (length >>> 16) & 0xff;
  target[offset + 2] = (length >>> 8) & 0xff;
  target[offset + 3] = length & 0xff;
  writeHeaderFields(target, offset + LENGTH_FIELD_LENGTH, sessionId, byte2, byte3, pType, sType, system);
}
