// The attacked process of `npm run attack`: two `hsms serve` equipment endpoints (the simulator,
// verbose trace forced, as the CLI runs it) in one process, so an attack on one is felt by the
// other's host. Its stdout is the real pipe to bench/attack.ts, which reads it fast or slowly.
// Measures its own peak RSS and longest event-loop stall (a 10 ms interval's lateness).
import { main } from '../../libs/hsms/src/cli/main.js';
import type { CliWritable } from '../../libs/hsms/src/cli/cli-io.js';
import { ensureCatalogueData } from '../soak/catalogue-data.js';
import { answerRequests, type ServerStats } from './attack-ipc.js';

const TICK_MS = 10;
let peakRss = 0;
let maxStall = 0;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  maxStall = Math.max(maxStall, now - last - TICK_MS);
  last = now;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, TICK_MS);

/** process.stdout, reading the tool's first line for the port it listens on. */
function stdoutFor(onPort: (port: number) => void): CliWritable & { once: typeof process.stdout.once } {
  let seen = false;
  return {
    write: (text: string) => {
      if (!seen) {
        const match = /^listening on \S+:(\d+)/m.exec(text);
        if (match) {
          seen = true;
          onPort(Number(match[1]));
        }
      }
      return process.stdout.write(text);
    },
    once: process.stdout.once.bind(process.stdout),
  };
}

ensureCatalogueData();
const stop = new AbortController();
const ports: number[] = [];
const args = (t7: string) => [
  'serve',
  '--port',
  '0',
  '--bind',
  '127.0.0.1',
  '--address',
  '*',
  '--t7',
  t7,
  '--t3',
  '30',
  '--event-period',
  '1',
  '--linktest',
  '0',
];
// A: T7 1 s (the slot-holding attack is quick to show); B: the good host's; C: T7 10 s, for a
// 16 MiB message from a socket that never selects (it must arrive before T7 closes the socket)
const listening = ['1', '10', '10'].map(
  (t7) =>
    new Promise<number>((resolve) => void main(args(t7), { stdout: stdoutFor(resolve), stderr: process.stderr, signal: stop.signal })),
);
for (const port of await Promise.all(listening)) ports.push(port);

answerRequests(
  {
    ports: () => ports,
    take: (): ServerStats => {
      const stats = { peakRssMiB: peakRss / 2 ** 20, maxStallMs: maxStall };
      peakRss = process.memoryUsage.rss();
      maxStall = 0;
      return stats;
    },
  },
  60 * 60_000,
);
process.send!({ id: 0, ok: true }); // ready: the parent may ask
