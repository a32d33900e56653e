// E30 limits monitoring over loopback: our host defines limits (S2F45) and reads them (S2F47); a
// monitored variable crossing a limit raises LimitZoneTransition with its DVs.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STANDARD_IDS as IDS, F8, U1, U4 } from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function monitoredPair() {
  const p = cleanup.add(await startGemPair({ equipment: { limitsPeriod: 0.01 } }), (x) => x.dispose());
  let temperature = 50;
  p.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: () => F8(temperature) });
  p.equipment.addStatusVariable({ svid: 2, name: 'Plain', value: U4(1) });
  p.equipment.addLimitMonitor({ vid: 1, units: 'C', min: 0, max: 200 });
  await p.communicating();
  return { ...p, setTemperature: (t: number) => (temperature = t) };
}

describe('limits monitoring', () => {
  it('defines limits with S2F45 (VLAACK 0) and reports them with S2F47', async () => {
    const { host } = await monitoredPair();
    expect(await host.defineLimits([{ vid: 1, limits: [{ limitId: 0, upper: 80, lower: 70 }] }])).toEqual({ vlaack: 0, errors: [] });
    const [attributes] = await host.requestLimitAttributes([1]);
    expect(attributes!.attributes!.units).toBe('C');
    expect(attributes!.attributes!.min.equals(F8(0)) && attributes!.attributes!.max.equals(F8(200))).toBe(true);
    expect(attributes!.attributes!.limits.map((l) => [l.limitId, l.upper.equals(F8(80)), l.lower.equals(F8(70))])).toEqual([
      [0, true, true],
    ]);
    expect((await host.requestLimitAttributes([2]))[0]).toEqual({ vid: 2 }); // no limits capability
    expect((await host.requestLimitAttributes()).map((r) => r.vid)).toEqual([1]);
  });

  it('refuses a bad definition with VLAACK 1 and the LVACK/LIMITACK of each variable', async () => {
    const { host } = await monitoredPair();
    const reply = await host.defineLimits([
      { vid: 1, limits: [{ limitId: 0, upper: 300, lower: 10 }] },
      { vid: 2, limits: [] },
      { vid: 99, limits: [] },
    ]);
    expect(reply).toEqual({
      vlaack: 1,
      errors: [
        { vid: 1, lvack: 4, limit: { limitId: 0, limitack: 3 } },
        { vid: 2, lvack: 2 },
        { vid: 99, lvack: 1 },
      ],
    });
  });

  it('raises LimitZoneTransition with LimitVariable, EventLimit and TransitionType on each zone change', async () => {
    const { host, setTemperature } = await monitoredPair();
    await host.defineLimits([{ vid: 1, limits: [{ limitId: 2, upper: 80, lower: 70 }] }]);
    await host.subscribeCollectionEvent(IDS.LimitZoneTransition, [IDS.LimitVariable, IDS.EventLimit, IDS.TransitionType]);
    const up = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.LimitZoneTransition);
    setTemperature(90);
    const [rise] = await up;
    expect(rise.reports[0]!.values.map((v) => v.toSml())).toEqual([U4(1).toSml(), U1(2).toSml(), U1(0).toSml()]);
    const down = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.LimitZoneTransition);
    setTemperature(60);
    expect((await down)[0].reports[0]!.values[2]!.equals(U1(1))).toBe(true);
  });
});
