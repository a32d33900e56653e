// `npm run bench`: compiles the benchmarks with tsc, then runs every bench/*.bench.ts in turn
// (or only those whose names contain the words given: `npm run bench -- codec`). A benchmark that
// takes minutes (the gateway cluster's) exports `onlyWhenNamed = true`: a plain `npm run bench`
// skips it, `npm run bench -- gateway` runs it.
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
  const name = file.replace(/\.js$/, '');
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { run?: () => Promise<void>; onlyWhenNamed?: boolean };
  if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
  if (mod.onlyWhenNamed === true && filters.length === 0) {
    console.log(`\n=== ${name}: skipped (takes minutes; run it with \`npm run bench -- ${name.replace(/\.bench$/, '')}\`)`);
    continue;
  }
  console.log(`\n=== ${name}`);
  await mod.run();
}
