// Issue 11, finding 7: one client that keeps timing out of T7 cannot hold the single HSMS-SS
// session, and nobody is locked out for longer than the configured cap.
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { HsmsOptionError } from '../libs/hsms/src/connections/hsms-options.js';
import { NotSelectedBackoff, resolveNotSelectedBackoff } from '../libs/hsms/src/connections/not-selected-backoff.js';
import { HsmsState } from '../libs/hsms/src/hsms/hsms-handler.events.js';
import { Cleanup, passiveHandler, reachState, requestSelect } from './support/hsms-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const ATTACKER = '127.0.0.1';
const GOOD = '127.0.0.2';

/** A passive handler accepting any peer, with a short T7 and the back-off under test. */
async function listener(backoff: object | false) {
  const logger = new CaptureLogger();
  const { handler, port } = await passiveHandler(
    cleanup,
    { t7: 0.15, logger, logLevel: 'warn', notSelectedBackoff: backoff as never, connectRateLimit: false },
    '*',
  );
  return { handler, port, logger };
}

/** Connects from `from` and waits until the listener closes the socket; 'refused' when that came before T7 could. */
async function holdUntilClosed(port: number, from: string): Promise<void> {
  const peer = cleanup.add(await RawPeer.connect(port, { localAddress: from }), (p) => p.destroy());
  await peer.waitForClose(5000);
}

describe('notSelectedBackoff', () => {
  it('refuses an address after repeated T7 closes, lets another client select meanwhile, and lets the address back after the cap', async () => {
    const { handler, port, logger } = await listener({ after: 2, initialSeconds: 0.4, maxSeconds: 0.8 });
    await holdUntilClosed(port, ATTACKER); // T7 1
    await holdUntilClosed(port, ATTACKER); // T7 2: refused for 0.4 s from now
    expect(
      logger.find('warn', /127\.0\.0\.1: 2 connections in a row closed by T7 \(never selected\); refusing it for 0\.4 s/),
    ).toHaveLength(1);
    const established = handler.counters.connections;
    await holdUntilClosed(port, ATTACKER); // refused at once, not established
    expect(handler.counters.connections).toBe(established);
    expect(logger.find('warn', /refused a connection from 127\.0\.0\.1:\d+: its connections keep timing out of T7/)).toHaveLength(1);

    // the slot is free for a good client meanwhile
    const good = cleanup.add(await RawPeer.connect(port, { localAddress: GOOD }), (p) => p.destroy());
    await requestSelect(good);
    await reachState(handler, HsmsState.Selected);
    good.destroy();
    await reachState(handler, HsmsState.NotConnected);

    // after the refusal the attacker's address may connect again; a session that selects clears its record
    await expect
      .poll(
        async () => {
          const peer = cleanup.add(await RawPeer.connect(port, { localAddress: ATTACKER }), (p) => p.destroy());
          const outcome = await Promise.race([requestSelect(peer).then(() => 'selected'), peer.waitForClose(3000).then(() => 'refused')]);
          peer.destroy();
          await reachState(handler, HsmsState.NotConnected);
          return outcome;
        },
        { timeout: 5000, interval: 100 },
      )
      .toBe('selected');
  }, 20_000);

  it('doubles the refusal per further T7 close up to maxSeconds, and a select resets it', () => {
    let now = 0;
    const backoff = new NotSelectedBackoff({ after: 2, initialSeconds: 1, maxSeconds: 3 }, () => now);
    expect(backoff.ended('a', false)).toBe(0);
    expect(backoff.ended('a', false)).toBe(1000);
    expect(backoff.ended('a', false)).toBe(2000);
    expect(backoff.ended('a', false)).toBe(3000); // capped
    expect(backoff.ended('a', false)).toBe(3000);
    expect(backoff.refusedForMs('a')).toBe(3000);
    now = 3000;
    expect(backoff.refusedForMs('a')).toBe(0); // never longer than the cap
    expect(backoff.refusedForMs('b')).toBe(0);
    backoff.ended('a', true);
    expect(backoff.strikes('a')).toBe(0);
    expect(backoff.ended('a', false)).toBe(0);
  });

  it('keeps its record bounded and validates its options', () => {
    const backoff = new NotSelectedBackoff({ after: 1, initialSeconds: 1, maxSeconds: 1 }, () => 0, 100);
    for (let i = 0; i < 1000; i++) backoff.ended(`10.0.${i >> 8}.${i & 255}`, false);
    expect(backoff.refusedForMs('10.0.0.0')).toBe(0); // forgotten, the newest kept
    expect(backoff.refusedForMs('10.0.3.231')).toBe(1000);
    expect(() => resolveNotSelectedBackoff({ after: 0 })).toThrow(HsmsOptionError);
    expect(() => resolveNotSelectedBackoff({ initialSeconds: 5, maxSeconds: 1 })).toThrow(/notSelectedBackoff\.maxSeconds/);
    expect(resolveNotSelectedBackoff(false)).toBeUndefined();
    expect(resolveNotSelectedBackoff(undefined)).toEqual({ after: 3, initialSeconds: 10, maxSeconds: 120 });
  });

  it('without it (false), the same client is let in again and again', async () => {
    const { handler, port } = await listener(false);
    for (let i = 0; i < 4; i++) await holdUntilClosed(port, ATTACKER);
    expect(handler.counters.connections).toBe(4);
  }, 20_000);
});
