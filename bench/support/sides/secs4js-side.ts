// secs4js 0.4.7 (npm), used the way its README shows, with its default options.
import { createServer } from 'node:net';
import * as s4 from 'secs4js';
import { runWorkers } from './run-workers.js';
import { type BenchHost, CONNECT_TIMEOUT_MS, expectS1F2Texts, withDeadline } from './side.js';

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve((server.address() as { port: number }).port));
  });
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startEquipment(): Promise<number> {
  const port = await freePort();
  const equipment = new s4.HsmsPassiveCommunicator({ ip: '127.0.0.1', port, deviceId: 0, isEquip: true });
  equipment.on('error', (error: Error) => console.error(`secs4js equipment: ${error.message}`));
  const s1f2 = s4.L(s4.A('MDLN'), s4.A('SOFTREV'));
  equipment.on('message', (msg: s4.SecsMessage) => {
    if (msg.stream === 1 && msg.func === 1) void equipment.reply(msg, 1, 2, s1f2);
  });
  await equipment.open();
  return port;
}

export async function connectHost(port: number): Promise<BenchHost> {
  const host = new s4.HsmsActiveCommunicator({ ip: '127.0.0.1', port, deviceId: 0, isEquip: false });
  host.on('error', (error: Error) => console.error(`secs4js host: ${error.message}`));
  const selected = new Promise<void>((resolve) => host.once('selected', () => resolve()));
  await host.open();
  await withDeadline(selected, CONNECT_TIMEOUT_MS, 'secs4js: not selected');
  const first = await host.send(1, 1, true);
  if (!first) throw new Error('secs4js: no reply to S1F1');
  expectS1F2Texts(
    ((first.body as s4.Secs2ItemList).value as s4.Secs2ItemAscii[]).map((t) => t.value),
    'secs4js',
  );
  return {
    run: (depth, ms) =>
      runWorkers(
        () => host.send(1, 1, true),
        (reply) => reply?.func === 2,
        depth,
        ms,
      ),
  };
}
