// The capabilities beyond the basics belong to the GEM capabilities (GemEquipment, GemHost), not to
// the GemEquipmentHandler / GemHostHandler facades: an equipment made with attachGem() on a plain
// SecsHandler spools through a link outage, answers the standard variables and runs traces, and a
// host made with manager.addPeer({ gem }) drives them. Real sockets on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AttachedGemEquipment,
  attachGem,
  type CollectionEventReport,
  DEFAULT_STANDARD_IDS as IDS,
  type GemEquipmentHandlerEvents,
  type GemHostHandler,
  HsmsConnectionManager,
  HsmsPassiveConnection,
  SecsHandler,
  type SecsItem,
  type TraceReport,
  U4,
} from '../libs/hsms/src/core.js';
import { GEM_TEST_TIMERS, whenCommunicating } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';
import { LOOPBACK, withTimeout } from './support/raw-peer.js';

const WAIT_MS = 8000;
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

type EquipmentPeer = SecsHandler<GemEquipmentHandlerEvents>;

/** A plain SECS equipment peer with GEM attached (spooling on), and a GEM host peer from the manager, COMMUNICATING. */
async function attachedPair(): Promise<{ peer: EquipmentPeer; equipment: AttachedGemEquipment['equipment']; host: GemHostHandler }> {
  const passive = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, { bindAddress: LOOPBACK, ...GEM_TEST_TIMERS });
  const plain = cleanup.add(new SecsHandler(passive, { name: 'attached-tool', role: 'equipment' }), (h) => h.disable());
  const gem = attachGem(plain, { mdln: 'ATTACHED', softrev: '1', spooling: { enabled: true } });
  if (!('equipment' in gem)) throw new Error('attachGem gave an equipment peer no GemEquipment');
  const peer = plain as unknown as EquipmentPeer;
  const { equipment } = gem;
  equipment.variables.addDataValue({ dvid: 50, name: 'Sequence' });
  equipment.variables.addStatusVariable({ svid: 1, name: 'Temp', value: U4(21) });
  equipment.addCollectionEvent({ ceid: 100, name: 'Cycle' });
  const equipmentCommunicating = new Promise<void>((resolve) => peer.once('communicating', () => resolve()));
  plain.enable();
  const port = await passive.whenListening();
  const manager = cleanup.add(new HsmsConnectionManager(GEM_TEST_TIMERS), (m) => m.stop());
  const host = manager.addPeer<GemHostHandler>({ name: 'attached-tool', address: LOOPBACK, port, active: true, gem: true });
  await Promise.all([
    whenCommunicating(host),
    withTimeout(equipmentCommunicating, WAIT_MS, 'the attached equipment did not reach COMMUNICATING'),
  ]);
  return { peer, equipment, host };
}

function sequences(host: GemHostHandler, count: number): Promise<number[]> {
  const seen: number[] = [];
  return withTimeout(
    new Promise<number[]>((resolve) => {
      const listener = (report: CollectionEventReport): void => {
        const value = report.values['sequence'] as SecsItem & { values?: readonly number[] };
        seen.push(Number(value.values?.[0]));
        if (seen.length < count) return;
        host.off('collectionEvent', listener);
        resolve(seen);
      };
      host.on('collectionEvent', listener);
    }),
    WAIT_MS,
    `the host received ${seen.length} of ${count} spooled reports`,
  );
}

describe('GEM beyond the basics on an attachGem() equipment and an addPeer({ gem }) host', () => {
  it('spools events raised while the link is down and delivers them in order through S6F23', async () => {
    const { peer, equipment, host } = await attachedPair();
    await host.subscribeCollectionEvent(100, [{ vid: 50, name: 'sequence' }]);
    const lost = new Promise<void>((resolve) => peer.once('communicationState', () => resolve()));
    await host.disable();
    await withTimeout(lost, WAIT_MS, 'the equipment did not see the link go down');
    const reasons: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const result = await equipment.reporter.collectionEvent(100, { 50: U4(i) });
      reasons.push(result.sent ? 'sent' : result.reason);
    }
    expect(reasons).toEqual(['spooled', 'spooled', 'spooled', 'spooled', 'spooled']);
    expect(equipment.spoolStatus).toMatchObject({ active: true, countActual: 5 });

    host.enable();
    await whenCommunicating(host);
    const received = sequences(host, 5);
    expect(await host.requestSpooledData()).toBe(0);
    expect(await received).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers the standard variables and runs a trace', async () => {
    const { host } = await attachedPair();
    const [control] = await host.requestStatusVariables([IDS.ControlState]);
    expect(control).toMatchObject({ type: 'U1', values: [5] }); // E30: 5 = ON-LINE REMOTE

    const handle = await host.startTrace({ periodMs: 20, totalSamples: 3, groupSize: 3, svids: [1] });
    const report = await withTimeout(
      new Promise<TraceReport>((resolve) => handle.onReport(resolve)),
      WAIT_MS,
      'no trace data from the attached equipment',
    );
    expect(report.samples.map((sample) => sample.map((item) => (item as SecsItem & { values: readonly number[] }).values[0]))).toEqual([
      [21],
      [21],
      [21],
    ]);
  });
});
