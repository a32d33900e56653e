// One side of a round-trip pair, run as its own process by hsms.bench.ts:
//   node round-trip-peer.js server <ours|bare|secs4js>   listens on 127.0.0.1 and answers S1F1 W with S1F2
//   node round-trip-peer.js client <ours|bare|secs4js>   connects (command 'connect') and runs the loops (command 'run')
// Each library is used the way its README shows, with its default options. Every server builds its
// S1F2 once (an equipment's MDLN and SOFTREV do not change), so item encoding, which the codec
// benchmark measures, stays out of these numbers.
import { connect, createServer, type Server } from 'node:net';
import * as s4 from 'secs4js';
import {
  A,
  HsmsActiveConnection,
  HsmsHandler,
  HsmsPassiveConnection,
  L,
  SecsMessage,
  type SecsList,
  type SecsText,
} from '../../libs/hsms/src/index.js';
import { BareClient, RunWindow, serveBare } from './bare-frames.js';
import { serveCommands } from './child-ipc.js';

export type Library = 'ours' | 'bare' | 'secs4js';

export interface RunArgs {
  /** Requests kept outstanding: 1 is sequential. */
  depth: number;
  ms: number;
}

export interface RunResult {
  count: number;
  /** From the first send to the last reply. */
  elapsedMs: number;
  /** This process's CPU time during the run, in microseconds. */
  cpuMicros: number;
}

const HARD_LIMIT_MS = 170_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** A client's one request and the check of its reply, kept apart so the loop adds no promise of its own. */
interface Requester<T> {
  send(): Promise<T>;
  isS1F2(reply: T): boolean;
}

/** Keeps `depth` requests outstanding for `ms`, each worker awaiting its reply before sending again. */
async function runWorkers<T>(requester: Requester<T>, { depth, ms }: RunArgs): Promise<number> {
  const window = new RunWindow(ms);
  let count = 0;
  const worker = async (): Promise<void> => {
    while (window.open) {
      const reply = await requester.send();
      if (!requester.isS1F2(reply)) throw new Error(`${library}: the reply is not S1F2`);
      count++;
    }
  };
  await Promise.all(Array.from({ length: depth }, worker));
  window.close();
  return count;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve((server.address() as { port: number }).port));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectS1F2Texts(texts: string[], library: string): void {
  if (texts.join(',') !== 'MDLN,SOFTREV') throw new Error(`${library}: S1F2 body was [${texts.join(', ')}]`);
}

// --- servers: each resolves with the port it listens on ---

async function ourServer(): Promise<number> {
  const connection = new HsmsPassiveConnection('127.0.0.1', 0, 0, undefined, { bindAddress: '127.0.0.1' });
  const handler = new HsmsHandler(connection);
  const s1f2 = new SecsMessage(1, 2, false, L(A('MDLN'), A('SOFTREV'))); // an equipment's S1F2 never changes
  handler.on('message', (m) => {
    if (m.stream === 1 && m.function === 1) handler.sendResponse(s1f2, m.header!.system);
  });
  handler.enable();
  return connection.whenListening();
}

async function bareServer(): Promise<number> {
  return listen(createServer(serveBare));
}

async function secs4jsServer(): Promise<number> {
  const port = await freePort();
  const equipment = new s4.HsmsPassiveCommunicator({ ip: '127.0.0.1', port, deviceId: 0, isEquip: true });
  equipment.on('error', (error: Error) => console.error(`secs4js server: ${error.message}`));
  const s1f2 = s4.L(s4.A('MDLN'), s4.A('SOFTREV'));
  equipment.on('message', (msg: s4.SecsMessage) => {
    if (msg.stream === 1 && msg.func === 1) void equipment.reply(msg, 1, 2, s1f2);
  });
  await equipment.open();
  return port;
}

// --- clients: each connects, checks one S1F2, and returns its request function ---

async function ourClient(port: number): Promise<Requester<SecsMessage>> {
  const connection = new HsmsActiveConnection('127.0.0.1', port, 0);
  const handler = new HsmsHandler(connection);
  const selected = new Promise<void>((resolve) => handler.once('selected', () => resolve()));
  handler.enable();
  await withDeadline(selected, CONNECT_TIMEOUT_MS, 'ours: not selected');
  const s1f1 = new SecsMessage(1, 1, true);
  const first = await handler.sendAndWaitForResponse(s1f1);
  expectS1F2Texts(((first.body as SecsList).items as SecsText[]).map((t) => t.value), 'ours');
  return { send: () => handler.sendAndWaitForResponse(s1f1), isS1F2: (reply) => reply.function === 2 };
}

async function secs4jsClient(port: number): Promise<Requester<s4.SecsMessage | null>> {
  const host = new s4.HsmsActiveCommunicator({ ip: '127.0.0.1', port, deviceId: 0, isEquip: false });
  host.on('error', (error: Error) => console.error(`secs4js client: ${error.message}`));
  const selected = new Promise<void>((resolve) => host.once('selected', () => resolve()));
  await host.open();
  await withDeadline(selected, CONNECT_TIMEOUT_MS, 'secs4js: not selected');
  const first = await host.send(1, 1, true);
  if (!first) throw new Error('secs4js: no reply to S1F1');
  expectS1F2Texts(((first.body as s4.Secs2ItemList).value as s4.Secs2ItemAscii[]).map((t) => t.value), 'secs4js');
  return { send: () => host.send(1, 1, true), isS1F2: (reply) => reply?.func === 2 };
}

async function bareClient(port: number): Promise<BareClient> {
  const socket = connect({ host: '127.0.0.1', port });
  await withDeadline(new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject)), CONNECT_TIMEOUT_MS, 'bare: not connected');
  return new BareClient(socket);
}

async function timed(run: () => Promise<number>): Promise<RunResult> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const count = await run();
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { count, elapsedMs, cpuMicros: used.user + used.system };
}

const [role, library] = process.argv.slice(2) as ['server' | 'client', Library];
const name = `${library} ${role}`;

if (role === 'server') {
  const start = { ours: ourServer, bare: bareServer, secs4js: secs4jsServer }[library];
  serveCommands(name, { listen: () => start() }, HARD_LIMIT_MS);
} else {
  let run: ((args: RunArgs) => Promise<number>) | undefined;
  serveCommands(
    name,
    {
      connect: async (port: number) => {
        if (library === 'bare') {
          const client = await bareClient(port);
          run = (args) => client.run(args.depth, args.ms);
        } else if (library === 'ours') {
          const requester = await ourClient(port);
          run = (args) => runWorkers(requester, args);
        } else {
          const requester = await secs4jsClient(port);
          run = (args) => runWorkers(requester, args);
        }
        return true;
      },
      run: (args: RunArgs) => {
        if (!run) throw new Error(`${name}: 'run' before 'connect'`);
        const loop = run;
        return timed(() => loop(args));
      },
    },
    HARD_LIMIT_MS,
  );
}
