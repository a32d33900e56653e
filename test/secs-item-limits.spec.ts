// The item decoding limits of the options (maxItemDepth, maxItemCount) apply to every received
// body: a body past them is illegal data (S9F7 on the equipment side), never decoded whole.
import { afterEach, describe, expect, it } from 'vitest';
import { L, U1 } from '../libs/hsms/src/core.js';
import { dataPacket, expectS9, isSf, secsWithRawPeer } from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('item decoding limits from the options', () => {
  it('answers S9F7 for a body nested deeper than maxItemDepth, and accepts one within it', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { connection: { maxItemDepth: 2 } });
    handler.registerStreamFunction(64, 1, () => L());
    const tooDeep = dataPacket(64, 1, true, 0x101, L(L(L(U1(1)))));
    peer.send(tooDeep);
    expectS9(await peer.waitFor(isSf(9, 7)), 7, tooDeep.header);
    peer.send(dataPacket(64, 1, true, 0x102, L(L(U1(1)))));
    const reply = await peer.waitFor(isSf(64, 2));
    expect(reply.header.system).toBe(0x102);
  });

  it('answers S9F7 for a body with more items than maxItemCount', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { connection: { maxItemCount: 10 } });
    handler.registerStreamFunction(64, 1, () => L());
    const tooMany = dataPacket(64, 1, true, 0x201, L(...Array.from({ length: 20 }, (_, i) => U1(i))));
    peer.send(tooMany);
    expectS9(await peer.waitFor(isSf(9, 7)), 7, tooMany.header);
  });
});
