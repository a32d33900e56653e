// Messages longer than maxMessageLength (E5 S9F11): the connection drops their text unread and
// stays up; the SecsHandler answers. Real sockets on loopback, maxMessageLength 1024.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { A, B, HsmsPacket, HsmsState, RejectReason, SecsMessage, SecsReplyTooLongError, SType } from '../libs/hsms/src/core.js';
import { dataPacket, expectAbort, expectS9, isSf, nextSecsEvent, secsWithRawPeer } from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup, packetsBeforeLinktest } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const SMALL = { maxMessageLength: 1024 };
const BIG_BODY = B(Buffer.alloc(5000, 0x5a));

describe('a message over maxMessageLength', () => {
  it('gets S9F11 with its header and SxF0 on the equipment side, and the link stays SELECTED for the next message', async () => {
    const { handler, peer, logger } = await secsWithRawPeer(cleanup, { connection: SMALL });
    handler.registerStreamFunction(1, 1, () => A('next'));
    const big = dataPacket(6, 11, true, 0x6110, BIG_BODY);
    const sent = nextSecsEvent(handler, 's9Sent');
    peer.send(big);
    expectS9(await peer.waitFor(isSf(9, 11)), 11, big.header);
    expectAbort(await peer.waitFor(isSf(6, 0)), big.header);
    const [fn, header] = await sent;
    expect([fn, header.system]).toEqual([11, 0x6110]);
    expect(logger.find('warn', /dropped S6F11 W .*5013 bytes, over maxMessageLength 1024/)).toHaveLength(1);
    peer.send(dataPacket(1, 1, true, 0x11));
    const reply = await peer.waitFor(isSf(1, 2));
    expect(reply.system).toBe(0x11);
    expect(handler.state).toBe(HsmsState.Selected);
    expect(handler.connection.connected).toBe(true);
  });

  it('gets S9F11 only when the W-bit is clear, even when it arrives in small pieces', async () => {
    const { peer } = await secsWithRawPeer(cleanup, { connection: SMALL });
    const big = dataPacket(6, 11, false, 0x6111, BIG_BODY);
    const bytes = big.encode();
    for (let at = 0; at < bytes.length; at += 700) peer.sendRaw(bytes.subarray(at, at + 700));
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectS9(answers[0]!, 11, big.header);
  });

  it('gets SxF0 only on the host side, with a warning', async () => {
    const { peer, logger } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: SMALL });
    const big = dataPacket(5, 1, true, 0x501, BIG_BODY);
    peer.send(big);
    const answers = await packetsBeforeLinktest(peer);
    expect(answers).toHaveLength(1);
    expectAbort(answers[0]!, big.header);
    expect(logger.find('warn', /dropped S5F1 W/)).toHaveLength(1);
  });

  it('fails our pending request at once with SecsReplyTooLongError when it is the reply', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: { ...SMALL, t3: 10 } });
    const reply = handler.sendAndWaitForResponse(new SecsMessage(7, 5, true, A('recipe'))).catch((e: unknown) => e);
    const request = await peer.waitFor(isSf(7, 5));
    const answeredAt = performance.now();
    peer.send(dataPacket(7, 6, false, request.system, BIG_BODY));
    const error = await reply;
    expect(performance.now() - answeredAt).toBeLessThan(3000);
    expect(error).toBeInstanceOf(SecsReplyTooLongError);
    expect(error).toMatchObject({ length: 5013, maxMessageLength: 1024, request: { system: request.system } });
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('is never answered with S9F11 when it is itself an S9 message', async () => {
    const { peer } = await secsWithRawPeer(cleanup, { connection: SMALL });
    peer.send(dataPacket(9, 13, false, 0x913, BIG_BODY));
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
  });

  it('gets Reject.req reason 4 when it arrives while NOT SELECTED, and the connection stays', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { connection: SMALL });
    peer.send(HsmsPacket.deselectReq(0x31));
    await peer.waitFor((p) => p.sType === SType.DeselectRsp);
    const big = dataPacket(6, 11, true, 0x6112, BIG_BODY);
    peer.send(big);
    const reject = await peer.waitFor((p) => p.sType === SType.RejectReq);
    expect([reject.system, reject.header.byte3]).toEqual([0x6112, RejectReason.EntityNotSelected]);
    expect(handler.state).toBe(HsmsState.NotSelected);
    expect(handler.connection.connected).toBe(true);
  });
});
