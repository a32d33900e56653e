// E30 dynamic event reports end to end over loopback: the host subscribes (S2F33 + S2F35 + S2F37),
// the equipment triggers (S6F11), the host decodes; the DRACK / LRACK / ERACK codes; S6F15.
import { afterEach, describe, expect, it } from 'vitest';
import {
  A,
  type CollectionEventReport,
  GemRequestDeniedError,
  GemUnknownIdError,
  L,
  parseS2F34,
  parseS2F36,
  parseS2F38,
  S2F33,
  S2F35,
  S2F37,
  type SecsItem,
  U2,
  U4,
} from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A communicating pair whose equipment has SVs 1 and 2, DV 50, EC 60 and events 100, 200, 'LotEnd'. */
async function equipmentWithEvents() {
  const p = cleanup.add(await startGemPair(), (x) => x.dispose());
  let temperature = 21;
  p.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: () => U4(temperature) });
  p.equipment.addStatusVariable({ svid: 2, name: 'State', value: A('IDLE') });
  p.equipment.addDataValue({ dvid: 50, name: 'LotId' });
  p.equipment.addEquipmentConstant({ ecid: 60, name: 'MaxTemp', default: 300, format: 'U2' });
  p.equipment.addCollectionEvent({ ceid: 100, name: 'LotStart' });
  p.equipment.addCollectionEvent({ ceid: 200, name: 'LotEnd' });
  p.equipment.addCollectionEvent({ ceid: 'Alarmed', name: 'Alarmed', enabled: true });
  await p.communicating();
  return { ...p, setTemperature: (t: number) => (temperature = t) };
}

const same = (actual: readonly SecsItem[], expected: readonly SecsItem[]) =>
  actual.length === expected.length && actual.every((item, i) => item.equals(expected[i]!));

describe('subscribe and trigger', () => {
  it('delivers a triggered event to the host decoded, with the values by variable name', async () => {
    const { host, equipment, setTemperature } = await equipmentWithEvents();
    const subscription = await host.subscribeCollectionEvent(100, [{ vid: 1, name: 'temperature' }, { vid: 50, name: 'lot' }, 60, 2]);
    expect(subscription).toMatchObject({ ceid: 100, rptid: 1000, vids: [1, 50, 60, 2] });
    expect(equipment.isCollectionEventEnabled(100)).toBe(true);

    setTemperature(42);
    const received = nextEvent(host, 'collectionEvent');
    const result = await equipment.triggerCollectionEvent(100, { 50: A('LOT-1') });
    expect(result).toMatchObject({ sent: true, ack: 0 });
    const [event] = await received;
    expect(event.ceid).toBe(100);
    expect(event.dataId).toBe(result.sent ? result.dataId : undefined);
    expect(event.reports.map((r) => r.rptid)).toEqual([1000]);
    expect(same(event.reports[0]!.values, [U4(42), A('LOT-1'), U2(300), A('IDLE')])).toBe(true);
    expect(Object.keys(event.values).sort()).toEqual(['2', '60', 'lot', 'temperature']);
    expect(event.values['temperature']!.equals(U4(42))).toBe(true);
    expect(event.values['lot']!.equals(A('LOT-1'))).toBe(true);
  });

  it('numbers DATAID afresh for each report and takes data values from a Map too', async () => {
    const { host, equipment } = await equipmentWithEvents();
    await host.subscribeCollectionEvent(100, [50]);
    const events: CollectionEventReport[] = [];
    host.on('collectionEvent', (e) => events.push(e));
    const first = await equipment.triggerCollectionEvent(100, new Map([[50, A('A')]]));
    const second = await equipment.triggerCollectionEvent(100); // a DV not given: its value, here none (an empty list)
    expect(first.sent && second.sent && second.dataId !== first.dataId).toBe(true);
    expect(events.map((e) => e.values['50']!.toSml())).toEqual([A('A').toSml(), L().toSml()]);
  });

  it('gives each subscription its own report and decodes each event with its own names', async () => {
    const { host, equipment } = await equipmentWithEvents();
    const a = await host.subscribeCollectionEvent(100, [{ vid: 1, name: 't' }]);
    const b = await host.subscribeCollectionEvent(200, [{ vid: 2, name: 's' }], { rptid: 7, dataId: 99 });
    expect([a.rptid, b.rptid]).toEqual([1000, 7]);
    expect(host.subscriptions.map((s) => s.ceid)).toEqual([100, 200]);
    const got = nextEvent(host, 'collectionEvent', (e) => e.ceid === 200);
    await equipment.triggerCollectionEvent(200);
    const [event] = await got;
    expect(Object.keys(event.values)).toEqual(['s']);
  });

  it('sends an enabled event without linked reports as an S6F11 with no reports, and does not send a disabled one', async () => {
    const { host, equipment } = await equipmentWithEvents();
    const got = nextEvent(host, 'collectionEvent');
    expect(await equipment.triggerCollectionEvent('Alarmed')).toMatchObject({ sent: true, ack: 0 });
    const [event] = await got;
    expect(event).toMatchObject({ ceid: 'Alarmed', reports: [], values: {} });
    expect(await equipment.triggerCollectionEvent(200)).toEqual({ sent: false, reason: 'notEnabled' });
    await expect(equipment.triggerCollectionEvent(999)).rejects.toBeInstanceOf(GemUnknownIdError);
  });

  it('stops the event after unsubscribe and after clearReports', async () => {
    const { host, equipment } = await equipmentWithEvents();
    await host.subscribeCollectionEvent(100, [1]);
    await host.subscribeCollectionEvent(200, [2]);
    expect(await host.unsubscribeCollectionEvent(100)).toBe(true);
    expect(await host.unsubscribeCollectionEvent(100)).toBe(false);
    expect(await equipment.triggerCollectionEvent(100)).toEqual({ sent: false, reason: 'notEnabled' });
    expect((await host.requestEventReport(100)).reports).toEqual([]);
    expect((await host.requestEventReport(200)).reports).toHaveLength(1);
    await host.clearReports();
    expect(host.subscriptions).toEqual([]);
    expect(await equipment.triggerCollectionEvent(200)).toEqual({ sent: false, reason: 'notEnabled' });
    expect(await equipment.triggerCollectionEvent('Alarmed')).toEqual({ sent: false, reason: 'notEnabled' });
    expect((await host.requestEventReport(200)).reports).toEqual([]); // E30: deleting every report deletes the links
    await host.subscribeCollectionEvent(100, [1], { rptid: 1000 }); // the RPTID is free again
  });
});

