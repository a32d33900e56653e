// Part 2 of the HSMS benchmark: 1,000 peers on one multi-passive port. A server process runs an
// HsmsConnectionManager with 1,000 passive peers (127.1.x.y); client processes connect 1,000
// active handlers from those addresses. Measured on the server side: time until all are SELECTED,
// a Linktest.req to every peer until all answered, memory per peer, and manager.stop().
import { BenchChild } from './child-process.js';
import type { ConnectArgs } from './many-peers-client.js';
import type { SelectedReport, ServerSetup } from './many-peers-server.js';
import { epochMs, formatInt, formatMiB, type MemorySnapshot } from './stats.js';

const PEERS = 1000;
const CLIENT_PROCESSES = 2;
/** Per client process: connections connecting or selecting at once (2 x 200 stays under the listen backlog of 511). */
const WINDOW = 200;
const SELECT_GOAL_MS = 5000;
const KIB_GOAL = 50;
const TIMEOUT_MS = 30_000;

interface Result {
  setup: ServerSetup;
  selected: SelectedReport;
  selectedMs: number;
  clientSelected: number;
  linktestMs: number;
  connected: MemorySnapshot;
  stopMs: number;
}

async function measure(): Promise<Result> {
  const children: BenchChild[] = [];
  try {
    const server = await BenchChild.start('many-peers server', './many-peers-server.js');
    children.push(server);
    const setup = await server.request<ServerSetup>('setup', PEERS, TIMEOUT_MS);
    const clients: BenchChild[] = [];
    for (let i = 0; i < CLIENT_PROCESSES; i++) clients.push(await BenchChild.start(`many-peers client ${i + 1}`, './many-peers-client.js'));
    children.push(...clients);
    const share = Math.ceil(PEERS / CLIENT_PROCESSES);
    const start = epochMs();
    const connecting = clients.map((client, i) => {
      const first = i * share;
      const args: ConnectArgs = { port: setup.port, first, count: Math.min(share, PEERS - first), window: WINDOW, timeoutMs: TIMEOUT_MS };
      return client.request<number>('connect', args, TIMEOUT_MS + 5000);
    });
    const selected = await server.request<SelectedReport>('waitSelected', TIMEOUT_MS, TIMEOUT_MS + 5000);
    const clientSelected = (await Promise.all(connecting)).reduce((a, b) => a + b, 0);
    const linktestMs = await server.request<number>('linktestAll', undefined, TIMEOUT_MS);
    const connected = await server.request<MemorySnapshot>('memory');
    const stopMs = await server.request<number>('stop', undefined, TIMEOUT_MS);
    return { setup, selected, selectedMs: selected.allSelectedAt - start, clientSelected, linktestMs, connected, stopMs };
  } finally {
    await Promise.all(children.map((c) => c.close()));
  }
}

export async function manyPeersTable(): Promise<string> {
  const r = await measure();
  const { before, peersAdded } = r.setup;
  const perPeerKiB = (after: MemorySnapshot, key: 'heapUsed' | 'rss') => (after[key] - before[key]) / PEERS / 1024;
  const allSelected = r.selected.count === PEERS;
  const rss = perPeerKiB(r.connected, 'rss');
  const heap = perPeerKiB(r.connected, 'heapUsed');
  const rows = [
    `${formatInt(PEERS)} peers on one multi-passive port: an HsmsConnectionManager in its own process, and ${CLIENT_PROCESSES} client processes`,
    `connecting HsmsActiveConnection + HsmsHandler pairs from 127.1.x.y (at most ${WINDOW} per process connecting at once).`,
    'Memory: the server process after a full gc, per peer, compared with before the manager existed.',
    '',
    '| measure | result | goal |',
    '|---|---:|---:|',
    `| time until all ${formatInt(PEERS)} are SELECTED (server side) | ${allSelected ? `${formatInt(r.selectedMs)} ms` : `only ${r.selected.count} selected`} | < ${formatInt(SELECT_GOAL_MS)} ms |`,
    `| Linktest.req to every peer until all answered | ${formatInt(r.linktestMs)} ms | |`,
    `| heap per peer: added, not connected / connected | ${perPeerKiB(peersAdded, 'heapUsed').toFixed(1)} / ${heap.toFixed(1)} KiB | |`,
    `| RSS per peer: added, not connected / connected | ${perPeerKiB(peersAdded, 'rss').toFixed(1)} / ${rss.toFixed(1)} KiB | < ${KIB_GOAL} KiB |`,
    `| manager.stop() with all connected (Separate.req to each) | ${formatInt(r.stopMs)} ms | |`,
    `| server process peak RSS | ${formatMiB(r.connected.maxRss)} MiB | |`,
    '',
    `Goals: all selected within ${SELECT_GOAL_MS / 1000} s: ${allSelected && r.selectedMs < SELECT_GOAL_MS ? 'met' : 'MISSED'}; ` +
      `under ${KIB_GOAL} KiB per connection: ${rss < KIB_GOAL && heap < KIB_GOAL ? 'met' : 'MISSED'}.`,
  ];
  if (r.selected.closed > 0) rows.push(`Note: ${r.selected.closed} connections closed while selecting (listen backlog overflow?).`);
  if (r.clientSelected !== PEERS) rows.push(`Note: the clients saw ${r.clientSelected} of ${PEERS} selected.`);
  return rows.join('\n');
}
