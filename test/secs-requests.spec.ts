// Our requests answered at the SECS-II level: a received SxF0 or S9Fx naming one of them fails it
// at once with a named error, well before T3. Real sockets on loopback.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { A, B, HsmsHeader, HsmsState, SecsAbortError, SecsAbortReplyError, SecsMessage, SecsStream9Error } from '../libs/hsms/src/core.js';
import { dataPacket, equipmentAndHost, isSf, nextSecsEvent, secsWithRawPeer } from '../libs/hsms/src/secs/testing/secs-test-kit.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** T3 long enough that "at once" is unmistakable on a loaded machine. */
const LONG_T3 = { t3: 10 };

describe('a pending request answered at the SECS-II level', () => {
  it('fails at once with SecsAbortReplyError when the peer answers SxF0, and the link stays SELECTED', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: LONG_T3 });
    const reply = handler.sendAndWaitForResponse(new SecsMessage(2, 41, true, A('START'))).catch((e: unknown) => e);
    const request = await peer.waitFor(isSf(2, 41));
    const answeredAt = performance.now();
    peer.send(dataPacket(2, 0, false, request.system));
    const error = await reply;
    expect(performance.now() - answeredAt).toBeLessThan(3000);
    expect(error).toBeInstanceOf(SecsAbortReplyError);
    expect(error).toMatchObject({ stream: 2, request: { system: request.system, label: 'S2F41 W' } });
    expect((error as Error).message).toMatch(/S2F41 W \(system 0x[0-9a-f]{8}\) was aborted by the peer with S2F0/);
    expect(handler.state).toBe(HsmsState.Selected);
    expect(handler.pendingRequestCount).toBe(0);
  });

  it('fails at once with SecsStream9Error carrying the function and code when an S9F5 names it', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: LONG_T3 });
    const reply = handler.sendAndWaitForResponse(new SecsMessage(7, 19, true)).catch((e: unknown) => e);
    const request = await peer.waitFor(isSf(7, 19));
    const answeredAt = performance.now();
    const received = nextSecsEvent(handler, 's9Received');
    peer.send(dataPacket(9, 5, false, 0x900, B(request.header.encode())));
    const error = await reply;
    expect(performance.now() - answeredAt).toBeLessThan(3000);
    expect(error).toBeInstanceOf(SecsStream9Error);
    expect(error).toMatchObject({ fn: 5, s9Name: 'UnrecognizedFunction', code: 'HSMS_SECS_STREAM9', request: { system: request.system } });
    expect((error as SecsStream9Error).mhead.equals(request.header)).toBe(true);
    const [fn, mhead, message] = await received;
    expect([fn, mhead?.system, message.sf]).toEqual([5, request.system, 'S9F5']);
  });

  it('takes an S9F1 naming the request even though the S9F1 carries another device id', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: LONG_T3 });
    const reply = handler.sendAndWaitForResponse(new SecsMessage(1, 1, true)).catch((e: unknown) => e);
    const request = await peer.waitFor(isSf(1, 1));
    peer.send(dataPacket(9, 1, false, 0x901, B(request.header.encode()), 12));
    expect(await reply).toMatchObject({ name: 'SecsStream9Error', fn: 1, s9Name: 'UnrecognizedDeviceId' });
  });

  it('leaves the request open for an S9 naming other system bytes, or an S9F9 (the sender reports its own request)', async () => {
    const { handler, peer } = await secsWithRawPeer(cleanup, { secs: { role: 'host' }, connection: LONG_T3 });
    const reply = handler.sendAndWaitForResponse(new SecsMessage(1, 3, true));
    const request = await peer.waitFor(isSf(1, 3));
    const other = HsmsHeader.data(0, 1, 3, true, request.system + 1);
    peer.send(dataPacket(9, 7, false, 0x902, B(other.encode())));
    peer.send(dataPacket(9, 9, false, 0x903, B(request.header.encode())));
    await nextSecsEvent(handler, 's9Received', (fn) => fn === 9);
    expect(handler.pendingRequestCount).toBe(1);
    peer.send(dataPacket(1, 4, false, request.system));
    expect((await reply).sf).toBe('S1F4');
  });

  it('fails our host request with SecsStream9Error UnrecognizedStream when our equipment has no such stream', async () => {
    const { host } = await equipmentAndHost(cleanup, { connection: LONG_T3 });
    const started = performance.now();
    const error = await host.sendAndWaitForResponse(new SecsMessage(99, 1, true)).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ name: 'SecsStream9Error', fn: 3, s9Name: 'UnrecognizedStream' });
    expect(host.state).toBe(HsmsState.Selected);
  });

  it('fails our host request with SecsAbortReplyError when our equipment callback aborts it', async () => {
    const { equipment, host } = await equipmentAndHost(cleanup, { connection: LONG_T3 });
    equipment.registerStreamFunction(2, 17, () => {
      throw new SecsAbortError('no clock');
    });
    await expect(host.sendAndWaitForResponse(new SecsMessage(2, 17, true))).rejects.toMatchObject({
      name: 'SecsAbortReplyError',
      stream: 2,
    });
  });
});
