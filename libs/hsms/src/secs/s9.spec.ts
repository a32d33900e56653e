import { describe, expect, it } from 'vitest';
import { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { encodeItem } from '../protocol/items/item-encoder.js';
import { A, B } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { isS9HeaderFunction, readS9Header, s9CodeName, S9Function, s9Message } from './s9.js';

const header = HsmsHeader.data(0x0102, 6, 11, true, 0xa0b0c0d0);

describe('S9 messages', () => {
  it('builds S9Fx as W-bit clear with the 10 header bytes as <B[10]>', () => {
    const message = s9Message(S9Function.IllegalData, header);
    expect([message.stream, message.function, message.wBit]).toEqual([9, 7, false]);
    expect([...message.encodeBody()]).toEqual([0x21, 0x0a, 0x01, 0x02, 0x86, 0x0b, 0x00, 0x00, 0xa0, 0xb0, 0xc0, 0xd0]);
  });

  it('reads the header back from a received S9 body', () => {
    const received = SecsMessage.fromEncoded(9, 5, false, encodeItem(B(header.encode())));
    expect(readS9Header(received)?.equals(header)).toBe(true);
  });

  it.each([
    ['a B of 9 bytes', encodeItem(B(new Uint8Array(9)))],
    ['an A item', encodeItem(A('0123456789'))],
    ['a body that does not decode', Buffer.from([0x21, 0x0a, 1])],
    ['no body', Buffer.alloc(0)],
  ])('reads no header from %s', (_name, bytes) => {
    expect(readS9Header(SecsMessage.fromEncoded(9, 1, false, bytes))).toBeUndefined();
  });

  it('names the codes E5 defines and says S9F<n> for others', () => {
    expect([s9CodeName(1), s9CodeName(3), s9CodeName(11), s9CodeName(15)]).toEqual([
      'UnrecognizedDeviceId',
      'UnrecognizedStream',
      'DataTooLong',
      'S9F15',
    ]);
    expect([1, 3, 5, 7, 9, 11].every(isS9HeaderFunction)).toBe(true);
    expect([0, 2, 13, '7', undefined].some(isS9HeaderFunction)).toBe(false);
  });
});
