// A GEM equipment of this library in its own process, for tests that kill it (SIGKILL) and start it
// again on the same state directory. Bundled by gem-equipment-process.ts before it runs.
//   node gem-equipment-child.mjs <stateDir>
// Listens on a free loopback port and prints JSON lines: {"port":N}, then {"communicating":bool}
// on each change and {"raised":N,"spooled":M} after raising events. The host drives it with
// S2F41 'RAISE_WHEN_DOWN' (COUNT): that many events 100 are raised once the link is lost, and
// 'RAISE' (COUNT): raised now.
import { FileGemStateStore, GemEquipmentHandler, HsmsPassiveConnection, type SecsItem, U4 } from '../../libs/hsms/src/core.js';

const stateDir = process.argv[2];
if (stateDir === undefined) throw new Error('usage: gem-equipment-child <stateDir>');
const report = (line: object): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const connection = new HsmsPassiveConnection('127.0.0.1', 0, 0, undefined, {
  bindAddress: '127.0.0.1',
  t3: 5,
  t5: 0.05,
  t6: 3,
  t7: 5,
  t8: 3,
  linktest: 0,
});
const equipment = new GemEquipmentHandler(connection, {
  name: 'child-equipment',
  mdln: 'CHILD',
  softrev: '1',
  stateStore: new FileGemStateStore(stateDir),
  spooling: { enabled: true },
});
equipment.addDataValue({ dvid: 50, name: 'Sequence' });
equipment.addEquipmentConstant({ ecid: 60, name: 'Setpoint', default: 100, min: 0, max: 1000, format: 'U4' });
equipment.addCollectionEvent({ ceid: 100, name: 'Cycle' });
equipment.addAlarm({ alid: 7, text: 'Over temperature' });

let sequence = 0;
let pendingWhenDown = 0;
async function raise(count: number): Promise<void> {
  let spooled = 0;
  for (let i = 0; i < count; i++) {
    const result = await equipment.triggerCollectionEvent(100, { 50: U4(++sequence) });
    if (!result.sent && result.reason === 'spooled') spooled++;
  }
  report({ raised: count, spooled });
}
const countOf = (params: Readonly<Record<string, SecsItem>>): number => {
  const value = params['COUNT'];
  return value !== undefined && 'values' in value ? Number(value.values[0]) : 0;
};
equipment.addRemoteCommand('RAISE_WHEN_DOWN', (params) => {
  pendingWhenDown = countOf(params);
  return 0;
});
equipment.addRemoteCommand('RAISE', (params) => {
  setImmediate(() => void raise(countOf(params)));
  return 0;
});
equipment.on('communicationState', () => {
  report({ communicating: equipment.communicating });
  if (!equipment.communicating && pendingWhenDown > 0) {
    const count = pendingWhenDown;
    pendingWhenDown = 0;
    void raise(count);
  }
});
equipment.enable();
report({ port: await connection.whenListening() });
