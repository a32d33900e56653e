import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DATA_DIR, BUILT_IN_JSON, builtInDocuments, readCatalogueDirectory, readCatalogueJson } from './builtin-documents.js';

// data/builtin-catalogue.json is generated from data/*.yaml: after editing a YAML file, run
//   UPDATE_CATALOGUE_JSON=1 npx vitest run libs/hsms/src/secs/catalogue/builtin-json.spec.ts
const fromYaml = readCatalogueDirectory(BUILT_IN_DATA_DIR);
const expectedText = `${JSON.stringify(fromYaml, null, 1)}\n`;
if (process.env['UPDATE_CATALOGUE_JSON'] === '1') writeFileSync(BUILT_IN_JSON, expectedText);

describe('the pre-parsed built-in catalogue (data/builtin-catalogue.json)', () => {
  it('is exactly what the YAML files read to (regenerate it with UPDATE_CATALOGUE_JSON=1 after editing them)', () => {
    expect(readFileSync(BUILT_IN_JSON, 'utf8')).toBe(expectedText);
  });

  it('loses nothing in JSON: the documents read back equal the YAML ones', () => {
    expect(readCatalogueJson(BUILT_IN_JSON)).toEqual(fromYaml);
    expect(builtInDocuments()).toEqual(fromYaml);
  });
});
