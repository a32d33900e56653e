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

let cached: readonly CatalogueDocument[] | undefined;

/** The built-in documents, read and parsed on the first call only. */
export function builtInDocuments(): readonly CatalogueDocument[] {
  cached ??= readCatalogueDirectory(BUILT_IN_DATA_DIR);
  return cached;
}

/** Every *.yaml / *.yml file of `dir`, in name order. */
export function readCatalogueDirectory(dir: string): readonly CatalogueDocument[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (files.length === 0) {
    throw new CatalogueDataMissingError(
      `no catalogue data files (*.yaml) in ${dir}; a build must copy secs/catalogue/data/*.yaml beside the compiled catalogue (nest-cli.json assets)`,
    );
  }
  return Object.freeze(files.map((f) => readCatalogueYaml(readFileSync(join(dir, f), 'utf8'), f)));
}
