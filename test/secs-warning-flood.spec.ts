// A peer that floods us with messages that each deserve a warning (a Reject.req for nothing open,
// S9 reports) must not flood the log as well: the handler writes at most 20 such lines per 10 s
// and counts the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { B, HsmsHeader, HsmsPacket, RejectReason } from '../libs/hsms/src/core.js';
import { dataPacket, secsWithRawPeer } from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup, packetsBeforeLinktest } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('warnings caused by peer input', () => {
  it('writes at most 20 lines for 300 Reject.req and S9 messages from one peer', async () => {
    const { peer, logger } = await secsWithRawPeer(cleanup);
    for (let i = 0; i < 150; i++) {
      peer.send(HsmsPacket.rejectReq(HsmsHeader.data(0, 1, 1, true, 0x1000 + i), RejectReason.EntityNotSelected));
      peer.send(dataPacket(9, 5, false, 0x2000 + i, B(...HsmsHeader.data(0, 1, 1, true, 0x3000 + i).encode())));
    }
    await packetsBeforeLinktest(peer);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings.length).toBe(20);
    expect(warnings.some((l) => /Reject\.req reason 4/.test(l.message))).toBe(true);
  });
});
