// The sample app as `npm start` runs it (AppModule with its web console, three simulated GEM
// tools), but on free loopback ports, quiet, with fast cycles: for the console's API and browser
// tests. Everything it starts is registered with the test's Cleanup.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/sample/src/app.module.js';
import { HsmsConsoleService } from '../../libs/hsms/src/console/hsms-console.service.js';
import type { HsmsConnectionManager } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { EquipmentSimulator } from '../../libs/hsms/src/simulator/equipment-simulator.js';
import { CALM_TIMERS, type Cleanup } from './hsms-test-kit.js';
import { startHsmsApp } from './nest-test-kit.js';

export const CONSOLE_TEST_TOKEN = 'console-test-token-0123456789';

export interface ConsoleSample {
  /** 'http://127.0.0.1:<port>/' */
  url: string;
  token: string;
  manager: HsmsConnectionManager;
  simulators: EquipmentSimulator[];
}

function simulator(name: string, options: Omit<ConstructorParameters<typeof EquipmentSimulator>[0], 'name'>): EquipmentSimulator {
  return new EquipmentSimulator({ ...CALM_TIMERS, name, logLevel: 'error', eventPeriod: 0.4, alarmEvery: 3, ...options });
}

/** Starts the sample with etcher-1 (GEM, we connect), litho-1 and metrology-1 (they connect to us). */
export async function startConsoleSample(cleanup: Cleanup): Promise<ConsoleSample> {
  const etcherSim = cleanup.add(
    simulator('etcher-1-sim', { active: false, address: '127.0.0.1', bindAddress: '127.0.0.1', port: 0, sessionId: 1 }),
    (s) => s.stop(),
  );
  await etcherSim.start();

  const dir = mkdtempSync(join(tmpdir(), 'hsms-console-'));
  cleanup.add(dir, (d) => rmSync(d, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'hsms.yaml'),
    `
hsms:
  logLevel: error
  t3: 3
  t5: 0.05
  t6: 3
  linktest: 0
  peers:
    - { name: etcher-1, address: 127.0.0.1, port: ${etcherSim.listeningPort!}, active: true, sessionId: 1, role: host, gem: true }
    - { name: litho-1, address: 127.0.0.1, port: 0, active: false, sessionId: 2, role: host }
    - { name: metrology-1, address: 127.0.0.3, port: 0, active: false, sessionId: 3, role: host }
simulator:
  enabled: false
console:
  port: 0
  token: ${CONSOLE_TEST_TOKEN}
`,
  );
  // AppModule reads HSMS_CONFIG when it is built (ConfigModule's loader) and at the FabService's start
  process.env['HSMS_CONFIG'] = join(dir, 'hsms.yaml');
  cleanup.add(null, () => delete process.env['HSMS_CONFIG']);
  const { app, manager } = await startHsmsApp({ imports: [AppModule] });
  cleanup.add(app, (a) => a.close());

  const port = manager.listeningPort(0)!;
  const lithoSim = cleanup.add(simulator('litho-1-sim', { active: true, address: '127.0.0.1', port, sessionId: 2 }), (s) => s.stop());
  const metroSim = cleanup.add(
    simulator('metrology-1-sim', { active: true, address: '127.0.0.1', port, sessionId: 3, localAddress: '127.0.0.3' }),
    (s) => s.stop(),
  );
  await Promise.all([lithoSim.start(), metroSim.start()]);

  const url = app.get(HsmsConsoleService).url;
  if (url === undefined) throw new Error('the sample started without its console');
  return { url, token: CONSOLE_TEST_TOKEN, manager, simulators: [etcherSim, lithoSim, metroSim] };
}
