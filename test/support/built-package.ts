// The built package (dist/libs/hsms, what `npm run build` writes and `npm pack` packs), rebuilt
// only when a source file is newer than the build, so `npm test` (which builds first) and a
// single test file run alone both test the current sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const BUILT_PACKAGE = join(REPO, 'dist/libs/hsms');
const SOURCES = join(REPO, 'libs/hsms');
const BUILD_STAMP = join(BUILT_PACKAGE, 'package.json'); // written last, by postbuild

/** Newest modification time under `dir` (bounded: the library has a few hundred files). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The build's other inputs: what postbuild copies, and the bundler it runs. */
const BUILD_FILES = ['README.md', 'LICENSE', 'scripts/bundle-package.mjs'];

/** Runs `npm run build` when dist/libs/hsms is missing or older than libs/hsms or one of BUILD_FILES. */
export function ensureBuiltPackage(): string {
  const inputs = Math.max(newestMtime(SOURCES), ...BUILD_FILES.map((file) => statSync(join(REPO, file)).mtimeMs));
  if (!existsSync(BUILD_STAMP) || statSync(BUILD_STAMP).mtimeMs < inputs) {
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe', timeout: 240_000 });
  }
  return BUILT_PACKAGE;
}
