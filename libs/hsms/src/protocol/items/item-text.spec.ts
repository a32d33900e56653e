import { describe, expect, it } from 'vitest';
import { SecsItemValueError } from '../errors.js';
import { decodeItem } from './item-decoder.js';
import { encodeItem } from './item-encoder.js';
import { C2Encoding } from './item-format.js';
import { A, C2, J, type SecsLocalized, type SecsText } from './secs-item.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex');

describe('C2 localized text', () => {
  it.each([
    ['UTF-8', '日本語', C2Encoding.UTF8, '49 0b 0002 e697a5 e69cac e8aa9e'],
    ['UTF-8', 'Grüße', C2Encoding.UTF8, '49 09 0002 4772 c3bc c39f 65'],
    ['UCS-2', '日本語', C2Encoding.UCS2, '49 08 0001 65e5 672c 8a9e'],
    ['UCS-2', 'Grüße', C2Encoding.UCS2, '49 0c 0001 0047 0072 00fc 00df 0065'],
  ])('%s %s encodes to its encoding code and text bytes, and decodes back to the same text', (_name, text, encoding, hex) => {
    const encoded = encodeItem(C2(text, encoding));
    expect(encoded.toString('hex')).toBe(hex.replace(/ /g, ''));
    const decoded = decodeItem(encoded) as SecsLocalized;
    expect(decoded.type).toBe('C2');
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.value).toBe(text);
  });

  it('keeps the bytes of an encoding it cannot decode (Shift_JIS 0x0007 is decoded lazily)', () => {
    const decoded = decodeItem(bytes('49 04 0007 82a0')) as SecsLocalized; // 'あ' in Shift_JIS
    expect(decoded.encoding).toBe(7);
    expect(encodeItem(decoded).toString('hex')).toBe('4904000782a0');
  });

  it('decodes a UCS-2 C2 of odd byte count, and refuses it only when its text is read', () => {
    const decoded = decodeItem(bytes('49 03 0001 41')) as SecsLocalized;
    expect(decoded.bytes.length).toBe(1);
    expect(() => decoded.value).toThrow(SecsItemValueError);
  });
});

describe('J (JIS-8) text', () => {
  it('encodes half-width katakana at 0xA1..0xDF and decodes them back', () => {
    const text = 'ｶﾞｲﾄﾞ ABC｡ﾟ'; // U+FF76 U+FF9E U+FF72 U+FF84 U+FF9E, ASCII, U+FF61 U+FF9F
    const encoded = encodeItem(J(text));
    expect(encoded.toString('hex')).toBe('450bb6deb2c4de20414243a1df');
    expect((decodeItem(encoded) as SecsText).value).toBe(text);
  });

  it('keeps bytes JIS X 0201 leaves undefined (Shift_JIS lead bytes) through decode and re-encode', () => {
    const received = bytes('45 05 82 a0 a1 e0 ff'); // 0xA1 is katakana U+FF61, the others undefined
    const decoded = decodeItem(received) as SecsText;
    expect(decoded.value).toBe('\u0082\u00a0\uff61\u00e0\u00ff');
    expect(encodeItem(decoded).equals(received)).toBe(true);
  });

  it('refuses characters outside JIS-8, naming the code point', () => {
    expect(() => J('日')).toThrow(SecsItemValueError);
    expect(() => J('日')).toThrow('U+65e5');
  });
});

describe('A text', () => {
  it('keeps every byte 0x00..0xFF through decode and re-encode (Latin-1)', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const received = Buffer.concat([bytes('42 0100'), all]);
    const decoded = decodeItem(received) as SecsText;
    expect(decoded.value.length).toBe(256);
    expect(decoded.value.charCodeAt(0xe9)).toBe(0xe9);
    expect(encodeItem(decoded).equals(received)).toBe(true);
  });

  it('reads short and long A values alike', () => {
    for (const text of ['', 'x', 'MDLN-Ä', 'é'.repeat(31), 'é'.repeat(32), 'ü'.repeat(1000)]) {
      expect((decodeItem(encodeItem(A(text))) as SecsText).value).toBe(text);
    }
  });
});
