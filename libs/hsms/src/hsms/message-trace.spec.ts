import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, WAIT_MS } from '../../../../test/support/hsms-test-kit.js';
import { HsmsSendQueueFullError } from '../connections/connection-errors.js';
import { HsmsOptionError } from '../connections/hsms-options.js';
import { resolveTraceOptions } from '../connections/trace-options.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { SType } from '../protocol/hsms/s-type.js';
import { B, L, U1, U4 } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { dataPacket, isSf, secsWithRawPeer } from '../secs/testing/secs-test-kit.js';

// Issue 11, finding 1: the verbose trace costs what its options allow, whatever the peer sends.

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const verbose = (trace: object = {}) => ({ connection: { logLevel: 'verbose' as const, trace } });

describe('message trace caps', () => {
  it('does not decode a 16 MiB body: one line of bounded size names its size and root item', async () => {
    const { peer, logger } = await secsWithRawPeer(cleanup, verbose());
    const n = 16 * 1024 * 1024 - 10 - 4; // the largest body under the default maxMessageLength
    const body = Buffer.alloc(n + 4, 1);
    body[0] = 0xa7; // U1, 3 length bytes
    body.writeUIntBE(n, 1, 3);
    peer.send(dataPacket(64, 1, true, 7, body));
    await peer.waitFor(isSf(64, 0), WAIT_MS * 4); // answered (S9F3 + S64F0: nobody handles S64)
    const traced = logger.find('verbose', /^received S64F1 W/);
    expect(traced).toHaveLength(1);
    expect(traced[0]!.message).toContain(
      `body of ${n + 4} bytes not decoded for the trace (over trace.maxBodyBytes 65536): root <U1 [${n} bytes] ...>`,
    );
    expect(traced[0]!.message.length).toBeLessThan(400);
    const total = logger.lines.reduce((sum, line) => sum + line.message.length, 0);
    expect(total).toBeLessThan(64 * 1024); // nothing else printed it either
  }, 30_000);

  it('prints a decodable body with at most maxValues values per item and maxChars characters', async () => {
    const { peer, logger } = await secsWithRawPeer(cleanup, verbose({ maxValues: 3, maxChars: 300 }));
    const rows = Array.from({ length: 50 }, (_, i) => L(U4(i), U1(Array.from({ length: 100 }, () => 5))));
    peer.send(dataPacket(64, 1, false, 8, L.of(rows)));
    peer.send(HsmsPacket.linktestReq(9));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    const line = logger.find('verbose', /^received S64F1/)[0]!.message;
    expect(line).toContain('<U1 [100] 5 5 5 ... 97 more>');
    expect(line).toContain('\n  ... 47 more\n>');
    const sml = line.slice(line.indexOf('\n') + 1);
    expect(sml.length).toBeLessThanOrEqual(300);
    peer.send(dataPacket(64, 1, false, 10, L.of(Array.from({ length: 500 }, (_, i) => U4(i)))));
    peer.send(HsmsPacket.linktestReq(11));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === 11);
    const cut = logger.find('verbose', /^received S64F1/)[1]!.message;
    expect(cut).toContain('... 497 more');
    const big = dataPacket(64, 1, false, 12, L.of(Array.from({ length: 3 }, () => U1(Array.from({ length: 3000 }, () => 9)))));
    peer.send(big);
    peer.send(HsmsPacket.linktestReq(13));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === 13);
    const capped = logger.find('verbose', /^received S64F1/)[2]!.message;
    expect(capped.length).toBeLessThan(400);
  });

  it('writes at most perSecond lines per second and counts the rest', async () => {
    const { peer, logger } = await secsWithRawPeer(cleanup, verbose({ perSecond: 5 }));
    const before = logger.find('verbose', /^(received|sent) /).length; // the select
    for (let i = 0; i < 20; i++) peer.send(HsmsPacket.linktestReq(100 + i));
    for (let i = 0; i < 20; i++) await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === 100 + i);
    await expect.poll(() => logger.find('verbose', /left out/).length, { timeout: WAIT_MS }).toBeGreaterThan(0);
    const traced = logger.find('verbose', /^(received|sent) /).length - before;
    const dropped = logger.find('verbose', /left out/).reduce((sum, l) => sum + Number(/^(\d+) message trace/.exec(l.message)![1]), 0);
    expect(traced + dropped).toBe(40); // 20 Linktest.req in, 20 Linktest.rsp out: each either traced or counted
    expect(traced).toBeLessThanOrEqual(3 * 5); // a few one-second windows at most, 5 each
    expect(dropped).toBeGreaterThan(0);
  });

  it("traces 'sent' only for what the connection accepted", async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup, {
      connection: { logLevel: 'verbose', maxQueuedBytes: 1024 * 1024, trace: { maxBodyBytes: 0, perSecond: 1_000_000 } },
    });
    peer.socket.pause(); // stops reading: the queue fills
    const message = new SecsMessage(64, 1, false, B(new Uint8Array(64 * 1024)));
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 2000 && refused < 5; i++) {
      try {
        handler.sendStreamFunction(message);
        accepted++;
      } catch (error) {
        expect(error).toBeInstanceOf(HsmsSendQueueFullError);
        refused++;
      }
    }
    expect(refused).toBe(5);
    expect(logger.find('verbose', /^sent S64F1/)).toHaveLength(accepted);
  });

  it('validates the options, naming the bad one', () => {
    expect(() => resolveTraceOptions({ maxChars: 10 })).toThrow(HsmsOptionError);
    expect(() => resolveTraceOptions({ perSecond: 0 })).toThrow(/trace\.perSecond/);
    expect(resolveTraceOptions(undefined)).toEqual({ maxValues: 32, maxChars: 8192, maxBodyBytes: 65536, perSecond: 100 });
  });
});
