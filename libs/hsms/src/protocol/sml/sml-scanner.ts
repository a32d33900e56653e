import { SmlParseError } from './sml-parse-error.js';

/**
 * Token kinds of SML text:
 *   open '<'   close '>'   bracket '[...]' (a count or an attribute)   string "..." or '...'
 *   word: any other run of characters up to a delimiter (type names, numbers, T/F, S1F1, W, '.')
 *   end: the end of the input
 */
export type SmlTokenKind = 'open' | 'close' | 'bracket' | 'string' | 'word' | 'end';

const TAB = 0x09,
  LF = 0x0a,
  VT = 0x0b,
  FF = 0x0c,
  CR = 0x0d,
  SPACE = 0x20,
  DQUOTE = 0x22,
  SQUOTE = 0x27;
const COMMA = 0x2c,
  SLASH = 0x2f,
  COLON = 0x3a,
  LT = 0x3c,
  GT = 0x3e,
  LBRACKET = 0x5b,
  BACKSLASH = 0x5c;
const RBRACKET = 0x5d,
  NBSP = 0xa0,
  BOM = 0xfeff;

/** Separators between tokens. Commas count as spaces: some tools print `<U4 1, 2>`. */
function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB || c === VT || c === FF || c === COMMA || c === NBSP || c === BOM;
}

function endsWord(c: number): boolean {
  return isSpace(c) || c === LT || c === GT || c === LBRACKET || c === RBRACKET || c === DQUOTE || c === SQUOTE;
}

