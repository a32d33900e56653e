import { SecsItemValueError, SecsLoneSurrogateError } from '../errors.js';
import { C2Encoding } from './item-format.js';

/**
 * JIS-8 is JIS X 0201: 0x00..0x7F as ASCII (we keep 0x5C and 0x7E as '\' and '~', as SECS tools
 * do, rather than the yen sign and overline) and 0xA1..0xDF as half-width katakana U+FF61..U+FF9F.
 * The bytes JIS X 0201 leaves undefined (0x80..0xA0, 0xE0..0xFF; equipment puts Shift_JIS lead
 * bytes there) are kept as the Latin-1 characters of the same code, so every J item received
 * decodes and re-encodes byte for byte, as A does.
 */
export function encodeJis8(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xa0 || (c >= 0xe0 && c <= 0xff)) out[i] = c;
    else if (c >= 0xff61 && c <= 0xff9f) out[i] = c - 0xff61 + 0xa1;
    else throw new SecsItemValueError(`J value has character U+${c.toString(16).padStart(4, '0')} at ${i}, outside JIS X 0201`);
  }
  return out;
}

/** Decodes JIS-8 bytes (see encodeJis8 for the bytes JIS X 0201 leaves undefined). */
export function decodeJis8(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!hasKatakana(buf)) return buf.toString('latin1'); // every other byte is its own Latin-1 character
  const units = Buffer.allocUnsafe(buf.length * 2); // UTF-16LE code units, built in one pass
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    const c = b >= 0xa1 && b <= 0xdf ? b - 0xa1 + 0xff61 : b;
    units[2 * i] = c & 0xff;
    units[2 * i + 1] = c >>> 8;
  }
  return units.toString('utf16le');
}

function hasKatakana(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0xa1 && bytes[i]! <= 0xdf) return true;
  return false;
}

/** WHATWG names for the E5 localized encodings that Node's TextDecoder (full ICU) can read. */
const DECODER_LABEL: Readonly<Record<number, string>> = {
  5: 'windows-874', // TIS 620 (Thai)
  7: 'shift_jis',
  8: 'euc-jp',
  9: 'euc-kr',
  10: 'gb2312',
  11: 'big5',
};

export function encodeC2Text(encoding: number, text: string): Buffer {
  switch (encoding) {
    case C2Encoding.UCS2: {
      refuseLoneSurrogates(text);
      const le = Buffer.from(text, 'utf16le');
      return le.swap16(); // E5 UCS-2 is big-endian
    }
    case C2Encoding.UTF8:
      refuseLoneSurrogates(text);
      return Buffer.from(text, 'utf8');
    case C2Encoding.ASCII:
    case C2Encoding.LATIN1:
      for (let i = 0; i < text.length; i++) {
        const limit = encoding === C2Encoding.ASCII ? 0x7f : 0xff;
        if (text.charCodeAt(i) > limit) {
          throw new SecsItemValueError(`C2 encoding ${encoding} cannot hold U+${text.charCodeAt(i).toString(16).padStart(4, '0')} at ${i}`);
        }
      }
      return Buffer.from(text, 'latin1');
    default:
      throw new SecsItemValueError(
        `C2 encoding ${encoding} cannot be written from text here; build the item from bytes with new SecsLocalized(code, bytes)`,
      );
  }
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no 'u' flag: per code unit). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws SecsLoneSurrogateError for the first unpaired surrogate (Buffer.from would write U+FFFD). */
function refuseLoneSurrogates(text: string): void {
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) throw new SecsLoneSurrogateError(lone.index, text.charCodeAt(lone.index));
}

export function decodeC2Text(encoding: number, bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  switch (encoding) {
    case C2Encoding.UCS2: {
      if (buf.length % 2 !== 0) throw new SecsItemValueError(`C2 UCS-2 text has an odd byte count ${buf.length}`);
      return Buffer.from(buf).swap16().toString('utf16le');
    }
    case C2Encoding.UTF8:
      return buf.toString('utf8');
    case C2Encoding.ASCII:
    case C2Encoding.LATIN1:
      return buf.toString('latin1');
    default: {
      const label = DECODER_LABEL[encoding];
      if (!label) throw new SecsItemValueError(`C2 encoding ${encoding} is not one this library can decode`);
      return new TextDecoder(label).decode(buf);
    }
  }
}
