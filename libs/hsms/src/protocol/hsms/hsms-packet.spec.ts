import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HsmsHeader } from './hsms-header.js';
import { HsmsPacket } from './hsms-packet.js';

describe('HsmsPacket', () => {
  it('reads header bytes into the same fields and header HsmsHeader.decode gives, for any 10 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.integer({ min: 0, max: 5 }), (bytes, pad) => {
        const framed = new Uint8Array(pad + 10);
        framed.set(bytes, pad);
        const packet = HsmsPacket.fromHeaderBytes(framed, pad, Buffer.alloc(0));
        const decoded = HsmsHeader.decode(framed, pad);
        expect(packet.header.equals(decoded)).toBe(true);
        expect([packet.sessionId, packet.byte2, packet.byte3, packet.pType, packet.sType, packet.system]).toEqual([
          decoded.sessionId,
          decoded.byte2,
          decoded.byte3,
          decoded.pType,
          decoded.sType,
          decoded.system,
        ]);
        expect([packet.stream, packet.function, packet.requireResponse]).toEqual([
          decoded.stream,
          decoded.function,
          decoded.requireResponse,
        ]);
      }),
    );
  });

  it('makes the header of a received packet once, and keeps the one it was built with', () => {
    const received = HsmsPacket.fromHeaderBytes(HsmsHeader.data(3, 1, 1, true, 0x01020304).encode(), 0, Buffer.alloc(0));
    const another = HsmsPacket.fromHeaderBytes(HsmsHeader.data(4, 2, 2, false, 9).encode(), 0, Buffer.alloc(0));
    expect(received.header).toBe(received.header);
    expect(received.system).toBe(0x01020304); // not overwritten by the next frame read through the same scratch fields
    expect(another.system).toBe(9);
    const header = HsmsHeader.data(0, 6, 11, true, 77);
    expect(new HsmsPacket(header).header).toBe(header);
  });

  it('encodes from its fields the frame decode reads back', () => {
    const packet = HsmsPacket.dataMessage(5, 6, 11, true, 0xfffffffe, Buffer.from([0x01, 0x00]));
    const again = HsmsPacket.decode(packet.encode());
    expect(again.header.equals(packet.header)).toBe(true);
    expect(again.data.equals(packet.data)).toBe(true);
  });
});
