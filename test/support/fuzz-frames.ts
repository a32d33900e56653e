// fast-check arbitraries for bad HSMS input, shared by test/fuzz-*.spec.ts and bench/fuzz.ts (no
// vitest here). Three shapes:
// - FrameCase: one frame built from random header fields and a random body, sent whole, with a
//   length field that is too short, too long (over maxMessageLength), or right but cut off;
//   fuzz-oracle.ts says what protocol.md wants back for it.
// - frame sequences: 1-12 complete frames of random fields, sent in random chunks.
// - raw bytes: anything at all, sometimes after a valid Select.req.
import fc from 'fast-check';
import { encodeItem } from '../../libs/hsms/src/protocol/items/item-encoder.js';
import { itemArbitrary } from '../../libs/hsms/src/protocol/testing/item-arbitrary.js';

/** The largest message the fuzzed peers accept; 'huge' lengths are above it. */
export const FUZZ_MAX_MESSAGE_LENGTH = 64 * 1024;

/** System bytes of the fuzz frames stay below this; the barrier Linktest.req uses values above. */
export const FUZZ_SYSTEM_LIMIT = 0xf000_0000;

export interface FuzzHeader {
  sessionId: number;
  byte2: number;
  byte3: number;
  pType: number;
  sType: number;
  system: number;
}

/** How the frame's 4-byte length field relates to its bytes. */
export type LengthMode =
  | { kind: 'exact' } // right: the frame is complete
  | { kind: 'short'; value: number } // 0..9: a protocol error (E37: close)
  | { kind: 'huge'; value: number; bodyBytes: number } // over the maximum: the header and a few bytes follow, then nothing
  | { kind: 'truncated'; keep: number }; // right, but only `keep` bytes of the frame are sent

export interface FrameCase {
  /** Send a valid Select.req first (the frame then meets a SELECTED link). */
  selectFirst: boolean;
  header: FuzzHeader;
  body: Buffer;
  length: LengthMode;
  /** Where the bytes are cut into separate writes (fractions of the byte count). */
  cuts: number[];
}

const byte = fc.integer({ min: 0, max: 255 });

/** Mostly our device id 0, sometimes another. */
const sessionId = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) });
/** Streams and functions near the ones with meaning (S1F1, S6F11, S9, F0) and anywhere else. */
const stream = fc.oneof(fc.constantFrom(1, 2, 6, 9, 64), fc.integer({ min: 0, max: 127 }));
const fn = fc.oneof(fc.constantFrom(0, 1, 2, 3, 11, 12), byte);
const system = fc.integer({ min: 0, max: FUZZ_SYSTEM_LIMIT - 1 });

const dataHeader: fc.Arbitrary<FuzzHeader> = fc
  .record({ sessionId, stream, fn, wBit: fc.boolean(), system })
  .map(({ sessionId: s, stream: st, fn: f, wBit, system: sys }) => ({
    sessionId: s,
    byte2: (wBit ? 0x80 : 0) | st,
    byte3: f,
    pType: 0,
    sType: 0,
    system: sys,
  }));

/** Control messages, wrong PTypes, unknown STypes: every SType and PType byte is fair game. */
const otherHeader: fc.Arbitrary<FuzzHeader> = fc.record({
  sessionId: fc.oneof(fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })),
  byte2: fc.oneof(fc.constant(0), byte),
  byte3: fc.oneof(fc.constant(0), byte),
  pType: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: byte }),
  sType: fc.oneof(fc.integer({ min: 1, max: 11 }), byte), // the E37 control STypes (and 8, 10, 11) half the time
  system,
});

/** Garbage items: valid encodings, valid ones cut short or with a byte changed, random bytes, nothing. */
const body: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  itemArbitrary.map((item) => encodeItem(item)),
  fc.tuple(itemArbitrary, fc.nat(), byte).map(([item, at, value]) => {
    const bytes = Buffer.from(encodeItem(item));
    if (bytes.length > 0) bytes[at % bytes.length] = value;
    return bytes;
  }),
  fc.tuple(itemArbitrary, fc.nat()).map(([item, cut]) => {
    const bytes = encodeItem(item);
    return Buffer.from(bytes.subarray(0, cut % Math.max(1, bytes.length)));
  }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
);

const lengthMode: fc.Arbitrary<LengthMode> = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ kind: 'exact' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map((value) => ({ kind: 'short' as const, value })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ value: fc.integer({ min: FUZZ_MAX_MESSAGE_LENGTH + 1, max: 0xffff_ffff }), bodyBytes: fc.integer({ min: 0, max: 32 }) })
      .map((v) => ({ kind: 'huge' as const, ...v })),
  },
  { weight: 1, arbitrary: fc.nat().map((keep) => ({ kind: 'truncated' as const, keep })) },
);

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 });

export const frameCaseArbitrary: fc.Arbitrary<FrameCase> = fc.record({
  selectFirst: fc.boolean(),
  header: fc.oneof(dataHeader, otherHeader),
  body,
  length: lengthMode,
  cuts,
});

/** The 10 header bytes as sent. */
export function headerBytes(h: FuzzHeader): Buffer {
  const out = Buffer.alloc(10);
  out.writeUInt16BE(h.sessionId, 0);
  out[2] = h.byte2;
  out[3] = h.byte3;
  out[4] = h.pType;
  out[5] = h.sType;
  out.writeUInt32BE(h.system >>> 0, 6);
  return out;
}

/** The bytes a FrameCase puts on the wire (after the optional Select.req). */
export function caseBytes(c: FrameCase): Buffer {
  const header = headerBytes(c.header);
  const whole = Buffer.concat([lengthField(10 + c.body.length), header, c.body]);
  switch (c.length.kind) {
    case 'exact':
      return whole;
    case 'short':
      return Buffer.concat([lengthField(c.length.value), header, c.body]);
    case 'huge':
      return Buffer.concat([lengthField(c.length.value), header, Buffer.alloc(c.length.bodyBytes, 0x5a)]);
    case 'truncated':
      return whole.subarray(0, 1 + (c.length.keep % (whole.length - 1))); // at least 1 byte, never all of it
  }
}

/** Splits `bytes` at the given fractions (sorted, duplicates and empty pieces dropped). */
export function splitAt(bytes: Buffer, fractions: readonly number[]): Buffer[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))]
    .filter((p) => p > 0 && p < bytes.length)
    .sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(bytes.subarray(from, p));
    from = p;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

/** 1-12 complete frames of random fields and bodies, concatenated, with cut points. */
export const frameSequenceArbitrary: fc.Arbitrary<{ selectFirst: boolean; bytes: Buffer; cuts: number[] }> = fc.record({
  selectFirst: fc.boolean(),
  bytes: fc
    .array(fc.tuple(fc.oneof(dataHeader, otherHeader), body), { minLength: 1, maxLength: 12 })
    .map((frames) => Buffer.concat(frames.map(([h, b]) => Buffer.concat([lengthField(10 + b.length), headerBytes(h), b])))),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
});

/** Random bytes, half the time after a valid Select.req, with cut points. */
export const rawBytesArbitrary: fc.Arbitrary<{ selectFirst: boolean; bytes: Buffer; cuts: number[] }> = fc.record({
  selectFirst: fc.boolean(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((b) => Buffer.from(b)),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
});

function lengthField(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}
