// E30 non-volatile state: a GEM equipment process killed with SIGKILL and started again on the same
// state directory keeps the host's report definitions and links, the enabled events and alarms,
// the equipment constants and the spool that was not sent yet. The equipment runs in a real child
// process (test/support/gem-equipment-child.ts); the host is ours, over loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CollectionEventReport, GemHostHandler, HsmsActiveConnection, type SecsItem, U4 } from '../libs/hsms/src/core.js';
import { GEM_TEST_TIMERS, whenCommunicating } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { bundleEquipmentChild, EquipmentChildProcess } from './support/gem-equipment-process.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

let bundle: Awaited<ReturnType<typeof bundleEquipmentChild>>;
beforeAll(async () => {
  bundle = await bundleEquipmentChild();
}, 60_000);
afterAll(() => bundle?.dispose());

async function startChild(stateDir: string): Promise<{ child: EquipmentChildProcess; port: number }> {
  const started = await EquipmentChildProcess.start(bundle.script, stateDir);
  cleanup.add(started.child, (c) => c.kill());
  return started;
}

async function connectHost(port: number): Promise<GemHostHandler> {
  const host = new GemHostHandler(new HsmsActiveConnection('127.0.0.1', port, 0, undefined, GEM_TEST_TIMERS), { name: 'host' });
  cleanup.add(host, (h) => h.disable());
  host.enable();
  await whenCommunicating(host, 10_000);
  return host;
}

function collect(host: GemHostHandler, count: number, timeoutMs = 10_000): Promise<CollectionEventReport[]> {
  const reports: CollectionEventReport[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${reports.length} of ${count} reports`)), timeoutMs);
    host.on('collectionEvent', (report) => {
      reports.push(report);
      if (reports.length === count) {
        clearTimeout(timer);
        resolve(reports);
      }
    });
  });
}

const firstValue = (item: SecsItem | undefined): number => Number(item !== undefined && 'values' in item ? item.values[0] : Number.NaN);

describe('equipment state across SIGKILL and restart', () => {
  it('keeps report definitions, links, enabled events and alarms, constants and the unsent spool', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'gem-persist-'));
    cleanup.add(stateDir, (dir) => rmSync(dir, { recursive: true, force: true }));

    const first = await startChild(stateDir);
    const host = await connectHost(first.port);
    const subscription = await host.subscribeCollectionEvent(100, [{ vid: 50, name: 'sequence' }]);
    expect(await host.setEquipmentConstants([{ ecid: 60, ecv: U4(321) }])).toBe(0);
    expect(await host.enableAlarm(7)).toBe(0);
    expect((await host.sendRemoteCommand('RAISE_WHEN_DOWN', { COUNT: U4(5) })).hcack).toBe(0);
    await host.disable(); // the link goes down: the equipment raises 5 events into its spool
    expect(await first.child.waitFor((r) => r.raised !== undefined, 10_000)).toEqual({ raised: 5, spooled: 5 });
    await first.child.kill(); // SIGKILL: nothing is flushed or closed by the process itself

    const second = await startChild(stateDir);
    const again = await connectHost(second.port);
    const [setpoint] = await again.requestEquipmentConstants([60]);
    expect(setpoint!.equals(U4(321))).toBe(true);
    expect((await again.listEnabledAlarms()).map((a) => a.alid)).toEqual([7]);

    const spooled = collect(again, 5);
    expect(await again.requestSpooledData()).toBe(0);
    const reports = await spooled;
    expect(reports.map((r) => r.reports.map((x) => x.rptid))).toEqual(Array(5).fill([subscription.rptid]));
    expect(reports.map((r) => firstValue(r.reports[0]!.values[0]))).toEqual([1, 2, 3, 4, 5]);

    // the event is still enabled and linked to the report: a new one is sent at once
    const live = collect(again, 1);
    expect((await again.sendRemoteCommand('RAISE', { COUNT: U4(1) })).hcack).toBe(0);
    const [report] = await live;
    expect(report!.ceid).toBe(100);
    expect(report!.reports[0]!.rptid).toBe(subscription.rptid);
  }, 60_000);
});
