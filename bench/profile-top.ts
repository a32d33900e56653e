// Summarises V8 CPU profiles (node --cpu-prof; the benchmark's BENCH_CHILD_FLAGS): the functions
// with the most self time, as a share of the busy (non-idle) time.
//   npx tsc -p bench/tsconfig.json && node dist/bench/bench/profile-top.js [--top N] file.cpuprofile...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

function where(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url === '' ? '' : ` ${url.replace(/^.*\/(dist\/bench\/|node_modules\/)/, '').replace(/^node:/, 'node:')}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${file}`;
}

function summarise(path: string, top: number): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const micros = profile.timeDeltas[i] ?? 0;
    if (IDLE.has(node.callFrame.functionName)) {
      idle += micros;
      return;
    }
    busy += micros;
    const key = where(node);
    self.set(key, (self.get(key) ?? 0) + micros);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`${basename(path)}: busy ${(busy / 1000).toFixed(0)} ms, idle/program ${(idle / 1000).toFixed(0)} ms`];
  for (const [name, micros] of rows) lines.push(`  ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${name}`);
  return lines.join('\n');
}

const args = process.argv.slice(2);
let top = 25;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--top') top = Number(args[++i]);
  else files.push(args[i]!);
}
for (const file of files) console.log(`${summarise(file, top)}\n`);
