// Bundles the built package (dist/libs/hsms, as `nest build hsms` leaves it: one ES module per
// source file, ~280 of them) into its entries, so a process that imports `nest-hsms/core` loads a
// few files instead of hundreds: Node's per-module loader cost was most of the import's time and
// peak RSS (issue 10). Run by `npm run build` (package.json postbuild), after tsc.
//
//   index.js, core.js, cli/hsms.js  the entries (package.json exports and bin)
//   chunks/hsms-core.js             every module the core entry reaches, ONE copy shared by all
//                                   three entries: the root and the core see the same classes
//   chunks/rolldown-runtime.js      rolldown's helpers (keepNames' __name)
//
// Bundled from tsc's output, not from the .ts sources: tsc is what type-checks and emits the
// decorator metadata Nest's dependency injection reads (emitDecoratorMetadata needs types, which
// a per-file transpiler does not have), and its .d.ts files stay as they are. tsc's source maps
// are handed to rolldown with each module, so the bundle's maps point at the TypeScript sources.
// Not minified: stack traces stay readable. Every bare import (@nestjs/*, rxjs, yaml, ...) and
// node:* stays external. tsc's per-module .js files are deleted afterwards: nothing imports them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RolldownMagicString, rolldown } from 'rolldown';

const PACKAGE = resolve(import.meta.dirname, '../dist/libs/hsms');
const ENTRIES = { index: 'index.js', core: 'core.js', 'cli/hsms': 'cli/hsms.js' };
const CHUNKS_DIR = 'chunks';
const CORE_CHUNK = 'hsms-core';

/** Stands for "the package root" in an asset URL until the chunk that holds it is known. */
const ROOT_MARKER = '__NEST_HSMS_PACKAGE_ROOT__/';

/** `new URL('./data/', import.meta.url)`: a file or folder shipped beside a module (tsc output quotes with '). */
const ASSET_URL = /new URL\((['"])(\.\.?\/[^'"]*)\1, import\.meta\.url\)/g;

/** The uses of import.meta.url the bundle keeps working: asset URLs (rewritten) and createRequire (any folder of the package resolves the same dependencies). */
const KNOWN_META_URL = /new URL\("[^"]*", import\.meta\.url\)|createRequire\(import\.meta\.url\)/g;

const toPosix = (path) => path.split(sep).join('/');

/** Hands rolldown each module with tsc's source map, so the bundle's maps chain to the .ts sources. */
const tscSourceMaps = {
  name: 'tsc-source-maps',
  load(id) {
    if (!id.startsWith(PACKAGE + sep) || !id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
    return { code: readFileSync(id, 'utf8'), map: JSON.parse(readFileSync(`${id}.map`, 'utf8')) };
  },
};

/**
 * A module's `new URL('./data/', import.meta.url)` means "data/ beside this module"; in a chunk,
 * import.meta.url is the chunk's URL. The path is rewritten relative to the package root (where the
 * build copied the assets: nest-cli.json assets), then relative to the chunk that holds it.
 */
const packageAssets = {
  name: 'package-assets',
  transform(code, id, meta) {
    if (!id.startsWith(PACKAGE + sep) || !code.includes('import.meta.url')) return null;
    const s = meta.magicString;
    for (const match of code.matchAll(ASSET_URL)) {
      const target = resolve(dirname(id), match[2]);
      if (!existsSync(target)) this.error(`${relative(PACKAGE, id)}: ${match[2]} resolves to ${target}, which the build did not copy`);
      const fromRoot = toPosix(relative(PACKAGE, target)) + (match[2].endsWith('/') ? '/' : '');
      // by text, not offset: the same expression gets the same rewrite wherever it stands
      s.replaceAll(match[0], `new URL(${JSON.stringify(ROOT_MARKER + fromRoot)}, import.meta.url)`);
    }
    return { code: s };
  },
  renderChunk(code, chunk) {
    const unknown = code.replace(KNOWN_META_URL, '').match(/.*import\.meta\.url.*/);
    if (unknown) this.error(`${chunk.fileName}: a use of import.meta.url the bundle does not know how to keep right: ${unknown[0].trim()}`);
    if (!code.includes(ROOT_MARKER)) return null;
    const up = toPosix(relative(dirname(join(PACKAGE, chunk.fileName)), PACKAGE));
    const s = new RolldownMagicString(code);
    s.replaceAll(ROOT_MARKER, up === '' ? './' : `${up}/`);
    return s;
  },
};

/** The modules the core entry reaches (static imports): they make the shared core chunk. */
const coreModules = new Set();
const collectCoreModules = {
  name: 'collect-core-modules',
  buildEnd(error) {
    if (error) return;
    const queue = [join(PACKAGE, ENTRIES.core)];
    while (queue.length > 0) {
      const id = queue.pop();
      if (coreModules.has(id)) continue;
      coreModules.add(id);
      for (const imported of this.getModuleInfo(id)?.importedIds ?? []) if (imported.startsWith(PACKAGE + sep)) queue.push(imported);
    }
  },
};

/** tsc's output, not a bundle: an entry's map has the one .ts source tsc compiled it from. */
function assertTscOutput() {
  for (const entry of Object.values(ENTRIES)) {
    const map = join(PACKAGE, `${entry}.map`);
    const sources = existsSync(map) ? JSON.parse(readFileSync(map, 'utf8')).sources : [];
    if (sources.length !== 1 || !sources[0].endsWith('.ts')) {
      throw new Error(`${join(PACKAGE, entry)} is not tsc's output (already bundled?): run \`npm run build\`, which runs tsc first`);
    }
  }
}

/** tsc's per-module output: every X.js (and X.js.map) beside an X.d.ts. console/static/console.js has none. */
function deleteTscModules() {
  for (const entry of readdirSync(PACKAGE, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const js = join(entry.parentPath, entry.name.replace(/\.d\.ts$/, '.js'));
    rmSync(js, { force: true });
    rmSync(`${js}.map`, { force: true });
  }
}

assertTscOutput();
rmSync(join(PACKAGE, CHUNKS_DIR), { recursive: true, force: true });
const build = await rolldown({
  input: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(PACKAGE, file)])),
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  platform: 'node',
  experimental: { nativeMagicString: true },
  plugins: [tscSourceMaps, packageAssets, collectCoreModules],
});
try {
  const { output } = await build.generate({
    dir: PACKAGE,
    format: 'esm',
    sourcemap: true,
    keepNames: true, // class and function names as written: error names, Nest's provider names
    comments: { legal: true, annotation: false, jsdoc: false },
    entryFileNames: '[name].js',
    chunkFileNames: `${CHUNKS_DIR}/[name].js`,
    codeSplitting: { groups: [{ name: CORE_CHUNK, test: (id) => coreModules.has(id) }] },
  });
  // generate() has read every module: tsc's files can go before the bundle takes the entries' names.
  deleteTscModules();
  for (const file of output) {
    const path = join(PACKAGE, file.fileName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.type === 'chunk' ? file.code : file.source);
  }
  const chunks = output.filter((o) => o.type === 'chunk');
  console.log(`bundled ${coreModules.size} core modules; wrote ${chunks.map((c) => c.fileName).join(', ')}`);
} finally {
  await build.close();
}
