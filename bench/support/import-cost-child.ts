// Measures what importing one entry of the library costs a fresh process (run by hsms.bench.ts):
//   node import-cost-child.js <none|core|root>   then command 'import'
// 'none' imports nothing (Node's own footprint with the IPC channel), 'core' the non-Nest layers
// (hsms-core.ts), 'root' the package root with Nest (hsms-root.ts).
import { serveCommands } from './child-ipc.js';

export type ImportEntry = 'none' | 'core' | 'root';

export interface ImportCost {
  /** Wall-clock time of the dynamic import, in milliseconds. */
  ms: number;
  /** Resident set size after the import, bytes. */
  rss: number;
  /** Peak resident set size of the process after the import, bytes. */
  maxRss: number;
  /** Names the entry exports. */
  exports: number;
}

const MODULES: Readonly<Record<Exclude<ImportEntry, 'none'>, string>> = {
  core: './hsms-core.js',
  root: './hsms-root.js',
};

const [entry] = process.argv.slice(2) as [ImportEntry];

serveCommands(
  `import ${entry}`,
  {
    import: async (): Promise<ImportCost> => {
      const start = performance.now();
      const loaded = entry === 'none' ? {} : ((await import(MODULES[entry])) as Record<string, unknown>);
      const ms = performance.now() - start;
      return { ms, rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, exports: Object.keys(loaded).length };
    },
  },
  60_000,
);
