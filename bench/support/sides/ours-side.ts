// The public path, core layers only (hsms-core.ts): what a user of HsmsConnectionManager writes.
// equipment: manager.addPeer(...) with a SecsHandler in role 'equipment' + registerStreamFunction(1, 1, () => body)
// host:      manager.addPeer(...) with a SecsHandler + sendAndWaitForResponse(S1F1 W)
import {
  A,
  type HsmsConnection,
  HsmsConnectionManager,
  type HsmsHandlerOptions,
  L,
  SecsHandler,
  type SecsList,
  SecsMessage,
  type SecsText,
} from '../hsms-core.js';
import { runWorkers } from './run-workers.js';
import { type BenchHost, CONNECT_TIMEOUT_MS, expectS1F2Texts, withDeadline } from './side.js';

/** An equipment's S1F2 never changes: built once, as an application would. */
const S1F2_BODY = L(A('MDLN'), A('SOFTREV'));

/**
 * The positional addPeer cannot pass a role yet (issue 9 adds `addPeer({ ..., role })`), so the
 * equipment side subclasses SecsHandler the way the repository itself does.
 */
class EquipmentSecsHandler extends SecsHandler {
  constructor(connection: HsmsConnection, options?: HsmsHandlerOptions) {
    super(connection, { ...options, role: 'equipment' });
  }
}

export async function startEquipment(): Promise<number> {
  const manager = new HsmsConnectionManager({ bindAddress: '127.0.0.1' });
  const handler = manager.addPeer('host', '127.0.0.1', 0, false, 0, EquipmentSecsHandler);
  handler.registerStreamFunction(1, 1, () => S1F2_BODY);
  handler.enable();
  await manager.ready();
  const port = manager.listeningPort(0);
  if (port === undefined) throw new Error('ours: the multi-passive port is not listening');
  return port;
}

export async function connectHost(port: number): Promise<BenchHost> {
  const manager = new HsmsConnectionManager();
  const handler = manager.addPeer('equipment', '127.0.0.1', port, true, 0, SecsHandler);
  const selected = new Promise<void>((resolve) => handler.once('selected', () => resolve()));
  handler.enable();
  await withDeadline(selected, CONNECT_TIMEOUT_MS, 'ours: not selected');
  const s1f1 = new SecsMessage(1, 1, true);
  const first = await handler.sendAndWaitForResponse(s1f1);
  expectS1F2Texts(((first.body as SecsList).items as SecsText[]).map((t) => t.value), 'ours');
  return {
    run: (depth, ms) => runWorkers(() => handler.sendAndWaitForResponse(s1f1), (reply) => reply.function === 2, depth, ms),
  };
}
