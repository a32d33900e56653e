// The good host of `npm run attack`: a GEM host in its own process doing S1F1 round trips every
// 20 ms against the equipment it is told to, recording each round trip's time.
import { HsmsActiveConnection } from '../../libs/hsms/src/connections/hsms-active-connection.js';
import { GemHostHandler } from '../../libs/hsms/src/gem/gem-host-handler.js';
import { S1F1 } from '../../libs/hsms/src/secs/catalogue/index.js';
import { ensureCatalogueData } from '../soak/catalogue-data.js';
import { answerRequests, type HostStats } from './attack-ipc.js';

const PERIOD_MS = 20;
let host: GemHostHandler | undefined;
let times: number[] = [];
let failures = 0;
let running = false;

async function loop(current: GemHostHandler): Promise<void> {
  while (host === current) {
    const started = performance.now();
    try {
      if (current.selected) {
        await current.sendAndWaitForResponse(S1F1());
        times.push(performance.now() - started);
      }
    } catch {
      failures++;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, PERIOD_MS - (performance.now() - started))));
  }
}

async function connect(port: number): Promise<void> {
  const previous = host;
  host = undefined;
  await previous?.disable();
  const connection = new HsmsActiveConnection('127.0.0.1', port, 0, undefined, {
    t3: 5,
    t5: 0.2,
    t6: 5,
    linktest: 0,
    localAddress: '127.0.0.3',
  });
  const next = new GemHostHandler(connection, { name: 'good-host' });
  next.enable();
  const deadline = performance.now() + 20_000;
  while (!next.communicating && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!next.communicating) throw new Error(`good host: not communicating with port ${port} within 20 s`);
  host = next;
  if (!running) running = true;
  void loop(next);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

ensureCatalogueData();
answerRequests(
  {
    connect: (port: number) => connect(port),
    take: (): HostStats => {
      const sorted = times.sort((a, b) => a - b);
      const stats = {
        count: sorted.length,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        maxMs: sorted.at(-1) ?? NaN,
        failures,
      };
      times = [];
      failures = 0;
      return stats;
    },
  },
  60 * 60_000,
);
process.send!({ id: 0, ok: true });
