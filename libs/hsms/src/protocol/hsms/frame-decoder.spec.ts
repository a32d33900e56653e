import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder.js';
import { FrameDecoderFailedError, FrameTooLongError, FrameTooShortError } from './frame-errors.js';
import { HsmsHeader } from './hsms-header.js';
import { HsmsPacket } from './hsms-packet.js';
import { HsmsOptionError } from '../hsms-error.js';

const packetArbitrary: fc.Arbitrary<HsmsPacket> = fc
  .record({
    sessionId: fc.integer({ min: 0, max: 0xffff }),
    byte2: fc.integer({ min: 0, max: 0xff }),
    byte3: fc.integer({ min: 0, max: 0xff }),
    pType: fc.integer({ min: 0, max: 0xff }),
    sType: fc.integer({ min: 0, max: 0xff }),
    system: fc.integer({ min: 0, max: 0xffffffff }),
    // Mostly small texts; now and then one above 64 KiB, which takes the chunk-view path.
    data: fc.oneof(
      { weight: 9, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      { weight: 1, arbitrary: fc.integer({ min: 65 * 1024, max: 70 * 1024 }).map(patterned) },
    ),
  })
  .map((r) => new HsmsPacket(new HsmsHeader(r.sessionId, r.byte2, r.byte3, r.pType, r.sType, r.system), Buffer.from(r.data)));

function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

function wire(packets: readonly HsmsPacket[]): Buffer {
  return Buffer.concat(packets.map((p) => p.encode()));
}

/** Cuts `bytes` at the given positions (sorted, deduplicated by the caller's arbitrary). */
function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    // Copies, so each chunk is a fresh buffer as socket chunks are.
    if (p > start) chunks.push(Buffer.from(bytes.subarray(start, p)));
    start = p;
  }
  return chunks;
}