/** The value of hex digit character `c`, or -1 (NaN past the end of the text gives -1 too). */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** `text` cut to 24 characters and '...' for an error message: one token can be a million digits long. */
export function abbreviate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}...` : text;
}

/**
 * Reads SML text one token at a time. The current token is held in fields rather than in a token
 * object, and values are read in place by offset, so the 16 million values of a big B item cost no
 * garbage per token. Every step moves forward, so scanning any input ends after one pass.
 */
export class SmlScanner {
  private tokenKind: SmlTokenKind = 'end';
  /** Offsets of the current token in `source`: [start, end). */
  start = 0;
  end = 0;
  /** The decoded value of a 'string' token. */
  text = '';
  private position = 0;
  /** Source length of the escape readEscape just read (a field, not a tuple: strings can hold millions). */
  private escapeLength = 0;

  constructor(readonly source: string) {}

  /** The kind of the current token (a method, so checks after next() are not narrowed away by TypeScript). */
  kind(): SmlTokenKind {
    return this.tokenKind;
  }

  /** The source text of the current token; for a bracket, what is between '[' and ']'. */
  get raw(): string {
    return this.tokenKind === 'bracket' ? this.source.slice(this.start + 1, this.end - 1) : this.source.slice(this.start, this.end);
  }

  /** An error at `offset` (default: the current token). */
  error(reason: string, offset = this.start): SmlParseError {
    return SmlParseError.at(this.source, offset, reason);
  }

  /** Describes the current token for error messages: `'>'`, `end of input`, `'"abc"'`. */
  describe(): string {
    if (this.tokenKind === 'end') return 'end of input';
    return `'${abbreviate(this.source.slice(this.start, Math.min(this.end, this.start + 25)))}'`;
  }

  /**
   * Skips a message name before the header, as secs4net prints it (`Are you there?:'S1F1' W`): text
   * on the first line up to a ':' that comes before any '<', quote, bracket or comment.
   */
  skipMessageName(): void {
    this.skipSpaceAndComments();
    const s = this.source;
    for (let i = this.position; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === COLON) {
        this.position = i + 1;
        return;
      }
      if (c === LF || c === CR || c === LT || c === GT || c === DQUOTE || c === SQUOTE || c === LBRACKET) return;
      if (c === SLASH && s.charCodeAt(i + 1) === SLASH) return;
    }
  }

  /** Moves to the next token. */
  next(): void {
    this.skipSpaceAndComments();
    const s = this.source;
    const p = this.position;
    this.start = p;
    if (p >= s.length) {
      this.tokenKind = 'end';
      this.end = p;
      return;
    }
    const c = s.charCodeAt(p);
    if (c === LT || c === GT) {
      this.tokenKind = c === LT ? 'open' : 'close';
      this.end = this.position = p + 1;
    } else if (c === LBRACKET) {
      this.scanBracket();
    } else if (c === RBRACKET) {
      throw this.error(`unexpected ']' without a '[' before it`);
    } else if (c === DQUOTE || c === SQUOTE) {
      this.scanString(c);
    } else {
      this.scanWord();
    }
  }

  private skipSpaceAndComments(): void {
    const s = this.source;
    let p = this.position;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (isSpace(c)) {
        p++;
      } else if (c === SLASH && s.charCodeAt(p + 1) === SLASH) {
        while (p < s.length && s.charCodeAt(p) !== LF && s.charCodeAt(p) !== CR) p++;
      } else {
        break;
      }
    }
    this.position = p;
  }

  private scanWord(): void {
    const s = this.source;
    let p = this.position;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (endsWord(c) || (c === SLASH && s.charCodeAt(p + 1) === SLASH)) break;
      p++;
    }
    this.tokenKind = 'word';
    this.end = this.position = p;
  }

  /** A bracket stays on one line and holds no other token: `[2]`, `[6/1]`, `[encoding=1]`. */
  private scanBracket(): void {
    const s = this.source;
    for (let p = this.start + 1; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c === RBRACKET) {
        this.tokenKind = 'bracket';
        this.end = this.position = p + 1;
        return;
      }
      if (c === LF || c === CR || c === LT || c === GT || c === LBRACKET) break;
    }
    throw this.error(`expected ']' to close this '['`);
  }

  /** A quoted string; the value, with escapes resolved, goes to `text`. Line breaks inside are kept. */
  private scanString(quote: number): void {
    const s = this.source;
    const parts: string[] = []; // joined once at the end: a string with millions of escapes stays linear
    let runStart = this.start + 1;
    let p = runStart;
    for (;;) {
      if (p >= s.length) throw this.error(`unterminated string: expected a closing ${String.fromCharCode(quote)}`);
      const c = s.charCodeAt(p);
      if (c === quote) break;
      if (c !== BACKSLASH) {
        p++;
        continue;
      }
      if (p > runStart) parts.push(s.slice(runStart, p));
      parts.push(this.readEscape(p));
      p += this.escapeLength;
      runStart = p;
    }
    parts.push(s.slice(runStart, p));
    this.text = parts.length === 1 ? parts[0]! : parts.join('');
    this.tokenKind = 'string';
    this.end = this.position = p + 1;
  }

  /**
   * The escape at `at` (a backslash): its value and its length in the source. Escapes: \" \' \\
   * \n \r \t \0 \a \b \f \v, \xHH, \uHHHH, \u{H..H}. A backslash before any other character is
   * kept as written, so Windows paths printed without escaping (`"C:\data"`) still read as typed.
   */
  private readEscape(at: number): string {
    const s = this.source;
    if (at + 1 >= s.length) throw this.error('unterminated string: the input ends after a backslash', at);
    const letter = s[at + 1]!;
    const simple = SIMPLE_ESCAPES[letter];
    this.escapeLength = 2;
    if (simple !== undefined) return simple;
    if (letter === 'x') {
      const high = hexDigit(s.charCodeAt(at + 2));
      const low = hexDigit(s.charCodeAt(at + 3));
      if (high < 0 || low < 0) throw this.error('expected two hex digits after \\x', at);
      this.escapeLength = 4;
      return String.fromCharCode(high * 16 + low);
    }
    if (letter === 'u') return this.readUnicodeEscape(at);
    this.escapeLength = 1; // not an escape: the backslash stands for itself
    return '\\';
  }

  private readUnicodeEscape(at: number): string {
    const s = this.source;
    if (s[at + 2] === '{') {
      const close = s.slice(at + 3, at + 11).indexOf('}');
      const hex = close < 0 ? '' : s.slice(at + 3, at + 3 + close);
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : -1;
      if (code < 0 || code > 0x10ffff) throw this.error('expected a code point of 1 to 6 hex digits, at most 10FFFF, in \\u{...}', at);
      this.escapeLength = hex.length + 4;
      return String.fromCodePoint(code);
    }
    const hex = s.slice(at + 2, at + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error('expected four hex digits after \\u', at);
    this.escapeLength = 6;
    return String.fromCharCode(parseInt(hex, 16));
  }
}
