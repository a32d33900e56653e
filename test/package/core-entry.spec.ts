// nest-hsms/core must be usable, and importable, without NestJS (design/README.md: only nest/
// imports @nestjs/*). packed-tarball.spec.ts checks the built package at run time; this walks
// the import graph of the sources, so a sneaked-in import fails here even without a build.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../libs/hsms/src');

/** Every file reachable from `entry` through relative imports, and every package it imports (type-only imports included). */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) queue.push(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
      else packages.add(fileName);
    }
  }
  return { files: [...files].map((f) => relative(SRC, f)).sort(), packages: [...packages].sort() };
}

describe('the core entry', () => {
  const core = importGraph(resolve(SRC, 'core.ts'));

  it('imports no @nestjs package, rxjs or reflect-metadata', () => {
    expect(core.packages.filter((name) => /^(@nestjs\/|rxjs|reflect-metadata)/.test(name))).toEqual([]);
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