function expectSamePackets(actual: readonly HsmsPacket[], expected: readonly HsmsPacket[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((p, i) => {
    expect(p.header.equals(expected[i]!.header)).toBe(true);
    expect(p.data.equals(expected[i]!.data)).toBe(true);
  });
}

function lengthField(length: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(length >>> 0);
  return b;
}

describe('FrameDecoder', () => {
  it('yields the same packets for any chunking of any sequence of frames', () => {
    fc.assert(
      fc.property(fc.array(packetArbitrary, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 40 }), (packets, cuts) => {
        const decoder = new FrameDecoder();
        const out = split(wire(packets), cuts).flatMap((chunk) => decoder.push(chunk));
        expectSamePackets(out, packets);
        expect(decoder.partial).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('yields the same packets from borrowed chunks overwritten right after each push (an onread buffer)', () => {
    fc.assert(
      fc.property(fc.array(packetArbitrary, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 40 }), (packets, cuts) => {
        const decoder = new FrameDecoder();
        const reused = Buffer.alloc(80 * 1024);
        const out: HsmsPacket[] = [];
        for (const chunk of split(wire(packets), cuts)) {
          // one read buffer, as onread gives: each chunk lands in it, and the next read overwrites it
          for (let at = 0; at < chunk.length; at += reused.length) {
            const length = chunk.copy(reused, 0, at, Math.min(chunk.length, at + reused.length));
            decoder.pushEach(reused.subarray(0, length), (p) => out.push(p), undefined, true);
            reused.fill(0xee);
          }
        }
        expectSamePackets(out, packets);
        expect(decoder.partial).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every text intact across many receive pools, read only after all later chunks were decoded', () => {
    const sent = Array.from({ length: 3000 }, (_, i) =>
      HsmsPacket.dataMessage(1, 6, 11, false, i, Buffer.alloc(i % 7 === 0 ? 4096 + (i % 50) : 1 + ((i * 131) % 3000), i & 0xff)),
    );
    const decoder = new FrameDecoder();
    const reused = Buffer.alloc(64 * 1024);
    const out: HsmsPacket[] = [];
    const bytes = wire(sent);
    for (let at = 0; at < bytes.length; at += reused.length) {
      const length = bytes.copy(reused, 0, at, Math.min(bytes.length, at + reused.length));
      decoder.pushEach(reused.subarray(0, length), (p) => out.push(p), undefined, true);
      reused.fill(0xee); // the next read overwrites the borrowed buffer
    }
    expect(out).toHaveLength(3000);
    for (const [i, packet] of out.entries()) {
      expect(packet.textLength).toBe(sent[i]!.data.length);
      expect(packet.data.equals(sent[i]!.data)).toBe(true); // the first read of data, long after its chunk
      expect(packet.encode().equals(sent[i]!.encode())).toBe(true);
    }
  });

  it('yields the same packets when fed one byte at a time', () => {
    const packets = [
      HsmsPacket.selectReq(1),
      HsmsPacket.dataMessage(7, 1, 1, true, 2, Buffer.from([1, 2, 3])),
      HsmsPacket.linktestRsp(0xffffffff),
    ];
    const decoder = new FrameDecoder();
    const bytes = wire(packets);
    const out: HsmsPacket[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...decoder.push(bytes.subarray(i, i + 1)));
    expectSamePackets(out, packets);
  });

  it('assembles a 70 KiB frame fed one byte at a time', () => {
    const packet = HsmsPacket.dataMessage(1, 6, 11, false, 9, Buffer.from(patterned(70 * 1024)));
    const bytes = packet.encode();
    const decoder = new FrameDecoder();
    const out: HsmsPacket[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...decoder.push(bytes.subarray(i, i + 1)));
    expectSamePackets(out, [packet]);
  });

  it.each([64 * 1024, 4 * 1024])('completes a 16 MiB frame fed in %i-byte chunks in linear time', (chunkSize) => {
    const text = Buffer.from(patterned(16 * 1024 * 1024 - 10));
    const bytes = HsmsPacket.dataMessage(0, 6, 3, false, 5, text).encode();
    const decoder = new FrameDecoder();
    const started = performance.now();
    const out: HsmsPacket[] = [];
    for (let at = 0; at < bytes.length; at += chunkSize) out.push(...decoder.push(bytes.subarray(at, at + chunkSize)));
    const elapsed = performance.now() - started;
    expect(out).toHaveLength(1);
    expect(out[0]!.data.equals(text)).toBe(true);
    // One copy of 16 MiB takes milliseconds, leaving room for a loaded machine; a concat per chunk
    // would copy 2 GiB (64 KiB chunks) or 32 GiB (4 KiB chunks: seconds even on a fast machine).
    expect(elapsed).toBeLessThan(1500);
  });

  it('tells a partially received frame from a boundary between frames', () => {
    const decoder = new FrameDecoder();
    const bytes = HsmsPacket.linktestReq(3).encode();
    expect(decoder.partial).toBe(false);
    decoder.push(bytes.subarray(0, 2));
    expect(decoder.partial).toBe(true);
    expect(decoder.bufferedBytes).toBe(2);
    decoder.push(bytes.subarray(2, 9));
    expect(decoder.partial).toBe(true);
    expect(decoder.bufferedBytes).toBe(9);
    expect(decoder.push(bytes.subarray(9))).toHaveLength(1);
    expect(decoder.partial).toBe(false);
  });

  it('gives each frame its own copy, independent of the chunk it came in', () => {
    const chunk = wire([
      HsmsPacket.dataMessage(1, 1, 1, false, 1, Buffer.from([9, 9])),
      HsmsPacket.dataMessage(1, 1, 3, false, 2, Buffer.from([8])),
    ]);
    const [first, second] = new FrameDecoder().push(chunk);
    chunk.fill(0);
    expect([...first!.data]).toEqual([9, 9]);
    expect([...second!.data]).toEqual([8]);
  });

  it('throws FrameTooShortError naming a length of 4', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.concat([lengthField(4), Buffer.alloc(4)]))).toThrow(new FrameTooShortError(4));
    expect(() => decoder.push(Buffer.alloc(4))).toThrow(/length 4/);
  });

  it('throws FrameTooLongError at the length field, before the frame body arrives', () => {
    const decoder = new FrameDecoder({ maxMessageLength: 1000 });
    decoder.push(lengthField(1001).subarray(0, 3));
    let thrown: unknown;
    try {
      decoder.push(lengthField(1001).subarray(3));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FrameTooLongError);
    expect((thrown as FrameTooLongError).length).toBe(1001);
    expect((thrown as Error).message).toContain('1001');
  });

  it('with onOversize, reports the header of a frame over the maximum, drops its text and decodes the next frame', () => {
    const decoder = new FrameDecoder({ maxMessageLength: 1024 });
    const big = HsmsPacket.dataMessage(7, 6, 11, true, 0x01020304, Buffer.from(patterned(5000)));
    const next = HsmsPacket.dataMessage(7, 1, 1, true, 5, Buffer.from([1, 0]));
    const oversize: Array<[HsmsHeader, number]> = [];
    const packets: HsmsPacket[] = [];
    decoder.pushEach(
      wire([big, next]),
      (p) => packets.push(p),
      (header, length) => oversize.push([header, length]),
    );
    expect(oversize).toHaveLength(1);
    expect(oversize[0]![0].equals(big.header)).toBe(true);
    expect(oversize[0]![1]).toBe(5010);
    expectSamePackets(packets, [next]);
    expect(decoder.partial).toBe(false);
    expect(decoder.failed).toBe(false);
  });

  it('with onOversize, gives the same result for any chunking of an oversize frame between normal ones', () => {
    const before = HsmsPacket.linktestReq(1);
    const big = HsmsPacket.dataMessage(0, 7, 3, false, 2, Buffer.from(patterned(3000)));
    const after = HsmsPacket.dataMessage(0, 1, 13, true, 3, Buffer.from([1, 0]));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (cuts) => {
        const decoder = new FrameDecoder({ maxMessageLength: 100 });
        const headers: HsmsHeader[] = [];
        const packets: HsmsPacket[] = [];
        for (const chunk of split(wire([before, big, after]), cuts))
          decoder.pushEach(
            chunk,
            (p) => packets.push(p),
            (h) => headers.push(h),
          );
        expect(headers.map((h) => h.system)).toEqual([2]);
        expectSamePackets(packets, [before, after]);
        expect(decoder.partial).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('with onOversize, counts a dropped frame as partial until its last byte (so T8 still runs) and holds none of its text', () => {
    const decoder = new FrameDecoder({ maxMessageLength: 100 });
    const bytes = HsmsPacket.dataMessage(0, 7, 3, false, 2, Buffer.alloc(500)).encode();
    let told = 0;
    decoder.pushEach(
      bytes.subarray(0, 300),
      () => undefined,
      () => told++,
    );
    expect(told).toBe(1);
    expect(decoder.partial).toBe(true);
    expect(decoder.bufferedBytes).toBe(300);
    decoder.pushEach(
      bytes.subarray(300),
      () => undefined,
      () => told++,
    );
    expect(told).toBe(1);
    expect(decoder.partial).toBe(false);
  });

  it('with onOversize, still throws FrameTooShortError for a length below 10', () => {
    const decoder = new FrameDecoder({ maxMessageLength: 100 });
    expect(() =>
      decoder.pushEach(
        Buffer.concat([lengthField(9), Buffer.alloc(9)]),
        () => undefined,
        () => undefined,
      ),
    ).toThrow(FrameTooShortError);
  });

  it('refuses a 4 GiB length field with the default maximum without allocating it', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(lengthField(0xffffffff))).toThrow(/4294967295 exceeds the maximum message length 16777216/);
  });

  it('is unusable after an error', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(lengthField(3))).toThrow(FrameTooShortError);
    expect(decoder.failed).toBe(true);
    expect(() => decoder.push(HsmsPacket.selectReq(1).encode())).toThrow(FrameDecoderFailedError);
  });

  it('delivers the packets before a malformed frame of the same chunk through pushEach', () => {
    const decoder = new FrameDecoder();
    const got: HsmsPacket[] = [];
    const chunk = Buffer.concat([HsmsPacket.separateReq(4).encode(), lengthField(2)]);
    expect(() => decoder.pushEach(chunk, (p) => got.push(p))).toThrow(FrameTooShortError);
    expect(got.map((p) => p.system)).toEqual([4]);
  });

  it('refuses a maxMessageLength below the header size', () => {
    expect(() => new FrameDecoder({ maxMessageLength: 9 })).toThrow(HsmsOptionError);
    expect(() => new FrameDecoder({ maxMessageLength: 9 })).toThrow(/got 9/);
  });

  it('ends random bytes and mutated frames in packets or a named error, never anything else', () => {
    const named = (e: unknown) => e instanceof FrameTooShortError || e instanceof FrameTooLongError;
    const mutated = fc
      .tuple(fc.array(packetArbitrary, { maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }))
      .map(([packets, edits]) => {
        const bytes = wire(packets);
        for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
          mutated,
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bytes, cuts) => {
          const decoder = new FrameDecoder({ maxMessageLength: 100_000 });
          try {
            for (const chunk of split(bytes, cuts)) decoder.push(chunk);
          } catch (error) {
            expect(named(error)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
