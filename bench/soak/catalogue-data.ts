// The long runs are compiled by plain tsc (bench/tsconfig.json), which copies no data files, so
// the SECS message catalogue would find no YAML beside its compiled module and every message
// would log "the message catalogue failed". This puts the source YAML (and the pre-parsed
// builtin-catalogue.json) there, as `nest build` does with nest-cli.json "assets". Idempotent;
// call it before the first SecsHandler.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_DATA_DIR } from '../../libs/hsms/src/secs/catalogue/builtin-documents.js';

/** The sources' data directory, from this file's compiled place (dist/bench/bench/soak/) or its source place (bench/soak/). */
function sourceDataDir(): string {
  const candidates = ['../../../../libs/hsms/src/secs/catalogue/data/', '../../libs/hsms/src/secs/catalogue/data/'];
  const found = candidates.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((dir) => existsSync(dir));
  if (!found) throw new Error(`cannot find libs/hsms/src/secs/catalogue/data from ${import.meta.url}`);
  return found;
}

export function ensureCatalogueData(): void {
  const source = sourceDataDir();
  const wanted = readdirSync(source).filter((f) => f.endsWith('.yaml') || f.endsWith('.json'));
  if (existsSync(BUILT_IN_DATA_DIR) && wanted.every((f) => existsSync(`${BUILT_IN_DATA_DIR}${f}`))) return;
  cpSync(source, BUILT_IN_DATA_DIR, { recursive: true });
}
