// E30 spooling end to end over loopback: events and alarms raised while the link is down go to
// the equipment's spool and reach the host, in order, when it asks with S6F23; purge, full spool
// (overwrite or discard), MaxSpoolTransmit, S2F43, the spool counters.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CollectionEventReport,
  CommunicationState,
  DEFAULT_STANDARD_IDS as IDS,
  type GemEquipmentHandlerOptions,
  type SecsItem,
  U4,
} from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair, type GemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** E30 event 100 carries DV 50, the sequence number of the event. */
async function spoolingPair(equipment: GemEquipmentHandlerOptions = {}): Promise<GemPair> {
  const p = cleanup.add(await startGemPair({ equipment: { spooling: { enabled: true }, ...equipment } }), (x) => x.dispose());
  p.equipment.addDataValue({ dvid: 50, name: 'Sequence' });
  p.equipment.addCollectionEvent({ ceid: 100, name: 'Cycle' });
  p.equipment.addAlarm({ alid: 7, text: 'Over temperature', enabled: true });
  await p.communicating();
  await p.host.subscribeCollectionEvent(100, [{ vid: 50, name: 'sequence' }]);
  return p;
}

/** The host drops the link (TCP closed) and the equipment sees NOT COMMUNICATING. */
async function loseLink(p: GemPair): Promise<void> {
  const lost = nextEvent(p.equipment, 'communicationState', (s) => s === CommunicationState.NotCommunicating);
  await p.host.disable();
  await lost;
}

async function restoreLink(p: GemPair): Promise<void> {
  p.host.enable();
  await p.communicating();
}

