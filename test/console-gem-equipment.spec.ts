import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveConnection } from '../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsConsoleServer } from '../libs/hsms/src/console/hsms-console-server.js';
import type { ConsolePeerView } from '../libs/hsms/src/console/peer-view.js';
import { GemEquipmentHandler } from '../libs/hsms/src/gem/gem-equipment-handler.js';
import { GemHostHandler } from '../libs/hsms/src/gem/gem-host-handler.js';
import { GEM_TEST_TIMERS, whenCommunicating } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { HsmsConnectionManager } from '../libs/hsms/src/hsms/hsms-connection-manager.js';
import { F4 } from '../libs/hsms/src/protocol/items/secs-item.js';
import { http } from './support/console-http.js';
import { Cleanup } from './support/hsms-test-kit.js';

const TOKEN = 'equipment-console-token-0123';

// The console without Nest (HsmsConsoleServer over a manager) in an equipment application: a GEM
// equipment peer shows its control state, enabled events with the reports it sent, the alarms it
// has set, and its own status variables.
describe('the web console of a GEM equipment', () => {
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

    const host = new GemHostHandler(new HsmsActiveConnection('127.0.0.1', manager.listeningPort(0)!, 0, undefined, GEM_TEST_TIMERS), { name: 'host' });
    cleanup.add(host, (h) => h.disable());
    host.enable();
    await Promise.all([whenCommunicating(equipment), whenCommunicating(host)]);
    expect(await equipment.triggerCollectionEvent(100)).toMatchObject({ sent: true });
    expect(await equipment.setAlarm(7)).toMatchObject({ sent: true });

    const [peer] = JSON.parse((await http(new URL('/api/peers', console.url).href)).text) as ConsolePeerView[];
    expect(peer!.gem).toMatchObject({ role: 'equipment', communicationState: 'COMMUNICATING', controlState: equipment.controlState });
    expect(peer!.gem!.events).toEqual([{ ceid: '100', name: 'ProcessCycle', variables: [], lastReport: expect.objectContaining({ ceid: '100', reports: [] }) }]);
    expect(peer!.gem!.alarmsSet).toEqual([{ alid: '7', text: 'chamber over temperature', category: 4, since: expect.any(String) }]);

    const read = await http(new URL('/api/peers/etch-eq/status-variables', console.url).href, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toMatchObject({ values: [{ svid: '1', name: 'ChamberTemperature', units: 'C', value: '<F4 [1] 351.5>' }] });
  });
});
