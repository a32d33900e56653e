// `npm run bench`: compiles the benchmarks with tsc, then runs every bench/*.bench.ts in turn
// (or only those whose names contain the words given: `npm run bench -- codec`).
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file.replace(/\.js$/, '')}`);
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
  await mod.run();
}