/** Collects the sequence numbers of the next `count` event reports the host receives. */
function collectSequences(p: GemPair, count: number, timeoutMs = 8000): Promise<number[]> {
  const sequences: number[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${sequences.length} of ${count} spooled reports`)), timeoutMs);
    const listener = (report: CollectionEventReport): void => {
      const value = report.values['sequence'] as SecsItem & { values?: readonly number[] };
      sequences.push(Number(value.values?.[0]));
      if (sequences.length === count) {
        clearTimeout(timer);
        p.host.off('collectionEvent', listener);
        resolve(sequences);
      }
    };
    p.host.on('collectionEvent', listener);
  });
}

async function raise(p: GemPair, from: number, to: number): Promise<string[]> {
  const reasons: string[] = [];
  for (let i = from; i <= to; i++) {
    const result = await p.equipment.triggerCollectionEvent(100, { 50: U4(i) });
    reasons.push(result.sent ? 'sent' : result.reason);
  }
  return reasons;
}

describe('E30 spooling over a link outage', () => {
  it('delivers all 100 events raised while the link was down, in order, through S6F23', async () => {
    const p = await spoolingPair();
    await loseLink(p);
    const reasons = await raise(p, 1, 100);
    expect(reasons.every((r) => r === 'spooled')).toBe(true);
    expect(p.equipment.spoolStatus).toMatchObject({
      active: true,
      load: 'SPOOL_NOT_FULL',
      unload: 'NO_SPOOL_OUTPUT',
      countActual: 100,
      countTotal: 100,
    });
    expect(p.equipment.spoolStatus.startTime).toBeInstanceOf(Date);
    // the outage lasts a while (milliseconds here) before the host comes back
    await new Promise((resolve) => setTimeout(resolve, 20));
    await restoreLink(p);

    const received = collectSequences(p, 100);
    const deactivated = nextEvent(p.equipment, 'spoolChanged', (change) => change === 'deactivated', 8000);
    expect(await p.host.requestSpooledData()).toBe(0);
    expect(await received).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await deactivated;
    expect(p.equipment.spoolStatus).toMatchObject({ active: false, countActual: 0 });
    expect(await p.host.requestSpooledData()).toBe(2); // E5 RSDA 2: nothing spooled
  });

  it('spools alarms (S5F1) as well, and sends new events at once while the spool waits', async () => {
    const p = await spoolingPair();
    await loseLink(p);
    expect(await p.equipment.setAlarm(7)).toEqual({ sent: false, reason: 'spooled' });
    await restoreLink(p);
    expect(await raise(p, 1, 1)).toEqual(['sent']);
    const alarm = nextEvent(p.host, 'alarm');
    expect(await p.host.requestSpooledData()).toBe(0);
    expect((await alarm)[0]).toMatchObject({ alid: 7, set: true });
  });

  it('sends MaxSpoolTransmit messages per request and keeps the rest', async () => {
    const p = await spoolingPair({ spooling: { enabled: true, maxTransmit: 4 } });
    await loseLink(p);
    await raise(p, 1, 10);
    await restoreLink(p);
    const first = collectSequences(p, 4);
    expect(await p.host.requestSpooledData()).toBe(0);
    expect(await first).toEqual([1, 2, 3, 4]);
    await expect.poll(() => p.equipment.spoolStatus.unload).toBe('NO_SPOOL_OUTPUT');
    expect(p.equipment.spoolStatus.countActual).toBe(6);
    const second = collectSequences(p, 4);
    expect(await p.host.requestSpooledData()).toBe(0);
    expect(await p.host.requestSpooledData()).toBe(1); // E5 RSDA 1: busy while transmitting
    expect(await second).toEqual([5, 6, 7, 8]);
    await expect.poll(() => p.equipment.spoolStatus.unload).toBe('NO_SPOOL_OUTPUT');
    const last = collectSequences(p, 2);
    expect(await p.host.requestSpooledData()).toBe(0);
    expect(await last).toEqual([9, 10]);
    await expect.poll(() => p.equipment.spoolStatus.active).toBe(false);
  });

  it('purges on S6F23 RSDC 1, and says when there is nothing to purge', async () => {
    const p = await spoolingPair();
    await loseLink(p);
    await raise(p, 1, 5);
    await restoreLink(p);
    expect(await p.host.purgeSpool()).toBe(0);
    expect(p.equipment.spoolStatus).toMatchObject({ active: false, countActual: 0 });
    expect(await p.host.purgeSpool()).toBe(2);
  });

  it('discards new messages at full unless OverWriteSpool, which drops the oldest instead', async () => {
    const keep = await spoolingPair({ spooling: { enabled: true, capacity: 5 } });
    await loseLink(keep);
    expect(await raise(keep, 1, 8)).toEqual(['spooled', 'spooled', 'spooled', 'spooled', 'spooled', 'spoolFull', 'spoolFull', 'spoolFull']);
    expect(keep.equipment.spoolStatus).toMatchObject({ load: 'SPOOL_FULL', countActual: 5, countTotal: 8 });
    expect(keep.equipment.spoolStatus.fullTime).toBeInstanceOf(Date);
    await restoreLink(keep);
    const kept = collectSequences(keep, 5);
    await keep.host.requestSpooledData();
    expect(await kept).toEqual([1, 2, 3, 4, 5]);

    const over = await spoolingPair({ spooling: { enabled: true, capacity: 5, overwrite: true } });
    await loseLink(over);
    expect((await raise(over, 1, 8)).every((r) => r === 'spooled')).toBe(true);
    await restoreLink(over);
    const newest = collectSequences(over, 5);
    await over.host.requestSpooledData();
    expect(await newest).toEqual([4, 5, 6, 7, 8]);
  });

  it('drops events while down when spooling is disabled (EnableSpooling false)', async () => {
    const p = await spoolingPair({ spooling: { enabled: false } });
    await loseLink(p);
    expect(await raise(p, 1, 2)).toEqual(['notCommunicating', 'notCommunicating']);
  });
});

describe('S2F43 and the spooling variables', () => {
  it('refuses stream 1 and secondary functions with STRACK and changes nothing, accepts the rest', async () => {
    const p = await spoolingPair();
    const refused = await p.host.resetSpooling([
      { stream: 1, functions: [] },
      { stream: 6, functions: [12] },
      { stream: 99, functions: [] },
    ]);
    expect(refused).toEqual({
      rspack: 1,
      errors: [
        { stream: 1, strack: 1, functions: [] },
        { stream: 6, strack: 4, functions: [12] },
        { stream: 99, strack: 2, functions: [] },
      ],
    });
    expect(await p.host.resetSpooling([{ stream: 5, functions: [1] }])).toEqual({ rspack: 0, errors: [] });
    await loseLink(p);
    expect(await raise(p, 1, 1)).toEqual(['notCommunicating']); // S6F11 is no longer spooled
    expect(await p.equipment.setAlarm(7)).toEqual({ sent: false, reason: 'spooled' });
  });

  it('reports the spool counters as status variables and the spooling constants as ECs', async () => {
    const p = await spoolingPair();
    await loseLink(p);
    await raise(p, 1, 3);
    await restoreLink(p);
    const [actual, total, start] = await p.host.requestStatusVariables([IDS.SpoolCountActual, IDS.SpoolCountTotal, IDS.SpoolStartTime]);
    expect(actual!.equals(U4(3))).toBe(true);
    expect(total!.equals(U4(3))).toBe(true);
    expect(start!.type === 'A' && start!.value.length).toBe(16);
    expect(await p.host.setEquipmentConstants([{ ecid: IDS.MaxSpoolTransmit, ecv: U4(1) }])).toBe(0);
    const one = collectSequences(p, 1);
    await p.host.requestSpooledData();
    expect(await one).toEqual([1]);
  });
});
