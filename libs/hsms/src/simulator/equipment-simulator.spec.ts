// The simulator against a GEM host of this library over loopback: as the passive side (the host
// connects) and as the active side (it connects to a listening host).
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureLogger } from '../connections/testing/capture-logger.js';
import { HsmsActiveConnection } from '../connections/hsms-active-connection.js';
import { HsmsPassiveConnection } from '../connections/hsms-passive-connection.js';
import { ControlState } from '../gem/control-state.js';
import { GemHostHandler } from '../gem/gem-host-handler.js';
import { A, U4, type SecsItem } from '../protocol/items/secs-item.js';
import { S2F37 } from '../secs/catalogue/index.js';
import { EquipmentSimulator } from './equipment-simulator.js';
import { SimulatorListenError } from './simulator-errors.js';
import { SIMULATOR_IDS } from './simulator-ids.js';
import type { EquipmentSimulatorOptions } from './simulator-options.js';
import { Cleanup, nextEvent, within } from './testing/bounded-waits.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';

const LOOPBACK = '127.0.0.1';
/** Quick reconnects, calm everything else: a loaded 2-core machine never trips them. */
const TIMERS = { t3: 5, t5: 0.05, t6: 3, t7: 5, t8: 3, linktest: 0, connectTimeout: 2 } as const;
const { svid, dvid, ecid, ceid, alid } = SIMULATOR_IDS;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function simulator(options: Partial<EquipmentSimulatorOptions> = {}): EquipmentSimulator {
  const sim = new EquipmentSimulator({
    name: 'sim',
    active: false,
    address: LOOPBACK,
    bindAddress: LOOPBACK,
    port: 0,
    eventPeriod: 0.2,
    alarmEvery: 0,
    ...TIMERS,
    ...options,
  });
  return cleanup.add(sim, (s) => s.stop());
}

/** A passive simulator and an active GEM host, both COMMUNICATING. */
async function hostAgainstSimulator(options: Partial<EquipmentSimulatorOptions> = {}) {
  const sim = simulator(options);
  await sim.start();
  const host = cleanup.add(
    new GemHostHandler(new HsmsActiveConnection(LOOPBACK, sim.listeningPort!, 0, undefined, TIMERS), { name: 'host' }),
    (h) => h.disable(),
  );
  const communicating = nextEvent(host, 'communicating');
  host.enable();
  await communicating;
  return { sim, host };
}

const scalar = (item: SecsItem | undefined): unknown =>
  item === undefined ? undefined : 'values' in item ? item.values[0] : 'value' in item ? item.value : item.type;

