import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_STATIC_DIR, loadStaticFiles } from './console-static.js';

// `npm run build` copies console/static/* beside the compiled console (nest-cli.json assets).
const DIST_STATIC = resolve(import.meta.dirname, '../../../../dist/libs/hsms/console/static');

describe('the console page files', () => {
  it('are read from static/ beside the module: the page, its script and its style', () => {
    const files = loadStaticFiles(CONSOLE_STATIC_DIR);
    expect([...files.keys()].sort()).toEqual(['/', '/console.css', '/console.js', '/index.html']);
    expect(files.get('/')!.body.toString()).toContain('<script src="/console.js" defer></script>');
    // nothing from outside the server: no absolute URL in the page or its script
    for (const path of ['/', '/console.js', '/console.css']) expect(files.get(path)!.body.toString()).not.toMatch(/https?:\/\//);
  });

  it('name the directory and the nest-cli assets when a build left them behind', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-console-'));
    try {
      expect(() => loadStaticFiles(empty)).toThrow(/console\/static.*nest-cli.json assets/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(DIST_STATIC))('are shipped by the build in dist/libs/hsms', () => {
    expect(loadStaticFiles(DIST_STATIC).size).toBe(4);
  });
});
