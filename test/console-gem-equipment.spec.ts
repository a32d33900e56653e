import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveConnection } from '../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsConsoleServer } from '../libs/hsms/src/console/hsms-console-server.js';
import type { ConsolePeerView } from '../libs/hsms/src/console/peer-view.js';
import { GemEquipmentHandler } from '../libs/hsms/src/gem/gem-equipment-handler.js';
import { GemHostHandler } from '../libs/hsms/src/gem/gem-host-handler.js';
import { GEM_TEST_TIMERS, whenCommunicating } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { HsmsConnectionManager } from '../libs/hsms/src/hsms/hsms-connection-manager.js';
import { attachGem, type GemHostHandlerEvents, type SecsHandler } from '../libs/hsms/src/core.js';
import { F4 } from '../libs/hsms/src/protocol/items/secs-item.js';
import { http } from './support/console-http.js';
import { Cleanup } from './support/hsms-test-kit.js';

const TOKEN = 'equipment-console-token-0123';

// The console without Nest (HsmsConsoleServer over a manager) in an equipment application: a GEM
// equipment peer shows its control state, enabled events with the reports it sent, the alarms it
// has set, and its own status variables. A host peer that got GEM from attachGem() is shown as GEM
// too (the console finds the capabilities, not a handler class).
describe('the web console of GEM peers', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());

  it('lists enabled events with their last report, alarms set, and reads status variables locally', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ ...GEM_TEST_TIMERS, logLevel: 'error' }), (m) => m.stop());
    const equipment = manager.addPeer('etch-eq', '127.0.0.1', 0, false, 0, GemEquipmentHandler);
    equipment.addStatusVariable({ svid: 1, name: 'ChamberTemperature', unit: 'C', value: () => F4(351.5) });
    equipment.addCollectionEvent({ ceid: 100, name: 'ProcessCycle', enabled: true });
    equipment.addCollectionEvent({ ceid: 101, name: 'LotDone' });
    equipment.addAlarm({ alid: 7, text: 'chamber over temperature', category: 4, enabled: true });
    const console = new HsmsConsoleServer(manager, { port: 0, token: TOKEN });
    await console.start();
    cleanup.add(console, (c) => c.stop());
    equipment.enable();

    const host = new GemHostHandler(new HsmsActiveConnection('127.0.0.1', manager.listeningPort(0)!, 0, undefined, GEM_TEST_TIMERS), {
      name: 'host',
    });
    cleanup.add(host, (h) => h.disable());
    host.enable();
    await Promise.all([whenCommunicating(equipment), whenCommunicating(host)]);
    expect(await equipment.triggerCollectionEvent(100)).toMatchObject({ sent: true });
    expect(await equipment.setAlarm(7)).toMatchObject({ sent: true });

    const [peer] = JSON.parse((await http(new URL('/api/peers', console.url).href)).text) as ConsolePeerView[];
    expect(peer!.gem).toMatchObject({ role: 'equipment', communicationState: 'COMMUNICATING', controlState: equipment.controlState });
    expect(peer!.gem!.events).toEqual([
      { ceid: '100', name: 'ProcessCycle', variables: [], lastReport: expect.objectContaining({ ceid: '100', reports: [] }) },
    ]);
    expect(peer!.gem!.alarmsSet).toEqual([{ alid: '7', text: 'chamber over temperature', category: 4, since: expect.any(String) }]);

    const read = await http(new URL('/api/peers/etch-eq/status-variables', console.url).href, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toMatchObject({
      values: expect.arrayContaining([
        expect.objectContaining({ svid: '1', name: 'ChamberTemperature', units: 'C', value: '<F4 [1] 351.5>' }),
      ]),
    }); // beside E30's standard SVs (Clock, ControlState ...);
  });

  it('shows a host peer given GEM by attachGem() like a GemHostHandler: its state, the reports it received, a status-variable read', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ ...GEM_TEST_TIMERS, logLevel: 'error' }), (m) => m.stop());
    // a plain SECS host peer (no gem option): GEM comes afterwards, through attachGem()
    const plain = manager.addPeer<SecsHandler>({
      name: 'etcher',
      address: '127.0.0.1',
      port: 0,
      active: false,
      role: 'host',
      enabled: false,
    });
    attachGem(plain);
    const peer = plain as unknown as SecsHandler<GemHostHandlerEvents>;
    const hostCommunicating = new Promise<void>((resolve) => peer.once('communicating', () => resolve()));
    const console = new HsmsConsoleServer(manager, { port: 0, token: TOKEN });
    await console.start();
    cleanup.add(console, (c) => c.stop());
    plain.enable();
    await manager.ready();

    const tool = new GemEquipmentHandler(new HsmsActiveConnection('127.0.0.1', manager.listeningPort(0)!, 0, undefined, GEM_TEST_TIMERS), {
      name: 'tool',
    });
    cleanup.add(tool, (t) => t.disable());
    tool.addStatusVariable({ svid: 5, name: 'Pressure', unit: 'Pa', value: () => F4(2.5) });
    tool.addCollectionEvent({ ceid: 200, name: 'WaferDone', enabled: true });
    tool.addAlarm({ alid: 9, text: 'door open', category: 2, enabled: true });
    tool.enable();
    await Promise.all([whenCommunicating(tool), hostCommunicating]);
    const reported = new Promise<void>((resolve) => peer.once('collectionEvent', () => resolve()));
    expect(await tool.triggerCollectionEvent(200)).toMatchObject({ sent: true });
    await reported;
    expect(await tool.setAlarm(9)).toMatchObject({ sent: true });

    const [view] = JSON.parse((await http(new URL('/api/peers', console.url).href)).text) as ConsolePeerView[];
    expect(view).toMatchObject({ name: 'etcher', role: 'host', state: 'SELECTED' });
    expect(view!.gem).toMatchObject({ role: 'host', communicationState: 'COMMUNICATING', controlState: null, events: [] });
    expect(view!.gem!.otherReports).toEqual([expect.objectContaining({ ceid: '200', reports: [] })]);
    expect(view!.gem!.alarmsSet).toEqual([{ alid: '9', text: 'door open', category: 2, since: expect.any(String) }]);

    // the host asks the equipment (S1F11, then S1F3) through the GEM capability
    const read = await http(new URL('/api/peers/etcher/status-variables', console.url).href, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toMatchObject({
      values: expect.arrayContaining([expect.objectContaining({ svid: '5', name: 'Pressure', units: 'Pa', value: '<F4 [1] 2.5>' })]),
    }); // beside E30's standard SVs (Clock, ControlState ...);
  });
});
