import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HsmsConsoleSetupError } from './console-errors.js';

/**
 * The page's files sit in static/ beside this module: in the sources (Vitest) and in a build
 * (nest-cli.json assets copy them, as they copy the catalogue's data files).
 */
export const CONSOLE_STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/** One file the console serves. */
export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

const FILES: ReadonlyArray<readonly [path: string, file: string, type: string]> = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/console.js', 'console.js', 'text/javascript; charset=utf-8'],
  ['/console.css', 'console.css', 'text/css; charset=utf-8'],
];

/** The page's files (a fixed list, read once: no path from a request ever reaches the file system). */
export function loadStaticFiles(dir = CONSOLE_STATIC_DIR): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const [path, file, type] of FILES) {
    const full = join(dir, file);
    if (!existsSync(full)) {
      throw new HsmsConsoleSetupError(
        `console page file ${full} is missing; a build must copy console/static/* beside the compiled console (nest-cli.json assets)`,
      );
    }
    files.set(path, { body: readFileSync(full), type });
  }
  files.set('/index.html', files.get('/')!);
  return files;
}
