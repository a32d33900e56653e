import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A, C2, F4, F8, J, SecsLocalized } from '../items/secs-item.js';
import { C2Encoding } from '../items/item-format.js';
import { SecsMessage } from '../secs-message.js';
import { itemArbitrary } from '../testing/item-arbitrary.js';
import { printItemSml } from './sml-item-printer.js';
import { printMessageSml } from './sml-message-printer.js';
import { parseSml, parseSmlItem } from './sml-message-parser.js';

describe('SML round trip (property)', () => {
  it('parses printed items back to equal items, and prints them again to the same text', () => {
    fc.assert(
      fc.property(itemArbitrary, fc.integer({ min: 0, max: 3 }), (item, indent) => {
        const text = printItemSml(item, indent);
        const parsed = parseSmlItem(text);
        expect(parsed.equals(item), text).toBe(true);
        expect(printItemSml(parsed, indent)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('parses printed messages back to the same header and body', () => {
    const message = fc.record({
      stream: fc.integer({ min: 0, max: 127 }),
      fn: fc.integer({ min: 0, max: 255 }),
      wBit: fc.boolean(),
      body: fc.option(itemArbitrary, { nil: undefined }),
    });
    fc.assert(
      fc.property(message, ({ stream, fn, wBit, body }) => {
        const text = printMessageSml(new SecsMessage(stream, fn, wBit, body));
        const parsed = parseSml(text);
        expect({ stream: parsed.stream, function: parsed.function, wBit: parsed.wBit }).toEqual({ stream, function: fn, wBit });
        if (body === undefined) expect(parsed.body).toBeUndefined();
        else expect(parsed.body?.equals(body), text).toBe(true);
        expect(printMessageSml(parsed)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips C2 bytes of any encoding code, as text or as bytes', () => {
    const c2 = fc.record({
      encoding: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 0xffff })),
      bytes: fc.uint8Array({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(c2, ({ encoding, bytes }) => {
        const item = new SecsLocalized(encoding, bytes);
        const text = printItemSml(item);
        expect(parseSmlItem(text).equals(item), text).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips every float bit pattern that a number can hold, F4 and F8', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double(), { maxLength: 4 }),
        fc.array(fc.float({ noDefaultInfinity: false }), { maxLength: 4 }),
        (doubles, floats) => {
          for (const item of [F8(doubles), F4(floats)]) {
            const text = printItemSml(item);
            expect(parseSmlItem(text).equals(item), text).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips text dense in quotes, backslashes and escape letters', () => {
    // Random text rarely puts a backslash before an escape letter; this alphabet does it often.
    const tricky = fc.string({ unit: fc.constantFrom(...'"\'\\nrtxu0{}<>[]/. aZ\x00\x7f\r\n'.split('')), maxLength: 16 });
    fc.assert(
      fc.property(tricky, (text) => {
        for (const item of [A(text), J(text), C2(text), C2(text, C2Encoding.UCS2)]) {
          const sml = printItemSml(item);
          expect(parseSmlItem(sml).equals(item), sml).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
