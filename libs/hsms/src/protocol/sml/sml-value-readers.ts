import {
  BIGINT_RANGE,
  type BigIntItemType,
  C2Encoding,
  type FloatItemType,
  INTEGER_RANGE,
  type IntegerItemType,
  MAX_ITEM_LENGTH,
  type SecsItemType,
} from '../items/item-format.js';
import { A, B, BOOLEAN, F4, F8, I1, I2, I4, I8, J, SecsList, SecsLocalized, U1, U2, U4, U8, type SecsItem } from '../items/secs-item.js';
import { decodeJis8, encodeC2Text, encodeJis8 } from '../items/text-codecs.js';
import { SmlByteSink } from './sml-byte-sink.js';
import { readFloatLiteral, readIntegerLiteral } from './sml-number-literal.js';
import type { SmlScanner } from './sml-scanner.js';

/**
 * Collects the values between `<TYPE ...` and `>` for one item type and builds the item. Each
 * reader checks a value where it stands, so an error points at the value (line and column), not
 * at the item. `build` goes through the item builders, which check again.
 */
export interface SmlValueReader {
  /** The current token is a word: a number, T/F, a character code ... */
  word(scanner: SmlScanner): void;
  /** The current token is a quoted string. */
  string(scanner: SmlScanner): void;
  /** A child item (lists only; the parser refuses '<' inside other types before calling this). */
  child(item: SecsItem): void;
  build(): SecsItem;
}

/** The reader for one item of `type`; `encoding` is C2's encoding code. */
export function createValueReader(type: SecsItemType, encoding: number): SmlValueReader {
  switch (type) {
    case 'L':
      return new ListReader();
    case 'B':
      return new BinaryReader();
    case 'BOOLEAN':
      return new BooleanReader();
    case 'A':
    case 'J':
    case 'C2':
      return new TextReader(type, encoding);
    case 'I8':
    case 'U8':
      return new BigIntReader(type);
    case 'F4':
    case 'F8':
      return new FloatReader(type);
    default:
      return new IntegerReader(type);
  }
}

/** A word of '...' comes from a capped print (SmlPrintOptions): the values it stands for are gone. */
function refuseElision(scanner: SmlScanner): void {
  if (scanner.source.startsWith('...', scanner.start)) {
    throw scanner.error(`'...' marks values left out by a capped print (maxValues/maxLength); such text cannot be parsed`);
  }
}

function checkRoom(scanner: SmlScanner, type: SecsItemType, bytes: number): void {
  if (bytes > MAX_ITEM_LENGTH) throw scanner.error(`${type} item exceeds the E5 maximum of ${MAX_ITEM_LENGTH} bytes here`);
}

class ListReader implements SmlValueReader {
  private readonly children: SecsItem[] = [];
  word(scanner: SmlScanner): void {
    refuseElision(scanner);
    throw scanner.error(`an L holds items only: expected '<' or '>', found ${scanner.describe()}`);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`an L holds items only: expected '<' or '>', found ${scanner.describe()}`);
  }
  child(item: SecsItem): void {
    this.children.push(item);
  }
  build(): SecsItem {
    // The constructor, not L(...children): spreading a list of 200,000 children overflows the stack.
    return new SecsList(this.children);
  }
}

/** Reads a byte value (0..255) in any integer form, or throws naming `what`. */
function readByte(scanner: SmlScanner, what: string): number {
  refuseElision(scanner);
  const value = readIntegerLiteral(scanner.source, scanner.start, scanner.end);
  if (value === undefined) throw scanner.error(`expected ${what} (0..255, e.g. 0x1F), found ${scanner.describe()}`);
  if (typeof value !== 'number' || value < 0 || value > 0xff) throw scanner.error(`${what} ${scanner.describe()} is outside 0..255`);
  return value;
}

class BinaryReader implements SmlValueReader {
  private readonly sink = new SmlByteSink();
  word(scanner: SmlScanner): void {
    const byte = readByte(scanner, 'a B byte');
    checkRoom(scanner, 'B', this.sink.length + 1);
    this.sink.push(byte);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`B takes byte values such as 0x1F, not quoted text`);
  }
  child(): void {}
  build(): SecsItem {
    return B(this.sink.bytes());
  }
}

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['T', true],
  ['TRUE', true],
  ['F', false],
  ['FALSE', false],
]);

class BooleanReader implements SmlValueReader {
  private readonly values: boolean[] = [];
  word(scanner: SmlScanner): void {
    refuseElision(scanner);
    let value = scanner.end - scanner.start <= 5 ? BOOLEAN_WORDS.get(scanner.raw.toUpperCase()) : undefined;
    if (value === undefined) {
      // E5: a BOOLEAN byte is false when 0 and true otherwise, so 0..255 are all accepted.
      const byte = readIntegerLiteral(scanner.source, scanner.start, scanner.end);
      if (typeof byte !== 'number' || byte < 0 || byte > 0xff) {
        throw scanner.error(`expected a BOOLEAN value (T, F, true, false, 1, 0), found ${scanner.describe()}`);
      }
      value = byte !== 0;
    }
    checkRoom(scanner, 'BOOLEAN', this.values.length + 1);
    this.values.push(value);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`BOOLEAN takes T or F, not quoted text`);
  }
  child(): void {}
  build(): SecsItem {
    return BOOLEAN(this.values);
  }
}