describe('EquipmentSimulator as the passive side', () => {
  it('answers S1F1 as SIMTOOL 1.0.0 and is ON-LINE REMOTE once communicating', async () => {
    const { sim, host } = await hostAgainstSimulator();
    expect(await host.areYouThere()).toEqual({ mdln: 'SIMTOOL', softrev: '1.0.0' });
    expect(sim.handler.communicating).toBe(true);
    expect(sim.handler.controlState).toBe(ControlState.OnlineRemote);
  });

  it('answers S1F3 with the chamber temperature and pressure (F4), process state (A) and wafer count (U4)', async () => {
    const { host } = await hostAgainstSimulator();
    const values = await host.requestStatusVariables([
      svid.chamberTemperature,
      svid.chamberPressure,
      svid.processState,
      svid.waferCount,
      svid.controlState,
    ]);
    expect(values.map((v) => v.type)).toEqual(['F4', 'F4', 'A', 'U4', 'A']);
    const temperature = scalar(values[0]) as number;
    expect(Math.abs(temperature - 350)).toBeLessThan(10); // drifts around the setpoint
    expect(scalar(values[2])).toBe('IDLE');
    expect(scalar(values[3])).toBe(0);
    expect(scalar(values[4])).toBe('ONLINE_REMOTE');
  });

  it('names its variables (S1F11) and its constants with limits (S2F29)', async () => {
    const { host } = await hostAgainstSimulator();
    const names = await host.requestStatusVariableNames([svid.chamberTemperature]);
    expect(names[0]).toMatchObject({ svname: 'ChamberTemperature', units: 'C' });
    const constants = await host.requestEquipmentConstantNames([ecid.temperatureSetpoint]);
    expect(constants[0]).toMatchObject({ ecname: 'TemperatureSetpoint', units: 'C' });
    expect(scalar(constants[0]!.ecmin)).toBe(20);
    expect(scalar(constants[0]!.ecmax)).toBe(500);
    expect(await host.setEquipmentConstants([{ ecid: ecid.temperatureSetpoint, ecv: U4(900) }])).toBe(3); // EAC 3: out of range
  });

  it('sends collection event 100 every eventPeriod once the host enabled it, with the cycle number rising', async () => {
    const { sim, host } = await hostAgainstSimulator({ eventPeriod: 0.2 });
    expect(sim.handler.isCollectionEventEnabled(ceid.processCycle)).toBe(false);
    await host.subscribeCollectionEvent(ceid.processCycle, [
      { vid: svid.chamberTemperature, name: 'temperature' },
      { vid: dvid.cycleNumber, name: 'cycle' },
    ]);
    const first = await nextEvent(host, 'collectionEvent', (e) => e.ceid === ceid.processCycle);
    const second = await nextEvent(host, 'collectionEvent', (e) => e.ceid === ceid.processCycle);
    expect(first[0].values['temperature']!.type).toBe('F4');
    expect(scalar(second[0].values['cycle']) as number).toBeGreaterThan(scalar(first[0].values['cycle']) as number);
  });

  it('refuses START without LOT (HCACK 3), accepts it with LOT (HCACK 0) and then reports the process start', async () => {
    const { sim, host } = await hostAgainstSimulator();
    await host.subscribeCollectionEvent(ceid.processStarted, [{ vid: dvid.lotId, name: 'lot' }]);
    expect(await host.sendRemoteCommand('START')).toEqual({ hcack: 3, params: [] });
    expect(await host.sendRemoteCommand('START', { LOT: A('') })).toEqual({ hcack: 3, params: [{ cpname: 'LOT', cpack: 2 }] });
    expect(await host.sendRemoteCommand('START', { LOT: A('L1'), SPEED: U4(3) })).toEqual({
      hcack: 3,
      params: [{ cpname: 'SPEED', cpack: 1 }],
    });
    expect(sim.chamber.state).toBe('IDLE');

    const started = nextEvent(host, 'collectionEvent', (e) => e.ceid === ceid.processStarted);
    expect(await host.sendRemoteCommand('START', { LOT: A('LOT-7'), RECIPE: A('ETCH-A') })).toEqual({ hcack: 0, params: [] });
    const [event] = await started;
    expect(scalar(event.values['lot'])).toBe('LOT-7');
    expect(sim.chamber).toMatchObject({ state: 'PROCESSING', lot: 'LOT-7', recipe: 'ETCH-A' });
  });

  it('answers HCACK 2 for a command the process state does not allow, and 1 for an unknown command', async () => {
    const { host } = await hostAgainstSimulator();
    expect((await host.sendRemoteCommand('STOP')).hcack).toBe(2);
    expect((await host.sendRemoteCommand('PAUSE')).hcack).toBe(2);
    expect((await host.sendRemoteCommand('START', { LOT: A('LOT-1') })).hcack).toBe(0);
    expect((await host.sendRemoteCommand('START', { LOT: A('LOT-2') })).hcack).toBe(2);
    expect((await host.sendRemoteCommand('PAUSE')).hcack).toBe(0);
    expect((await host.sendRemoteCommand('STOP')).hcack).toBe(0);
    expect((await host.requestStatusVariables([svid.processState])).map(scalar)).toEqual(['IDLE']);
    expect((await host.sendRemoteCommand('VENT')).hcack).toBe(1);
  });

  it('reports the over-temperature alarm (S5F1) when it is set, a terminal line for it, and its clearing', async () => {
    const { host } = await hostAgainstSimulator({ alarmEvery: 2 });
    const terminal = nextEvent(host, 'terminalMessage');
    const [set] = await nextEvent(host, 'alarm', (a) => a.set);
    expect(set).toMatchObject({ alid: alid.overTemperature, set: true, category: 4, text: 'chamber over temperature' });
    const [cleared] = await nextEvent(host, 'alarm', (a) => !a.set);
    expect(cleared.alid).toBe(alid.overTemperature);
    const [line] = await terminal;
    expect(line.text).toMatch(/^ALARM 1: chamber over temperature, \d+\.\d C$/);
  });

  it('takes a terminal display from the host (S10F3, ACKC10 0) and logs it', async () => {
    const logger = new CaptureLogger();
    const { host } = await hostAgainstSimulator({ logger, logLevel: 'log' });
    expect(await host.sendTerminalDisplay(1, 'hello operator')).toBe(0);
    expect(logger.find('log', /terminal 1: hello operator/)).toHaveLength(1);
  });

  it('logs every message in SML at verbose through the given logger', async () => {
    const logger = new CaptureLogger();
    const { host } = await hostAgainstSimulator({ logger });
    await host.areYouThere();
    const sent = logger.find('verbose', /^sent S1F2 /);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message).toContain('<A "SIMTOOL">');
    expect(logger.find('verbose', /^received S1F13 W/)).toHaveLength(1);
  });
});

