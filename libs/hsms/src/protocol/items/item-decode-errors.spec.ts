import { describe, expect, it } from 'vitest';
import { HsmsProtocolError } from '../errors.js';
import { decodeItem, type ItemDecodeLimits } from './item-decoder.js';
import {
  SecsDecodeError,
  SecsElementSizeError,
  SecsEmptyInputError,
  SecsLocalizedTooShortError,
  SecsMaxBytesExceededError,
  SecsMaxDepthExceededError,
  SecsMaxItemsExceededError,
  SecsTrailingBytesError,
  SecsTruncatedItemError,
  SecsUnknownFormatError,
  SecsZeroLengthBytesError,
} from './item-decode-errors.js';
import { HsmsOptionError } from '../hsms-error.js';

type ErrorClass = new (...args: never[]) => SecsDecodeError;

/** Decodes `hex` (spaces ignored) and returns what it threw; fails the test if it threw nothing. */
function decodeError(hex: string, limits?: ItemDecodeLimits): unknown {
  try {
    decodeItem(Buffer.from(hex.replace(/ /g, ''), 'hex'), limits);
  } catch (error) {
    return error;
  }
  throw new Error(`decodeItem accepted ${hex}`);
}

// [what, bytes (hex), limits, error class, offset]. Offsets point at the format byte of the
// offending item, or at the first byte that should not be there.
const cases: Array<[string, string, ItemDecodeLimits | undefined, ErrorClass, number]> = [
  ['empty input', '', undefined, SecsEmptyInputError, 0],
  ['A whose 5 data bytes run past the end', '41 05 41 42', undefined, SecsTruncatedItemError, 0],
  ['A whose 2 length bytes are cut after the first', '42 01', undefined, SecsTruncatedItemError, 0],
  ['B whose 3 length bytes are cut after two', '23 00 00', undefined, SecsTruncatedItemError, 0],
  ['a format byte alone', '41', undefined, SecsTruncatedItemError, 0],
  ['the second child of a list cut inside its data', '01 02 41 01 41 41 05 41', undefined, SecsTruncatedItemError, 5],
  ['a list missing its last element', '01 02 41 02 41 41', undefined, SecsTruncatedItemError, 6],
  ['a list of 3 elements with 2 bytes left', '01 03 21 00', undefined, SecsTruncatedItemError, 0],
  ['a list declaring 0xFFFFFF elements', '03 ff ff ff 01 00', undefined, SecsTruncatedItemError, 0],
  ['U2 of 3 bytes', 'a9 03 00 01 02', undefined, SecsElementSizeError, 0],
  ['U4 of 2 bytes inside a list', '01 01 b1 02 00 01', undefined, SecsElementSizeError, 2],
  ['F8 of 4 bytes', '81 04 00 00 00 00', undefined, SecsElementSizeError, 0],
  ['C2 of 1 byte', '49 01 00', undefined, SecsLocalizedTooShortError, 0],
  ['C2 of 0 bytes', '49 00', undefined, SecsLocalizedTooShortError, 0],
  ['one byte after the root B', '21 01 05 ff', undefined, SecsTrailingBytesError, 3],
  ['a second root item after an empty list', '01 00 01 00', undefined, SecsTrailingBytesError, 2],
  ['unknown format code 0o01', '05 00', undefined, SecsUnknownFormatError, 0],
  ['unknown format code 0o77 inside a list', '01 01 fd 00', undefined, SecsUnknownFormatError, 2],
  ['A format byte with 0 length bytes', '40', undefined, SecsZeroLengthBytesError, 0],
  ['B format byte with 0 length bytes inside a list', '01 01 20 00', undefined, SecsZeroLengthBytesError, 2],
  ['a third nested list with maxDepth 2', '01 01 01 01 01 00', { maxDepth: 2 }, SecsMaxDepthExceededError, 4],
  ['65 nested lists with the default maxDepth 64', `${'01 01 '.repeat(64)}01 00`, undefined, SecsMaxDepthExceededError, 128],
  ['a fourth item with maxItems 3', '01 03 a5 01 01 a5 01 02 a5 01 03', { maxItems: 3 }, SecsMaxItemsExceededError, 8],
  ['5 bytes with maxBytes 4', '41 03 41 42 43', { maxBytes: 4 }, SecsMaxBytesExceededError, 4],
];

describe('decodeItem errors', () => {
  it.each(cases)('refuses %s (%s) with the named error at its offset', (_what, hex, limits, errorClass, offset) => {
    const error = decodeError(hex, limits);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(SecsDecodeError);
    expect(error).toBeInstanceOf(HsmsProtocolError);
    const decodeFailure = error as SecsDecodeError;
    expect(decodeFailure.offset).toBe(offset);
    expect(decodeFailure.name).toBe(errorClass.name);
    expect(decodeFailure.message).toContain(`offset ${offset}`);
  });

  it('states the needed and available byte counts of a truncated item', () => {
    const error = decodeError('41 05 41 42') as SecsTruncatedItemError;
    expect([error.needed, error.available]).toEqual([7, 4]);
    expect(error.message).toMatch(/needs 7 bytes but only 4 remain/);
  });

  it('states the byte count and element size of a misaligned numeric item', () => {
    const error = decodeError('a9 03 00 01 02') as SecsElementSizeError;
    expect([error.byteCount, error.elementSize]).toEqual([3, 2]);
    expect(error.message).toMatch(/3 bytes .* 2-byte element/);
  });

  it('names the unknown format byte in hex and its code in octal', () => {
    expect((decodeError('05 00') as Error).message).toMatch(/0x05 .* 0o01/);
  });

  it('accepts exactly maxDepth nested lists, maxItems items and maxBytes bytes', () => {
    expect(decodeItem(Buffer.from(`${'0101'.repeat(63)}0100`, 'hex')).length).toBe(1);
    expect(decodeItem(Buffer.from('01010100', 'hex'), { maxDepth: 2 }).length).toBe(1);
    expect(decodeItem(Buffer.from('0102a50101a50102', 'hex'), { maxItems: 3 }).length).toBe(2);
    expect(decodeItem(Buffer.from('41024142', 'hex'), { maxBytes: 4 }).length).toBe(2);
  });

  it.each([
    ['maxDepth', { maxDepth: 0 }],
    ['maxItems', { maxItems: -1 }],
    ['maxBytes', { maxBytes: 1.5 }],
  ])('refuses a %s that is not a positive integer with HsmsOptionError naming it', (name, limits) => {
    const error = decodeError('0100', limits);
    expect(error).toBeInstanceOf(HsmsOptionError);
    expect((error as Error).message).toContain(name);
  });

  it('refuses a list declaring 0xFFFFFF elements at once, without growing it', () => {
    // 16M slots would take seconds and ~128 MiB; the count check refuses in microseconds.
    const started = performance.now();
    expect(decodeError(`03 ff ff ff${' 01 00'.repeat(1000)}`)).toBeInstanceOf(SecsTruncatedItemError);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
