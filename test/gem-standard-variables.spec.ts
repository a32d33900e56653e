// E30's required standard variables, events and constants, created by every GemEquipmentHandler:
// read by our host over loopback, with the ids moved by the standardIds option.
import { afterEach, describe, expect, it } from 'vitest';
import { A, DEFAULT_STANDARD_IDS as IDS, F8, HsmsOptionError, L, type SecsItem, U1, U4 } from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair, type GemPairOptions } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function pair(options: GemPairOptions = {}) {
  const p = cleanup.add(await startGemPair(options), (x) => x.dispose());
  await p.communicating();
  return p;
}

const text = (item: SecsItem | undefined): string => (item?.type === 'A' ? item.value : '');

describe('E30 standard status variables', () => {
  it('reports Clock, ControlState, EventsEnabled, AlarmsEnabled and AlarmsSet as they are now', async () => {
    const { host, equipment } = await pair();
    equipment.addCollectionEvent({ ceid: 100, name: 'Cycle' });
    equipment.addAlarm({ alid: 7, text: 'Hot' });
    await host.subscribeCollectionEvent(100, [IDS.Clock]);
    await host.enableAlarm(7);
    await equipment.setAlarm(7);
    const [clock, control, events, alarmsEnabled, alarmsSet] = await host.requestStatusVariables([
      IDS.Clock,
      IDS.ControlState,
      IDS.EventsEnabled,
      IDS.AlarmsEnabled,
      IDS.AlarmsSet,
    ]);
    expect(text(clock)).toMatch(/^\d{16}$/);
    expect(control!.equals(U1(5))).toBe(true); // ON-LINE REMOTE
    expect(events!.equals(L(U4(100)))).toBe(true);
    expect(alarmsEnabled!.equals(L(U4(7)))).toBe(true);
    expect(alarmsSet!.equals(L(U4(7)))).toBe(true);
  });

  it('formats Clock as the TimeFormat EC says (0: 12 characters)', async () => {
    const { host } = await pair();
    expect(await host.setEquipmentConstants([{ ecid: IDS.TimeFormat, ecv: U1(0) }])).toBe(0);
    const [clock] = await host.requestStatusVariables([IDS.Clock]);
    expect(text(clock)).toMatch(/^\d{12}$/);
    expect(await host.setEquipmentConstants([{ ecid: IDS.TimeFormat, ecv: U1(3) }])).toBe(3); // out of range
  });

  it('holds EstablishCommunicationsTimeout and the spooling constants as ECs with names', async () => {
    const { host } = await pair({ equipment: { establishCommunicationsTimeout: 7 } });
    const [timeout] = await host.requestEquipmentConstants([IDS.EstablishCommunicationsTimeout]);
    expect(timeout!.equals(F8(7))).toBe(true);
    const names = (await host.requestEquipmentConstantNames([IDS.EnableSpooling, IDS.OverWriteSpool, IDS.MaxSpoolTransmit])).map(
      (r) => r.ecname,
    );
    expect(names).toEqual(['EnableSpooling', 'OverWriteSpool', 'MaxSpoolTransmit']);
  });

  it('moves a standard id with the standardIds option, and refuses an unknown name', async () => {
    const { host } = await pair({ equipment: { standardIds: { Clock: 1 } } });
    const [moved, old] = await host.requestStatusVariables([1, IDS.Clock]);
    expect(text(moved)).toMatch(/^\d{16}$/);
    expect(old!.equals(L())).toBe(true);
    await expect(startGemPair({ equipment: { standardIds: { Clocks: 1 } as never } })).rejects.toBeInstanceOf(HsmsOptionError);
  });
});

describe('E30 standard events', () => {
  it('reports control state changes (ControlStateLocal, ControlStateRemote) as collection events', async () => {
    const { host, equipment } = await pair();
    await host.subscribeCollectionEvent(IDS.ControlStateLocal, [IDS.ControlState, IDS.PreviousControlState]);
    await host.subscribeCollectionEvent(IDS.ControlStateRemote, [IDS.ControlState]);
    const local = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.ControlStateLocal);
    equipment.setLocal();
    const [report] = await local;
    expect(report.reports[0]!.values[0]!.equals(U1(4))).toBe(true);
    expect(report.reports[0]!.values[1]!.equals(U1(5))).toBe(true);
    const remote = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.ControlStateRemote);
    equipment.setRemote();
    expect((await remote)[0].reports[0]!.values[0]!.equals(U1(5))).toBe(true);
  });

  it('reports operator actions: OperatorCommandIssued and OperatorEquipmentConstantChange with their DVs', async () => {
    const { host, equipment } = await pair();
    equipment.addEquipmentConstant({ ecid: 60, name: 'Setpoint', default: 1 });
    await host.subscribeCollectionEvent(IDS.OperatorCommandIssued, [IDS.OperatorCommand]);
    await host.subscribeCollectionEvent(IDS.OperatorEquipmentConstantChange, [IDS.ECIDChanged]);
    const command = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.OperatorCommandIssued);
    expect(await equipment.reportOperatorCommand('STOP')).toMatchObject({ sent: true, ack: 0 });
    expect((await command)[0].reports[0]!.values[0]!.equals(A('STOP'))).toBe(true);
    const changed = nextEvent(host, 'collectionEvent', (e) => e.ceid === IDS.OperatorEquipmentConstantChange);
    equipment.setEquipmentConstant(60, 2);
    expect((await changed)[0].reports[0]!.values[0]!.equals(U4(60))).toBe(true);
  });
});
