import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueDataMissingError } from './catalogue-errors.js';
import { readCatalogueYaml, type CatalogueDocument } from './catalogue-yaml.js';

/**
 * The built-in data files sit in data/ beside this module: in the sources (run by Vitest or tsx)
 * and in dist/libs/hsms, where `nest build hsms` copies them (nest-cli.json "assets").
 */
export const BUILT_IN_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/**
 * The same documents already parsed: data/*.yaml as readCatalogueDirectory reads them, written by
 * `UPDATE_CATALOGUE_JSON=1 npx vitest run libs/hsms/src/secs/catalogue/builtin-json.spec.ts` and
 * checked against the YAML by that test. Reading it instead of the YAML spares a process the yaml
 * package and the parse: an equipment checks its first primary against the catalogue, and that
 * first look-up cost about 6 MiB of peak RSS and 0.3-0.5 s on a loaded machine (issue 10).
 * Without it (a build that copied only the YAML) the YAML is read as before.
 */
export const BUILT_IN_JSON = fileURLToPath(new URL('./data/builtin-catalogue.json', import.meta.url));

let cached: readonly CatalogueDocument[] | undefined;

/** The built-in documents, read and parsed on the first call only. */
export function builtInDocuments(): readonly CatalogueDocument[] {
  cached ??= existsSync(BUILT_IN_JSON) ? readCatalogueJson(BUILT_IN_JSON) : readCatalogueDirectory(BUILT_IN_DATA_DIR);
  return cached;
}

/** The pre-parsed documents of BUILT_IN_JSON. */
export function readCatalogueJson(path: string): readonly CatalogueDocument[] {
  return Object.freeze(JSON.parse(readFileSync(path, 'utf8')) as CatalogueDocument[]);
}

/** Every *.yaml / *.yml file of `dir`, in name order. */
export function readCatalogueDirectory(dir: string): readonly CatalogueDocument[] {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (files.length === 0) {
    throw new CatalogueDataMissingError(
      `no catalogue data files (*.yaml) in ${dir}; a build must copy secs/catalogue/data/*.yaml beside the compiled catalogue (nest-cli.json assets)`,
    );
  }
  return Object.freeze(files.map((f) => readCatalogueYaml(readFileSync(join(dir, f), 'utf8'), f)));
}
