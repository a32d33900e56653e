import { describe, expect, it } from 'vitest';
import { U4 } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { MemoryGemStateStore } from '../state/memory-state-store.js';
import { Spooler, type SpoolChange, type SpoolConstants } from './spooler.js';

const event = (n: number): SecsMessage => new SecsMessage(6, 11, true, U4(n));

function spooler(
  store = new MemoryGemStateStore(),
  send: (m: SecsMessage) => Promise<void> = async () => undefined,
  constants: Partial<SpoolConstants> = {},
) {
  const changes: SpoolChange[] = [];
  const sent: number[] = [];
  const s = new Spooler({
    store,
    capacity: 3,
    constants: () => ({ enabled: true, overwrite: false, maxTransmit: 0, ...constants }),
    now: () => new Date(2026, 0, 1),
    send: async (m) => {
      await send(m);
      sent.push(m.body!.type === 'U4' ? m.body!.values[0]! : -1);
    },
    changed: (change) => changes.push(change),
  });
  return { s, changes, sent, store };
}

describe('Spooler (E30 spool state model)', () => {
  it('becomes active with the first message, full at capacity, and inactive once emptied', async () => {
    const { s, changes, sent } = spooler();
    expect(s.status.active).toBe(false);
    expect(s.requestTransmit().rsda).toBe(2);
    for (let i = 1; i <= 4; i++) s.offer(event(i));
    expect(s.status).toMatchObject({ active: true, load: 'SPOOL_FULL', countActual: 3, countTotal: 4 });
    const { rsda, start } = s.requestTransmit();
    expect(rsda).toBe(0);
    expect(s.status.unload).toBe('TRANSMIT_SPOOL');
    await start!();
    expect(sent).toEqual([1, 2, 3]);
    expect(changes).toEqual(['activated', 'full', 'deactivated']);
    expect(s.status).toMatchObject({ active: false, unload: 'NO_SPOOL_OUTPUT', countActual: 0 });
  });

  it('keeps what it could not send when a transmission fails, and sends it on the next request', async () => {
    let fail = true;
    const { s, changes, sent } = spooler(undefined, async (m) => {
      if (fail && m.body!.equals(U4(2))) throw new Error('link lost');
    });
    for (let i = 1; i <= 3; i++) s.offer(event(i));
    await s.requestTransmit().start!();
    expect(sent).toEqual([1]);
    expect(changes).toContain('transmitFailed');
    expect(s.status).toMatchObject({ active: true, unload: 'NO_SPOOL_OUTPUT', countActual: 2 });
    fail = false;
    await s.requestTransmit().start!();
    expect(sent).toEqual([1, 2, 3]);
  });

  it('restores its state and counters from the store after a restart', () => {
    const store = new MemoryGemStateStore();
    const first = spooler(store);
    first.s.offer(event(1));
    first.s.offer(event(2));
    const again = spooler(store);
    expect(again.s.status).toMatchObject({ active: true, countActual: 2, countTotal: 2 });
    expect(again.s.status.startTime).toEqual(new Date(2026, 0, 1));
    expect(again.s.purge()).toBe(0);
    expect(spooler(store).s.status.active).toBe(false);
  });
});
