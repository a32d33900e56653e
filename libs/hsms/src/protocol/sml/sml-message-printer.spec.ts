import { describe, expect, it } from 'vitest';
import { A, B, L, U1 } from '../items/secs-item.js';
import { SecsMessage } from '../secs-message.js';
import { printMessageSml } from './sml-message-printer.js';

describe('printMessageSml', () => {
  it('prints the header with W, the body at indent 0 and a closing dot line', () => {
    const message = new SecsMessage(1, 13, true, L(A('tsgem'), A('1.0.0')));
    expect(printMessageSml(message)).toBe('S1F13 W\n<L [2]\n  <A "tsgem">\n  <A "1.0.0">\n>\n.');
  });

  it('prints a message without a body as the header and the dot on two lines', () => {
    expect(printMessageSml(new SecsMessage(1, 1, true))).toBe('S1F1 W\n.');
  });

  it('leaves out W when the W-bit is clear', () => {
    expect(printMessageSml(new SecsMessage(1, 14, false, U1(0)))).toBe('S1F14\n<U1 [1] 0>\n.');
  });

  it('is what message.toSml() returns, caps included', () => {
    const message = new SecsMessage(6, 11, true, B(1, 2, 3));
    expect(message.toSml()).toBe(printMessageSml(message));
    expect(message.toSml({ maxValues: 1 })).toBe('S6F11 W\n<B [3] 0x01 ... 2 more>\n.');
  });

  it('prints a body that does not decode as a comment instead of throwing', () => {
    // 0x41 0x05: an A item announcing 5 bytes with none following.
    const message = SecsMessage.fromEncoded(1, 3, true, Buffer.from([0x41, 0x05]));
    const text = printMessageSml(message);
    expect(text).toMatch(/^S1F3 W\n\/\/ body of 2 bytes does not decode: .+\n\.$/);
  });

  it('prints a 16 MiB B body in full in linear time', () => {
    const size = 16 * 1024 * 1024 - 16;
    const bytes = new Uint8Array(size).map((_, i) => i & 0xff);
    const started = performance.now();
    const text = printMessageSml(new SecsMessage(6, 11, false, B(bytes)));
    const elapsed = performance.now() - started;
    expect(text.length).toBe(`S6F11\n<B [${size}] `.length + 5 * size - 1 + '>\n.'.length);
    expect(text.slice(0, 40)).toBe(`S6F11\n<B [${size}] 0x00 0x01 0x02 0x03 0x`.slice(0, 40));
    expect(text.endsWith('0xEF>\n.')).toBe(true);
    // Linear is well under a second here; quadratic (string building per byte) takes minutes.
    expect(elapsed).toBeLessThan(5000);
  });
});
