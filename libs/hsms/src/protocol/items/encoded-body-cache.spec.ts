import { describe, expect, it } from 'vitest';
import { SecsMessage } from '../secs-message.js';
import { CACHED_ENCODING_MAX_BYTES, encodeBodyOnce } from './encoded-body-cache.js';
import { encodeItem } from './item-encoder.js';
import { A, B, L, U4 } from './secs-item.js';

describe('encodeBodyOnce', () => {
  it('returns the bytes encodeItem gives', () => {
    const body = L(A('MDLN'), A('SOFTREV'), U4(1, 2, 3));
    expect(encodeBodyOnce(body).equals(encodeItem(body))).toBe(true);
  });

  it('encodes a small item once: the same item gives the same buffer again', () => {
    const body = L(A('MDLN'), A('SOFTREV'));
    const first = encodeBodyOnce(body);
    expect(encodeBodyOnce(body)).toBe(first);
    // an equal but distinct item is encoded on its own
    const twin = L(A('MDLN'), A('SOFTREV'));
    expect(encodeBodyOnce(twin)).not.toBe(first);
    expect(encodeBodyOnce(twin).equals(first)).toBe(true);
  });

  it('does not keep the encoding of an item over the size limit', () => {
    const big = B(Buffer.alloc(CACHED_ENCODING_MAX_BYTES + 1, 7));
    const first = encodeBodyOnce(big);
    const second = encodeBodyOnce(big);
    expect(second).not.toBe(first);
    expect(second.equals(first)).toBe(true);
  });

  it('lets replies built from one constant body share its bytes', () => {
    const body = L(A('MDLN'), A('SOFTREV'));
    const a = new SecsMessage(1, 2, false, body).encodeBody();
    const b = new SecsMessage(1, 2, false, body).encodeBody();
    expect(b).toBe(a);
    expect(a.toString('hex')).toBe('010241044d444c4e4107534f4654524556');
  });
});