describe('EquipmentSimulator as the active side', () => {
  it('connects to a listening GEM host, communicates and answers S1F3', async () => {
    const passive = new HsmsPassiveConnection(LOOPBACK, 0, 3, undefined, { ...TIMERS, bindAddress: LOOPBACK });
    const host = cleanup.add(new GemHostHandler(passive, { name: 'host' }), (h) => h.disable());
    host.enable();
    const port = await passive.whenListening();
    const communicating = nextEvent(host, 'communicating');
    const sim = simulator({ active: true, port, sessionId: 3, localAddress: LOOPBACK });
    await sim.start();
    expect(sim.listeningPort).toBeUndefined();
    await communicating;
    expect((await host.requestStatusVariables([svid.processState])).map(scalar)).toEqual(['IDLE']);
    expect(host.remoteIdentity).toEqual({ mdln: 'SIMTOOL', softrev: '1.0.0' });
  });
});

describe('EquipmentSimulator lifecycle', () => {
  it('stop() separates a selected link, is idempotent and finishes in bounded time', async () => {
    const { sim, host } = await hostAgainstSimulator();
    const closed = nextEvent(host, 'closed');
    await within(Promise.all([sim.stop(), sim.stop()]), 3000, 'stop()');
    const [cause] = await closed;
    expect(cause).toBe('separate');
    expect(sim.listeningPort).toBeUndefined();
    await within(sim.stop(), 1000, 'a third stop()');
  });

  it('starts again after stop() and accepts a new host', async () => {
    const sim = simulator();
    await sim.start();
    await sim.stop();
    await sim.start();
    const port = sim.listeningPort!;
    const host = cleanup.add(new GemHostHandler(new HsmsActiveConnection(LOOPBACK, port, 0, undefined, TIMERS), { name: 'host' }), (h) =>
      h.disable(),
    );
    const communicating = nextEvent(host, 'communicating');
    host.enable();
    await communicating;
    expect(await host.areYouThere()).toEqual({ mdln: 'SIMTOOL', softrev: '1.0.0' });
  });

  it('rejects start() with SimulatorListenError when its port is taken, and leaves nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, LOOPBACK, resolve));
    cleanup.add(blocker, (b) => new Promise((resolve) => b.close(resolve)));
    const port = (blocker.address() as AddressInfo).port;
    const sim = simulator({ port });
    await expect(sim.start()).rejects.toThrow(SimulatorListenError);
    expect(sim.handler.connection.enabled).toBe(false);
  });

  it('refuses bad options with an error naming the option', () => {
    const base = { name: 'sim', active: false, address: LOOPBACK, port: 0 };
    expect(() => new EquipmentSimulator({ ...base, eventPeriod: 0 })).toThrow(HsmsOptionError);
    expect(() => new EquipmentSimulator({ ...base, eventPeriod: 0 })).toThrow(/eventPeriod/);
    expect(() => new EquipmentSimulator({ ...base, alarmEvery: 1 })).toThrow(/alarmEvery/);
    expect(() => new EquipmentSimulator({ ...base, name: '' })).toThrow(/name/);
    expect(() => new EquipmentSimulator({ ...base, t3: -1 })).toThrow(/t3/);
  });
});

describe('EquipmentSimulator spooling (E30)', () => {
  it('spools its process cycles while the host is away and sends them in order on S6F23', async () => {
    const { sim, host } = await hostAgainstSimulator({ eventPeriod: 0.02 });
    await host.subscribeCollectionEvent(ceid.processCycle, [{ vid: dvid.cycleNumber, name: 'cycle' }]);
    const lost = nextEvent(sim.handler, 'communicationState', (state) => state === 'NOT_COMMUNICATING');
    await host.disable();
    await lost;
    await expect.poll(() => sim.handler.spoolStatus.countActual, { timeout: 4000, interval: 20 }).toBeGreaterThanOrEqual(3);
    const communicating = nextEvent(host, 'communicating');
    host.enable();
    await communicating;
    await host.sendRequest(S2F37({ enable: false, ceids: [ceid.processCycle] })); // no live cycles from here on
    const spooled = sim.handler.spoolStatus.countActual;
    const cycles: number[] = [];
    const all = new Promise<void>((resolve) => {
      host.on('collectionEvent', (event) => {
        cycles.push(scalar(event.values['cycle']) as number);
        if (cycles.length === spooled) resolve();
      });
    });
    expect(await host.requestSpooledData()).toBe(0);
    await within(all, 4000, 'spooled process cycles');
    expect(cycles.every((cycle, i) => i === 0 || cycle === cycles[i - 1]! + 1)).toBe(true);
  });

  it('lets the host set limits on the chamber temperature (E30 limits monitoring)', async () => {
    const { host } = await hostAgainstSimulator();
    expect(await host.defineLimits([{ vid: svid.chamberTemperature, limits: [{ limitId: 0, upper: 400, lower: 380 }] }])).toEqual({
      vlaack: 0,
      errors: [],
    });
    const [row] = await host.requestLimitAttributes([svid.chamberTemperature]);
    expect(row!.attributes!.limits.map((l) => l.limitId)).toEqual([0]);
  });

  it('refuses a state directory that is not a path', () => {
    expect(() => new EquipmentSimulator({ name: 'x', active: false, address: LOOPBACK, port: 0, stateDir: ' ' })).toThrow(HsmsOptionError);
  });
});