/**
 * A, J and C2 all collect bytes: quoted strings are encoded with the item's character set, and bare
 * numbers are bytes as they go on the wire (`<A "abc" 0x0D 0x0A>`; in J, 0xB1 is half-width 'ｱ').
 */
class TextReader implements SmlValueReader {
  private readonly sink = new SmlByteSink();
  constructor(
    private readonly type: 'A' | 'J' | 'C2',
    private readonly encoding: number,
  ) {}

  word(scanner: SmlScanner): void {
    const byte = readByte(scanner, `a ${this.type} character code`);
    this.checkRoomFor(scanner, 1);
    this.sink.push(byte);
  }

  string(scanner: SmlScanner): void {
    const bytes = this.encode(scanner);
    this.checkRoomFor(scanner, bytes.length);
    this.sink.append(bytes);
  }

  child(): void {}

  build(): SecsItem {
    const bytes = this.sink.bytes();
    if (this.type === 'A') return A(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'));
    if (this.type === 'J') return J(decodeJis8(bytes));
    return new SecsLocalized(this.encoding, bytes.slice());
  }

  private checkRoomFor(scanner: SmlScanner, extra: number): void {
    checkRoom(scanner, this.type, this.sink.length + extra + (this.type === 'C2' ? 2 : 0));
  }

  private encode(scanner: SmlScanner): Uint8Array {
    const text = scanner.text;
    if (this.type === 'A') {
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0xff) {
          const code = text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
          throw scanner.error(`A text holds U+${code}, outside 0x00..0xFF; use C2 for wider text`);
        }
      }
      return Buffer.from(text, 'latin1');
    }
    try {
      return this.type === 'J' ? encodeJis8(text) : encodeC2Text(this.encoding, text);
    } catch (error) {
      throw scanner.error(error instanceof Error ? error.message : String(error));
    }
  }
}

const INTEGER_BUILDERS = { I1, I2, I4, U1, U2, U4 } as const;
const ELEMENT_BYTES: Readonly<Record<IntegerItemType, number>> = { I1: 1, I2: 2, I4: 4, U1: 1, U2: 2, U4: 4 };

class IntegerReader implements SmlValueReader {
  private readonly values: number[] = [];
  constructor(private readonly type: IntegerItemType) {}
  word(scanner: SmlScanner): void {
    refuseElision(scanner);
    const value = readIntegerLiteral(scanner.source, scanner.start, scanner.end);
    const [min, max] = INTEGER_RANGE[this.type];
    if (value === undefined) throw scanner.error(`expected an integer for ${this.type}, found ${scanner.describe()}`);
    if (typeof value !== 'number' || value < min || value > max) {
      throw scanner.error(`${this.type} value ${scanner.describe()} is outside ${min}..${max}`);
    }
    checkRoom(scanner, this.type, (this.values.length + 1) * ELEMENT_BYTES[this.type]);
    this.values.push(value);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`${this.type} takes numbers, not quoted text`);
  }
  child(): void {}
  build(): SecsItem {
    return INTEGER_BUILDERS[this.type](this.values);
  }
}

class BigIntReader implements SmlValueReader {
  private readonly values: bigint[] = [];
  constructor(private readonly type: BigIntItemType) {}
  word(scanner: SmlScanner): void {
    refuseElision(scanner);
    const value = readIntegerLiteral(scanner.source, scanner.start, scanner.end);
    if (value === undefined) throw scanner.error(`expected an integer for ${this.type}, found ${scanner.describe()}`);
    const big = BigInt(value);
    const [min, max] = BIGINT_RANGE[this.type];
    if (big < min || big > max) throw scanner.error(`${this.type} value ${scanner.describe()} is outside ${min}..${max}`);
    checkRoom(scanner, this.type, (this.values.length + 1) * 8);
    this.values.push(big);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`${this.type} takes numbers, not quoted text`);
  }
  child(): void {}
  build(): SecsItem {
    return this.type === 'I8' ? I8(this.values) : U8(this.values);
  }
}

class FloatReader implements SmlValueReader {
  private readonly values: number[] = [];
  constructor(private readonly type: FloatItemType) {}
  word(scanner: SmlScanner): void {
    refuseElision(scanner);
    const value = readFloatLiteral(scanner.raw);
    if (value === undefined) throw scanner.error(`expected a number for ${this.type}, found ${scanner.describe()}`);
    // A finite literal that overflows the format is refused rather than silently made infinite.
    const stored = this.type === 'F4' ? Math.fround(value) : value;
    if (!Number.isFinite(stored) && !Number.isNaN(stored) && !/inf/i.test(scanner.raw)) {
      throw scanner.error(`${this.type} value ${scanner.describe()} is outside the ${this.type === 'F4' ? 'float32' : 'float64'} range`);
    }
    checkRoom(scanner, this.type, (this.values.length + 1) * (this.type === 'F4' ? 4 : 8));
    this.values.push(value);
  }
  string(scanner: SmlScanner): void {
    throw scanner.error(`${this.type} takes numbers, not quoted text`);
  }
  child(): void {}
  build(): SecsItem {
    return this.type === 'F4' ? F4(this.values) : F8(this.values);
  }
}

/** The encoding a C2 item has when SML names none. */
export const DEFAULT_C2_ENCODING = C2Encoding.UTF8;
