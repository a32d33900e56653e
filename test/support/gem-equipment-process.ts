// Runs test/support/gem-equipment-child.ts as a separate Node process. Node 20 cannot run
// TypeScript itself, so the child is bundled once per test run with rolldown (which Vite, under
// Vitest, already brings) into a temporary folder, with the catalogue's data files beside it
// where the bundled catalogue looks for them.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { JsonLineChild } from './json-line-child.js';

const ENTRY = fileURLToPath(new URL('./gem-equipment-child.ts', import.meta.url));
const CATALOGUE_DATA = fileURLToPath(new URL('../../libs/hsms/src/secs/catalogue/data/', import.meta.url));

export interface EquipmentChildReport {
  port?: number;
  communicating?: boolean;
  raised?: number;
  spooled?: number;
}

/** Bundles the child into a fresh folder; returns the script and a function removing the folder. */
export async function bundleEquipmentChild(): Promise<{ script: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'gem-child-'));
  await build({
    input: ENTRY,
    platform: 'node',
    output: { file: join(dir, 'gem-equipment-child.mjs'), format: 'esm' },
    logLevel: 'silent',
  });
  cpSync(CATALOGUE_DATA, join(dir, 'data'), { recursive: true });
  return { script: join(dir, 'gem-equipment-child.mjs'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export class EquipmentChildProcess extends JsonLineChild<EquipmentChildReport> {
  private constructor(script: string, stateDir: string) {
    super(script, [stateDir], 'equipment child');
  }

  /** Starts the bundled child on `stateDir`; resolves with it and its port once it listens. */
  static async start(script: string, stateDir: string): Promise<{ child: EquipmentChildProcess; port: number }> {
    const child = new EquipmentChildProcess(script, stateDir);
    const report = await child.waitFor((r) => r.port !== undefined, 15_000);
    return { child, port: report.port! };
  }
}
