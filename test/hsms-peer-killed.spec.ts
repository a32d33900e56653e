// The peer process dies (SIGKILL) mid-conversation: pending requests fail with the closed error,
// and the active side reconnects and selects again when a new peer process listens on the port.
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsConnectionClosedError, HsmsState, SecsMessage } from '../libs/hsms/src/core.js';
import { ChildPeerProcess } from './support/child-peer-process.js';
import { activeHandler, Cleanup, nextEvent, reachState } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('peer process killed mid-conversation', () => {
  it('fails the requests in flight with the closed error, then reconnects to a new peer process', async () => {
    const first = await ChildPeerProcess.start();
    cleanup.add(first.peer, (p) => p.kill());
    const handler = activeHandler(cleanup, first.port, { t5: 0.05, t3: 10 });
    await reachState(handler, HsmsState.Selected, 10_000);

    // a normal round trip first, then two requests the peer holds unanswered
    expect((await handler.sendAndWaitForResponse(new SecsMessage(1, 1, true))).sf).toBe('S1F2');
    const held = [
      handler.sendAndWaitForResponse(new SecsMessage(1, 3, true)),
      handler.sendAndWaitForResponse(new SecsMessage(2, 13, true)),
    ];
    const settled = Promise.allSettled(held);
    await first.peer.waitFor((r) => r.received === 'S2F13');
    const closed = nextEvent(handler, 'closed', () => true, 10_000);

    await first.peer.kill();
    const [cause] = await closed;
    expect(['remote', 'error']).toContain(cause);
    for (const result of await settled) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as HsmsConnectionClosedError;
      expect(error).toBeInstanceOf(HsmsConnectionClosedError);
      expect(error.closeCause).toBe(cause);
    }
    expect(handler.pendingRequestCount).toBe(0);

    // a new peer process on the same port: the active side finds it and selects again
    const second = await ChildPeerProcess.start(first.port);
    cleanup.add(second.peer, (p) => p.kill());
    await reachState(handler, HsmsState.Selected, 10_000);
    expect((await handler.sendAndWaitForResponse(new SecsMessage(1, 1, true))).sf).toBe('S1F2');
  });
});
