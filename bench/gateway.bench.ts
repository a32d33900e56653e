// Gateway benchmark: `npm run bench -- gateway` (issue 13). The cluster lives in apps/gateway and
// imports the libraries through the @app aliases, which only `nest build` rewrites; so this entry
// builds the gateway project and runs its compiled benchmark (apps/gateway/drill/gateway-bench.ts)
// as a child process, passing GATEWAY_BENCH_ARGS through (e.g. "--only 100 --seconds 5").
import { execFileSync, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Minutes of work (two cluster sizes and the baseline): a plain `npm run bench` skips it, `npm run bench -- gateway` runs it. */
export const onlyWhenNamed = true;

export async function run(): Promise<void> {
  execFileSync('npx', ['nest', 'build', 'gateway'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const script = resolve(root, 'dist/apps/gateway/apps/gateway/drill/gateway-bench.js');
  const extra = (process.env['GATEWAY_BENCH_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [script, ...extra], { cwd: root, stdio: 'inherit' });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`gateway benchmark exited with code ${String(code)}`);
}