describe('refused subscriptions', () => {
  it('fails with DRACK 4 for an unknown VID and leaves nothing defined', async () => {
    const { host } = await equipmentWithEvents();
    const error = await host.subscribeCollectionEvent(100, [1, 999]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GemRequestDeniedError);
    expect(error).toMatchObject({ sf: 'S2F33', ackName: 'DRACK', ack: 4, code: 'HSMS_GEM_REQUEST_DENIED' });
    expect(host.subscriptions).toEqual([]);
  });

  it('fails with LRACK 4 for an unknown CEID and deletes the report it defined', async () => {
    const { host } = await equipmentWithEvents();
    await expect(host.subscribeCollectionEvent(999, [1], { rptid: 5 })).rejects.toMatchObject({ sf: 'S2F35', ackName: 'LRACK', ack: 4 });
    await host.subscribeCollectionEvent(100, [1], { rptid: 5 }); // DRACK 3 if report 5 had been left behind
  });
});

describe('the E30 acknowledge codes of S2F33, S2F35 and S2F37', () => {
  async function send<T>(host: { sendRequest: (m: ReturnType<typeof S2F33>) => Promise<T> }, message: ReturnType<typeof S2F33>) {
    return host.sendRequest(message);
  }

  it('answers DRACK 3 for an RPTID already defined and DRACK 2 for an RPTID that is not one value', async () => {
    const { host } = await equipmentWithEvents();
    const define = (rptid: SecsItem | number) => S2F33({ dataId: 1, reports: [{ rptid, vids: [1] }] });
    expect(parseS2F34(await send(host, define(1)))).toBe(0);
    expect(parseS2F34(await send(host, define(1)))).toBe(3);
    expect(parseS2F34(await send(host, define(U4(2, 3))))).toBe(2);
  });

  it('answers LRACK 5 for an unknown RPTID and 3 for an event that already has reports', async () => {
    const { host } = await equipmentWithEvents();
    await send(
      host,
      S2F33({
        dataId: 1,
        reports: [
          { rptid: 1, vids: [1] },
          { rptid: 2, vids: [2] },
        ],
      }),
    );
    const link = (rptids: number[]) => S2F35({ dataId: 2, links: [{ ceid: 100, rptids }] });
    expect(parseS2F36(await send(host, link([9])))).toBe(5);
    expect(parseS2F36(await send(host, link([1])))).toBe(0);
    expect(parseS2F36(await send(host, link([2])))).toBe(3);
  });

  it('answers ERACK 1 when one CEID does not exist and enables nothing', async () => {
    const { host, equipment } = await equipmentWithEvents();
    expect(parseS2F38(await send(host, S2F37({ enable: true, ceids: [100, 999] })))).toBe(1);
    expect(equipment.isCollectionEventEnabled(100)).toBe(false);
    expect(parseS2F38(await send(host, S2F37({ enable: true })))).toBe(0); // no CEIDs: every event
    expect(equipment.isCollectionEventEnabled(100) && equipment.isCollectionEventEnabled(200)).toBe(true);
  });
});

describe('S6F15 event report request', () => {
  it('answers with the linked reports and current values, and with no reports for an unknown CEID', async () => {
    const { host, setTemperature } = await equipmentWithEvents();
    await host.subscribeCollectionEvent(100, [1, 2], { rptid: 3 });
    setTemperature(30);
    const report = await host.requestEventReport(100);
    expect(report.ceid).toBe(100);
    expect(report.reports.map((r) => r.rptid)).toEqual([3]);
    expect(same(report.reports[0]!.values, [U4(30), A('IDLE')])).toBe(true);
    expect((await host.requestEventReport(12345)).reports).toEqual([]);
  });
});
