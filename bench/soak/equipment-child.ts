// One equipment process of the soak (forked by bench/soak.ts, commands over IPC, see
// soak-protocol.ts): SoakEquipment peers that connect to the host's multi-passive port from their
// own loopback addresses (an HsmsConnectionManager's active peers), and a few that listen for the
// host's active peers. Under load each peer sends S6F11 at a steady rate, and links are dropped at
// random (Separate.req or an abrupt close): the side that connects comes back after T5.
import { HsmsPassiveConnection } from '../../libs/hsms/src/connections/hsms-passive-connection.js';
import { HsmsConnectionManager } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { ensureCatalogueData } from './catalogue-data.js';
import { Outcomes } from './outcomes.js';
import { settledMemory } from './run-stats.js';
import type { ChildAnswer, ChildReport, SoakCommand, StartCommand } from './soak-protocol.js';
import { SoakEquipment } from './soak-equipment.js';
import { SteadyRate } from './steady-rate.js';

const outcomes = new Outcomes();
let manager: HsmsConnectionManager | undefined;
const peers: SoakEquipment[] = [];
/** The listening peers (the manager's are stopped with it). */
const listeners: SoakEquipment[] = [];
let events: SteadyRate<SoakEquipment> | undefined;
let churn: SteadyRate<SoakEquipment> | undefined;
let churned = 0;
let random: () => number = Math.random;

async function start(command: StartCommand): Promise<ChildAnswer> {
  ensureCatalogueData();
  random = seededRandom(command.seed);
  const timers = { ...command.timers, connectTimeout: 5 };
  manager = new HsmsConnectionManager(timers);
  for (const { name, localAddress } of command.connecting) {
    peers.push(manager.addPeer(name, '127.0.0.1', command.hostPort, true, 0, SoakEquipment, { localAddress }));
  }
  const listeningPorts: Array<{ name: string; port: number }> = [];
  for (const name of command.listening) {
    const connection = new HsmsPassiveConnection('127.0.0.1', 0, 0, undefined, { ...timers, bindAddress: '127.0.0.1' });
    const peer = new SoakEquipment(connection, { name });
    peer.enable();
    listeningPorts.push({ name, port: await connection.whenListening() });
    listeners.push(peer);
  }
  for (const peer of peers) peer.enable(); // the connecting ones; the listening ones are enabled above
  peers.push(...listeners);
  const selectedPeers = (): SoakEquipment[] => peers.filter((p) => p.selected);
  events = new SteadyRate(selectedPeers, command.eventRate * peers.length, (peer) => peer.sendEvent(outcomes));
  churn = new SteadyRate(selectedPeers, command.churnRate, dropLink, 50);
  return { type: 'ready', listeningPorts };
}

/** Drops one link: politely (Separate.req) or abruptly (the socket just closes), at random. */
function dropLink(peer: SoakEquipment): void {
  churned++;
  if (random() < 0.5) peer.sendSeparateReq();
  else peer.connection.close();
}

function report(reset: boolean): ChildAnswer {
  const memory = settledMemory();
  const result: ChildReport = {
    s1f3Answered: peers.reduce((sum, p) => sum + p.answered, 0),
    eventsSent: outcomes.sent,
    eventOutcomes: { ...outcomes.counts },
    eventsInFlight: outcomes.inFlight,
    churned,
    selections: peers.reduce((sum, p) => sum + p.selections, 0),
    selected: peers.filter((p) => p.selected).length,
    heapUsed: memory.heapUsed,
    rss: memory.rss,
  };
  if (reset) {
    outcomes.reset();
    churned = 0;
    for (const p of peers) p.answered = p.selections = 0;
  }
  return { type: 'report', report: result };
}

async function stop(): Promise<void> {
  events?.stop();
  churn?.stop();
  await Promise.all([manager?.stop(), ...listeners.map((p) => p.disable())]);
}

async function handle(command: SoakCommand): Promise<ChildAnswer> {
  switch (command.cmd) {
    case 'start':
      return start(command);
    case 'load':
      if (command.on) {
        events!.start();
        churn!.start();
      } else {
        events!.stop();
        churn!.stop();
      }
      return { type: 'ok' };
    case 'report':
      return report(command.reset);
    case 'stop':
      await stop();
      return { type: 'ok' };
  }
}

/** A small deterministic generator (mulberry32), so a run's churn can be repeated with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

process.on('message', (command: SoakCommand) => {
  void handle(command)
    .catch(
      (error: unknown): ChildAnswer => ({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    )
    .then((message) => process.send!(message, () => (command.cmd === 'stop' ? process.exit(0) : undefined)));
});
// The parent going away (killed, crashed) must not leave this process behind.
process.on('disconnect', () => process.exit(0));
