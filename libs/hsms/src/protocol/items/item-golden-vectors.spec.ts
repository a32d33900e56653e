import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeItem } from './item-decoder.js';
import { encodeItem } from './item-encoder.js';
import { A, B, BOOLEAN, F4, F8, I1, I2, I4, I8, J, L, U1, U2, U4, U8, type SecsItem } from './secs-item.js';

// Bytes produced by an independent implementation (secsgem, Python), kept in the repository with
// their provenance (test/fixtures/vectors/README.md) so a fresh clone's `npm test` needs nothing beside it.

interface ItemDescription {
  type: string;
  value: unknown;
}
interface ItemVector {
  name: string;
  item: ItemDescription;
  hex: string;
}

const vectorsPath = fileURLToPath(new URL('../../../../../test/fixtures/vectors/secsgem-vectors.json', import.meta.url));
const vectors = (JSON.parse(readFileSync(vectorsPath, 'utf8')) as { items: ItemVector[] }).items;

/** The item a vector describes (see the file's "format" field): I8/U8 values are decimal strings. */
function build(desc: ItemDescription): SecsItem {
  const v = desc.value;
  const numbers = () => v as number[];
  const bigints = () => (v as string[]).map((s) => BigInt(s));
  switch (desc.type) {
    case 'L':
      return L(...(v as ItemDescription[]).map(build));
    case 'A':
      return A(v as string);
    case 'J':
      return J(v as string);
    case 'B':
      return B(numbers());
    case 'BOOLEAN':
      return BOOLEAN(v as boolean[]);
    case 'I1':
      return I1(numbers());
    case 'I2':
      return I2(numbers());
    case 'I4':
      return I4(numbers());
    case 'I8':
      return I8(bigints());
    case 'U1':
      return U1(numbers());
    case 'U2':
      return U2(numbers());
    case 'U4':
      return U4(numbers());
    case 'U8':
      return U8(bigints());
    case 'F4':
      return F4(numbers());
    case 'F8':
      return F8(numbers());
    default:
      throw new Error(`vector item type ${desc.type} has no builder here`);
  }
}

describe('golden item vectors (secsgem)', () => {
  it('loads a non-empty vector list', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: encodes to the vector bytes', (_name, vector) => {
    expect(encodeItem(build(vector.item)).toString('hex')).toBe(vector.hex);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: decodes the vector bytes to the described item', (_name, vector) => {
    const decoded = decodeItem(Buffer.from(vector.hex, 'hex'));
    expect(decoded.equals(build(vector.item)), decoded.toSml()).toBe(true);
  });
});
