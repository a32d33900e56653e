// One side of a round-trip pair, run as its own process by hsms.bench.ts:
//   node round-trip-child.js equipment <library>   listens on 127.0.0.1 (command 'listen') and answers S1F1 W with S1F2
//   node round-trip-child.js host <library>        connects (command 'connect') and runs the loops (command 'run')
// The library's side module (sides/<library>-side.ts) is imported dynamically, so a process loads
// only its own library: the bare pair's peak RSS is Node's alone, the core-only pair loads no Nest.
import { serveCommands } from './child-ipc.js';
import type { BenchHost, Library, Side } from './sides/side.js';

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

const HARD_LIMIT_MS = 240_000;

const [role, library] = process.argv.slice(2) as ['equipment' | 'host', Library];
const name = `${library} ${role}`;
const side = (await import(`./sides/${library}-side.js`)) as Side;

if (role === 'equipment') {
  const start = side.startEquipment;
  if (!start) throw new Error(`${name}: this library has no equipment side`);
  serveCommands(name, { listen: () => start() }, HARD_LIMIT_MS);
} else {
  const connectHost = side.connectHost;
  if (!connectHost) throw new Error(`${name}: this library has no host side`);
  let host: BenchHost | undefined;
  serveCommands(
    name,
    {
      connect: async (port: number) => {
        host = await connectHost(port);
        return true;
      },
      run: async ({ depth, ms }: RunArgs): Promise<RunResult> => {
        if (!host) throw new Error(`${name}: 'run' before 'connect'`);
        const cpu = process.cpuUsage();
        const start = performance.now();
        const count = await host.run(depth, ms);
        const elapsedMs = performance.now() - start;
        const used = process.cpuUsage(cpu);
        return { count, elapsedMs, cpuMicros: used.user + used.system };
      },
    },
    HARD_LIMIT_MS,
  );
}
