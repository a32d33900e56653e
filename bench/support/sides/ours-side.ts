// The public path, core layers only (hsms-core.ts): what a user of HsmsConnectionManager writes.
// equipment: manager.addPeer({ ..., role: 'equipment' }) (a SecsHandler) + registerStreamFunction(1, 1, () => body)
// host:      manager.addPeer({ ... }) (a SecsHandler in the host role) + sendAndWaitForResponse(S1F1 W)
import { A, HsmsConnectionManager, L, SecsHandler, type SecsList, SecsMessage, type SecsText } from '../hsms-core.js';
import { runWorkers } from './run-workers.js';
import { type BenchHost, CONNECT_TIMEOUT_MS, expectS1F2Texts, withDeadline } from './side.js';

/** An equipment's S1F2 never changes: built once, as an application would. */
const S1F2_BODY = L(A('MDLN'), A('SOFTREV'));

export async function startEquipment(): Promise<number> {
  const manager = new HsmsConnectionManager({ bindAddress: '127.0.0.1' });
  const handler = manager.addPeer<SecsHandler>({
    name: 'host',
    address: '127.0.0.1',
    port: 0,
    active: false,
    role: 'equipment',
    enabled: false,
  });
  handler.registerStreamFunction(1, 1, () => S1F2_BODY);
  handler.enable();
  await manager.ready();
  const port = manager.listeningPort(0);
  if (port === undefined) throw new Error('ours: the multi-passive port is not listening');
  return port;
}

export async function connectHost(port: number): Promise<BenchHost> {
  const manager = new HsmsConnectionManager();
  const handler = manager.addPeer<SecsHandler>({ name: 'equipment', address: '127.0.0.1', port, active: true, enabled: false });
  const selected = new Promise<void>((resolve) => handler.once('selected', () => resolve()));
  handler.enable();
  await withDeadline(selected, CONNECT_TIMEOUT_MS, 'ours: not selected');
  const s1f1 = new SecsMessage(1, 1, true);
  const first = await handler.sendAndWaitForResponse(s1f1);
  expectS1F2Texts(
    ((first.body as SecsList).items as SecsText[]).map((t) => t.value),
    'ours',
  );
  return {
    run: (depth, ms) =>
      runWorkers(
        () => handler.sendAndWaitForResponse(s1f1),
        (reply) => reply.function === 2,
        depth,
        ms,
      ),
  };
}
