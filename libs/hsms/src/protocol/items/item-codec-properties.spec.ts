import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemArbitrary } from '../testing/item-arbitrary.js';
import { SecsDecodeError } from './item-decode-errors.js';
import { decodeItem } from './item-decoder.js';
import { encodedItemSize, encodeItem } from './item-encoder.js';
import type { SecsItem } from './secs-item.js';

/** decodeItem's outcome: the item, or the SecsDecodeError it threw. Any other exception propagates and fails the property. */
function tryDecode(bytes: Uint8Array): SecsItem | SecsDecodeError {
  try {
    return decodeItem(bytes);
  } catch (error) {
    if (error instanceof SecsDecodeError) return error;
    throw error;
  }
}

/** A decoded item re-encodes (minimally) to bytes that decode to an equal item. */
function expectStable(item: SecsItem): void {
  expect(decodeItem(encodeItem(item)).equals(item)).toBe(true);
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + (m.kind === 'insert' ? 1 : 0));
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[at] = out[at]! ^ (1 << m.bit);
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.of(m.byte), bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

describe('item codec properties', () => {
  it('decode(encode(x)) equals x for random item trees', () => {
    fc.assert(
      fc.property(itemArbitrary, (item) => {
        expect(decodeItem(encodeItem(item)).equals(item)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('encodedItemSize equals the length of the encoding', () => {
    fc.assert(
      fc.property(itemArbitrary, (item) => {
        expect(encodedItemSize(item)).toBe(encodeItem(item).length);
      }),
      { numRuns: 500 },
    );
  });

  it('random bytes decode to an item or a SecsDecodeError, and decoded items re-encode stably', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const outcome = tryDecode(bytes);
        if (!(outcome instanceof SecsDecodeError)) expectStable(outcome);
      }),
      { numRuns: 2000 },
    );
  });

  it('random bytes that start like a list decode to an item or a SecsDecodeError', () => {
    // A plain random byte is rarely a list header; this reaches the list and nesting paths.
    const listy = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => {
      for (let i = 0; i < b.length; i += 2) b[i] = b[i]! & 0x03; // format code 0: L with 0..3 length bytes
      return b;
    });
    fc.assert(
      fc.property(listy, fc.uint8Array({ maxLength: 32 }), (head, tail) => {
        const outcome = tryDecode(Buffer.concat([head, tail]));
        if (!(outcome instanceof SecsDecodeError)) expectStable(outcome);
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated valid encodings (flip, insert, delete, truncate) decode to an item or a SecsDecodeError', () => {
    fc.assert(
      fc.property(itemArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (item, mutations) => {
        const bytes = mutations.reduce(mutate, encodeItem(item));
        const outcome = tryDecode(bytes);
        if (outcome instanceof SecsDecodeError) {
          expect(outcome.offset).toBeGreaterThanOrEqual(0);
          expect(outcome.offset).toBeLessThanOrEqual(bytes.length);
        } else {
          expectStable(outcome);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
