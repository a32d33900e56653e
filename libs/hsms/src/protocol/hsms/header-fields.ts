import { SType } from './s-type.js';

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
