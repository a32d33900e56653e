// Web console benchmark: `npm run bench -- console`. What the console costs the message path, in
// one process over loopback: pipelined S1F1 W -> S1F2 round trips (64 outstanding) between a
// manager's peer and a tool, with (a) no console, (b) the console running and nobody watching (a
// ring entry per packet, no SML), (c) one trace viewer reading every message as SML over SSE.
// Interleaved rounds, medians; CPU time per round trip of the whole process. It imports the built
// package (bench/support/hsms-core.ts), whose console ships its page files.
import { get, type ClientRequest } from 'node:http';
import {
  A,
  HsmsActiveConnection,
  HsmsConnectionManager,
  HsmsConsoleServer,
  type HsmsHandler,
  HsmsState,
  L,
  SecsHandler,
  SecsMessage,
} from './support/hsms-core.js';
import { formatInt, formatRatio, median } from './support/stats.js';

const ROUNDS = 15;
const ROUND_MS = 300;
const DEPTH = 64;
const TIMERS = { t3: 10, t5: 0.05, t6: 5, t7: 10, t8: 5, linktest: 0, logLevel: 'error' } as const;
type Mode = 'no console' | 'console, nobody watching' | 'console + 1 trace viewer';
const MODES: readonly Mode[] = ['no console', 'console, nobody watching', 'console + 1 trace viewer'];

function selected(handler: HsmsHandler): Promise<void> {
  if (handler.state === HsmsState.Selected) return Promise.resolve();
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('not SELECTED within 10 s')), 10_000);
    handler.once('selected', () => {
      clearTimeout(timer);
      ok();
    });
  });
}

/** Round trips completed in `ms` with DEPTH outstanding, and the process CPU time they took (µs). */
async function pipelined(handler: HsmsHandler, ms: number): Promise<{ count: number; elapsedMs: number; cpuMicros: number }> {
  const request = new SecsMessage(1, 1, true);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  let count = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      await handler.sendAndWaitForResponse(request);
      count++;
    }
  };
  await Promise.all(Array.from({ length: DEPTH }, lane));
  const used = process.cpuUsage(cpu);
  return { count, elapsedMs: performance.now() - start, cpuMicros: used.user + used.system };
}

export async function run(): Promise<void> {
  const manager = new HsmsConnectionManager(TIMERS);
  const host = manager.addPeer('tool', '127.0.0.1', 0, false, 0);
  host.enable();
  await manager.ready();
  const tool = new SecsHandler(new HsmsActiveConnection('127.0.0.1', manager.listeningPort(0)!, 0, undefined, TIMERS), {
    name: 'tool',
    role: 'equipment',
  });
  const s1f2 = L(A('SIMTOOL'), A('1.0.0'));
  tool.registerStreamFunction(1, 1, () => s1f2);
  tool.enable();
  await Promise.all([selected(host), selected(tool)]);

  let console: HsmsConsoleServer | undefined;
  let viewer: ClientRequest | undefined;
  let viewerBytes = 0;
  const enter = async (mode: Mode): Promise<void> => {
    viewer?.destroy();
    viewer = undefined;
    await console?.stop();
    console = undefined;
    if (mode === 'no console') return;
    console = new HsmsConsoleServer(manager, { port: 0 });
    await console.start();
    if (mode === 'console + 1 trace viewer') {
      await new Promise<void>((ok) => {
        viewer = get(`${console!.url}api/trace?history=0`, (res) => {
          res.on('data', (chunk: Buffer) => (viewerBytes += chunk.length));
          ok();
        });
      });
    }
  };

  const samples = new Map<Mode, Array<{ rate: number; cpu: number }>>(MODES.map((m) => [m, []]));
  for (const mode of MODES) {
    await enter(mode);
    await pipelined(host, 500); // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < MODES.length; i++) {
      const mode = MODES[(i + round) % MODES.length]!;
      await enter(mode);
      const r = await pipelined(host, ROUND_MS);
      samples.get(mode)!.push({ rate: (r.count * 1000) / r.elapsedMs, cpu: r.cpuMicros / r.count });
    }
  }
  await enter('no console');
  await tool.disable();
  await manager.stop();

  const base = median(samples.get('no console')!.map((s) => s.rate));
  console = undefined;
  const lines = [
    `| S1F1 W -> S1F2, ${DEPTH} outstanding, one process | round trips/s (median of ${ROUNDS}) | vs no console | CPU µs per round trip |`,
    '|---|---|---|---|',
    ...MODES.map((mode) => {
      const rate = median(samples.get(mode)!.map((s) => s.rate));
      const cpu = median(samples.get(mode)!.map((s) => s.cpu));
      return `| ${mode} | ${formatInt(rate)} | ${formatRatio(rate / base)} | ${cpu.toFixed(1)} |`;
    }),
  ];
  globalThis.console.log(lines.join('\n'));
  globalThis.console.log(`(the trace viewer received ${formatInt(viewerBytes / 1024)} KiB of events)`);
}
