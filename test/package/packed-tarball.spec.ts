// The package as a user meets it: `npm run build` (skipped when the build is current), `npm pack`
// into a temporary folder, the tarball unpacked into a fresh project's node_modules (offline: its
// dependencies are symlinks to this repository's node_modules), then the root imported (ESM) and
// required (CommonJS, require(esm) on Node >= 20.19) and `nest-hsms/core` loaded in a child
// process whose resolve hook throws on any @nestjs module or the package's nest/ and cli/ folders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltPackage, REPO } from '../support/built-package.js';

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

/** What the library needs beside itself, linked from the repository (no network in tests). */
const LINKED_DEPENDENCIES = ['yaml', '@nestjs/common', '@nestjs/core', '@nestjs/microservices', 'rxjs', 'reflect-metadata'];

const FORBID_NEST_HOOK = `
import { register } from 'node:module';
const hook = \`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (specifier.startsWith('@nestjs/') || /\\\\/node_modules\\\\/nest-hsms\\\\/(nest|cli)\\\\//.test(result.url)) {
    throw new Error('forbidden module loaded: ' + specifier + ' (' + result.url + ')');
  }
  return result;
}\`;
register('data:text/javascript,' + encodeURIComponent(hook));
`;

let work: string;
let app: string;
let packed: PackResult;

/** Runs node in the fresh project and returns what the script printed. */
function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

function surfaceList(name: string): string[] {
  return readFileSync(join(REPO, `test/package/surface/${name}.txt`), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

beforeAll(() => {
  const built = ensureBuiltPackage();
  work = mkdtempSync(join(tmpdir(), 'nest-hsms-pack-'));
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: built, encoding: 'utf8', timeout: 60_000 });
  [packed] = JSON.parse(output) as PackResult[];
  app = join(work, 'app');
  const installed = join(app, 'node_modules/nest-hsms');
  mkdirSync(installed, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'fresh-app', private: true, dependencies: { 'nest-hsms': `file:../${packed.filename}` } }),
  );
  // npm packs everything under package/: unpack it where npm install would put it.
  execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1'], { timeout: 30_000 });
  for (const name of LINKED_DEPENDENCIES) {
    mkdirSync(join(app, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  writeFileSync(join(app, 'forbid-nest.mjs'), FORBID_NEST_HOOK);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds README.md, LICENSE, package.json and the catalogue data, and no spec files or test helpers', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'LICENSE',
        'package.json',
        'index.js',
        'core.js',
        'core.d.ts',
        'cli/hsms.js',
        'console/static/index.html',
        'console/static/console.js',
        'console/static/console.css',
      ]),
    );
    expect(paths.some((p) => p.startsWith('secs/catalogue/data/') && p.endsWith('.yaml'))).toBe(true);
    expect(paths.filter((p) => /\.spec\.|(^|\/)testing\//.test(p))).toEqual([]);
  });

  it('ships source maps that carry their sources, since the .ts files are not shipped', () => {
    const map = JSON.parse(readFileSync(join(app, 'node_modules/nest-hsms/core.js.map'), 'utf8')) as { sourcesContent?: string[] };
    expect(map.sourcesContent?.[0]).toContain('nest-hsms/core');
  });

  it('imports the root as ESM, with the Nest module and the core names', () => {
    const script =
      "import * as m from 'nest-hsms'; console.log(JSON.stringify({ keys: Object.keys(m).sort(), hex: m.encodeItem(m.L(m.A('ok'))).toString('hex'), module: typeof m.HsmsModule }));";
    const result = JSON.parse(node(['--input-type=module', '-e', script])) as { keys: string[]; hex: string; module: string };
    expect(result.keys).toEqual(surfaceList('root'));
    expect(result.hex).toBe('010141026f6b');
    expect(result.module).toBe('function');
  });

  it("requires the root and the core from CommonJS (require(esm)), and './package.json'", () => {
    writeFileSync(
      join(app, 'check.cjs'),
      [
        "const root = require('nest-hsms');",
        "const core = require('nest-hsms/core');",
        "const { version } = require('nest-hsms/package.json');",
        "console.log(JSON.stringify({ same: root.HsmsPacket === core.HsmsPacket, server: typeof root.HsmsServer, version, code: new core.HsmsOptionError('port', 'x').code }));",
      ].join('\n'),
    );
    const result = JSON.parse(node(['--no-warnings', 'check.cjs'])) as Record<string, unknown>;
    expect(result).toEqual({
      same: true,
      server: 'function',
      version: JSON.parse(readFileSync(join(REPO, 'libs/hsms/package.json'), 'utf8')).version,
      code: 'HSMS_OPTION_INVALID',
    });
  });

  it('loads nest-hsms/core without any @nestjs module or the CLI, and with the reviewed names', () => {
    const script = "const m = await import('nest-hsms/core'); console.log(JSON.stringify(Object.keys(m).sort()));";
    const keys = JSON.parse(node(['--import', './forbid-nest.mjs', '--input-type=module', '-e', script])) as string[];
    expect(keys).toEqual(surfaceList('core'));
  });

  it('has a hook that really fails when Nest is loaded: the root, which needs Nest, is refused', () => {
    const run = () => node(['--import', './forbid-nest.mjs', '--input-type=module', '-e', "await import('nest-hsms');"]);
    expect(run).toThrow(/forbidden module loaded: (@nestjs\/|\.\/nest\/)/);
  });
});
