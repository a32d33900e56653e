// nest-hsms/core must be usable, and importable, without NestJS (design/README.md: only nest/
// imports @nestjs/*). packed-tarball.spec.ts checks the built package at run time; this walks
// the import graph of the sources, so a sneaked-in import fails here even without a build, and
// the graph of the built bundle (scripts/bundle-package.mjs), which is what users load: a chunk
// the core entry reaches must import no Nest either, and the entries must share one core chunk.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltPackage } from '../support/built-package.js';

const SRC = resolve(import.meta.dirname, '../../libs/hsms/src');

/**
 * Every file reachable from `entry` through relative imports (static and import() alike), and
 * every package it imports (type-only imports included), relative to `root`. In the sources a
 * `.js` import names the `.ts` file; in the bundle it names the chunk itself.
 */
function importGraph(entry: string, root = SRC, ext = '.ts'): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) queue.push(resolve(dirname(file), fileName.replace(/\.js$/, ext)));
      else packages.add(fileName);
    }
  }
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

const NEST_PACKAGES = /^(@nestjs\/|rxjs|reflect-metadata)/;

describe('the core entry', () => {
  const core = importGraph(resolve(SRC, 'core.ts'));

  it('imports no @nestjs package, rxjs or reflect-metadata', () => {
    expect(core.packages.filter((name) => NEST_PACKAGES.test(name))).toEqual([]);
  });

  it('reaches no file of nest/ or cli/', () => {
    expect(core.files.filter((file) => /^(nest|cli)\//.test(file))).toEqual([]);
  });

  it('is a real walk: the root entry reaches nest/ and @nestjs', () => {
    const root = importGraph(resolve(SRC, 'index.ts'));
    expect(root.files).toContain('nest/hsms.module.ts');
    expect(root.packages).toContain('@nestjs/common');
    expect(core.files.length).toBeGreaterThan(100);
  });
});

describe('the built core entry (the bundle users load)', () => {
  let built: string;
  const graph = (entry: string) => importGraph(join(built, entry), built, '.js');
  beforeAll(() => {
    built = ensureBuiltPackage();
  }, 240_000);

  it('reaches no chunk that imports an @nestjs package, rxjs or reflect-metadata', () => {
    const core = graph('core.js');
    expect(core.packages.filter((name) => NEST_PACKAGES.test(name))).toEqual([]);
    // only Node's own modules: yaml is loaded on demand, by createRequire (catalogue-yaml.ts)
    expect(core.packages.filter((name) => !name.startsWith('node:'))).toEqual([]);
  });

  it('reaches only the shared chunks: not the root entry, not the CLI', () => {
    expect(graph('core.js').files).toEqual(['chunks/hsms-core.js', 'chunks/rolldown-runtime.js', 'core.js']);
  });

  it('is a real walk: the root and the CLI reach the same core chunk, and the root reaches @nestjs', () => {
    const root = graph('index.js');
    expect(root.files).toEqual(['chunks/hsms-core.js', 'chunks/rolldown-runtime.js', 'index.js']);
    expect(root.packages).toEqual(expect.arrayContaining(['@nestjs/common', '@nestjs/core', '@nestjs/microservices']));
    expect(graph('cli/hsms.js').files).toEqual(['chunks/hsms-core.js', 'chunks/rolldown-runtime.js', 'cli/hsms.js']);
  });

  it('loads node:tls, node:crypto and node:http only on first use: a plain-TCP host or equipment never does (lazy-builtins.ts)', () => {
    // a child of its own: this worker has loaded all three long ago
    const script = `
      const loaded = () => process.moduleLoadList.filter((m) => /^NativeModule (tls|crypto|http)$/.test(m)).map((m) => m.slice(13)).sort();
      const core = await import(${JSON.stringify(pathToFileURL(join(built, 'core.js')).href)});
      const atImport = loaded();
      const manager = new core.HsmsConnectionManager();
      manager.addPeer({ name: 'equipment', address: '127.0.0.1', port: 5000, active: true, enabled: false });
      const withPeer = loaded();
      const console_ = new core.HsmsConsoleServer(manager, { host: '127.0.0.1', port: 0 });
      await console_.start(); // its HTTP server and its generated token: http and crypto now
      const withConsole = loaded();
      await console_.stop();
      process.stdout.write(JSON.stringify({ atImport, withPeer, withConsole }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module'], { input: script, encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out)).toEqual({ atImport: [], withPeer: [], withConsole: ['crypto', 'http'] });
  });

  it('holds every source module once: no two chunks carry the same one (their source maps list what each holds)', () => {
    const held = ['chunks/hsms-core.js', 'index.js', 'cli/hsms.js'].flatMap((chunk) => {
      const map = JSON.parse(readFileSync(join(built, `${chunk}.map`), 'utf8')) as { sources: string[] };
      return map.sources.map((source) => relative(SRC, resolve(built, dirname(chunk), source)));
    });
    expect(held.filter((source, i) => held.indexOf(source) !== i)).toEqual([]);
    expect(held).toEqual(expect.arrayContaining(['protocol/hsms-error.ts', 'nest/hsms.module.ts', 'cli/main.ts']));
    // the core chunk holds only what the source walk of core.ts reaches: nothing of nest/ or cli/
    const coreChunk = JSON.parse(readFileSync(join(built, 'chunks/hsms-core.js.map'), 'utf8')) as { sources: string[] };
    const inCore = coreChunk.sources.map((source) => relative(SRC, resolve(built, 'chunks', source)));
    const coreSources = importGraph(resolve(SRC, 'core.ts')).files;
    expect(inCore.filter((file) => !coreSources.includes(file))).toEqual([]);
    expect(inCore.length).toBeGreaterThan(100);
  });
});
