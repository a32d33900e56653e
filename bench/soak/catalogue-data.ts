// The long runs are compiled by plain tsc (bench/tsconfig.json), which copies no data files, so
// the SECS message catalogue would find no YAML beside its compiled module and every message
// would log "the message catalogue failed". This puts the source YAML there, as `nest build`
// does with nest-cli.json "assets". Idempotent; call it before the first SecsHandler.
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
  if (existsSync(BUILT_IN_DATA_DIR) && readdirSync(BUILT_IN_DATA_DIR).some((f) => f.endsWith('.yaml'))) return;
  cpSync(sourceDataDir(), BUILT_IN_DATA_DIR, { recursive: true });
}
