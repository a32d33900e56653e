import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DATA_DIR, readCatalogueDirectory } from './builtin-documents.js';
import { CatalogueDataMissingError } from './catalogue-errors.js';
import { secsCatalogue } from './secs-catalogue.js';

// `npm run build` compiles to dist/libs/hsms, copies data/*.yaml beside the compiled catalogue
// (nest-cli.json assets) and bundles it (core.js). The check runs only where a build exists.
const DIST_INDEX = resolve(import.meta.dirname, '../../../../../dist/libs/hsms/core.js');

describe('finding the data files', () => {
  it('reads them from data/ beside the catalogue module', () => {
    expect(BUILT_IN_DATA_DIR.replaceAll('\\', '/')).toMatch(/secs\/catalogue\/data\/$/);
    expect(readCatalogueDirectory(BUILT_IN_DATA_DIR).length).toBe(8);
  });

  it('throws CatalogueDataMissingError naming the directory when a build left them behind', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-catalogue-'));
    try {
      expect(() => readCatalogueDirectory(empty)).toThrow(CatalogueDataMissingError);
      expect(() => readCatalogueDirectory(join(empty, 'absent'))).toThrow(/nest-cli.json assets/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(DIST_INDEX))('loads them from the built dist/libs/hsms in a plain node process', () => {
    const script = `
      const m = await import(${JSON.stringify(pathToFileURL(DIST_INDEX).href)});
      const message = m.S2F41({ rcmd: 'START', params: [] });
      console.log(JSON.stringify({ messages: m.secsCatalogue.messages().length, name: m.secsCatalogue.get('S6F11').name, sf: message.sf, w: message.wBit }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    // the build carries every message the sources define (E30's additional capabilities included)
    expect(JSON.parse(out)).toEqual({ messages: secsCatalogue.messages().length, name: 'Event Report Send', sf: 'S2F41', w: true });
  });
});
