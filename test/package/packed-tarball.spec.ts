// The package as a user meets it: `npm run build` (skipped when the build is current), `npm pack`
// into a temporary folder, the tarball unpacked into a fresh project's node_modules (offline: its
// dependencies are symlinks to this repository's node_modules), then the root imported (ESM) and
// required (CommonJS, require(esm) on Node >= 20.19) and `nest-hsms/core` loaded in a child
// process whose resolve hook throws on any @nestjs module or the package's nest/ and cli/ folders.
// The entries are bundles (scripts/bundle-package.mjs): one core chunk shared by the root, the
// core and the CLI, which find the catalogue data and the console page relative to the package.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secsCatalogue } from '../../libs/hsms/src/core.js';
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
        'hsms/hsms-connection-manager.d.ts',
        'cli/hsms.js',
        'console/static/index.html',
        'console/static/console.js',
        'console/static/console.css',
        'secs/catalogue/data/builtin-catalogue.json',
      ]),
    );
    expect(paths.some((p) => p.startsWith('secs/catalogue/data/') && p.endsWith('.yaml'))).toBe(true);
    expect(paths.filter((p) => /\.spec\.|(^|\/)testing\//.test(p))).toEqual([]);
  });

  it("ships the bundle's entries and chunks as its only code, not tsc's per-module files", () => {
    const code = packed.files.map((f) => f.path).filter((p) => p.endsWith('.js'));
    expect(code.sort()).toEqual([
      'chunks/hsms-core.js',
      'chunks/rolldown-runtime.js',
      'cli/hsms.js',
      'console/static/console.js', // the console page's own script, served to the browser
      'core.js',
      'index.js',
    ]);
  });

  it('ships source maps that carry the TypeScript sources, since the .ts files are not shipped', () => {
    const map = JSON.parse(readFileSync(join(app, 'node_modules/nest-hsms/chunks/hsms-core.js.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: string[];
    };
    expect(map.sources.filter((source) => !source.endsWith('.ts'))).toEqual([]);
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    const hsmsError = map.sources.findIndex((source) => source.endsWith('/protocol/hsms-error.ts'));
    expect(map.sourcesContent?.[hsmsError]).toContain('export class HsmsError extends Error');
  });

  it('gives stack traces that name the TypeScript sources under --enable-source-maps', () => {
    const script =
      "import { decodeItem } from 'nest-hsms/core'; try { decodeItem(Buffer.from([0xff])); } catch (error) { console.log(error.stack); }";
    const stack = node(['--enable-source-maps', '--input-type=module', '-e', script]);
    expect(stack).toMatch(/^Secs\w+Error: /);
    expect(stack).toMatch(/libs\/hsms\/src\/protocol\/items\/[\w-]+\.ts:\d+:\d+/);
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

  it('shares one copy of every class between the root and the core: instanceof and the error codes hold across them', () => {
    const script = [
      "import * as root from 'nest-hsms';",
      "import * as core from 'nest-hsms/core';",
      'let thrown;',
      'try { root.decodeItem(Buffer.from([0xff])); } catch (error) { thrown = error; }',
      'const errorClasses = Object.entries(root).filter(([, v]) => typeof v === "function" && v.prototype instanceof Error);',
      'console.log(JSON.stringify({',
      '  sameValues: Object.keys(core).filter((name) => core[name] !== root[name]),',
      '  thrown: [thrown instanceof core.SecsDecodeError, thrown instanceof core.HsmsError, thrown.name, thrown.code],',
      '  option: new root.HsmsOptionError("port", "x") instanceof core.HsmsError,',
      '  codes: errorClasses.filter(([name]) => name !== "HsmsS9Exception").map(([name, cls]) => name + " " + cls.code).sort(),',
      '}));',
    ].join('\n');
    const result = JSON.parse(node(['--input-type=module', '-e', script])) as {
      sameValues: string[];
      thrown: [boolean, boolean, string, string];
      option: boolean;
      codes: string[];
    };
    expect(result.sameValues).toEqual([]);
    expect(result.thrown).toEqual([true, true, expect.stringMatching(/^Secs\w+Error$/), expect.stringMatching(/^HSMS_/)]);
    expect(result.option).toBe(true);
    expect(result.codes).toEqual(surfaceList('error-codes'));
  });

  it('loads the built-in catalogue from the package: the pre-parsed JSON, or without it the YAML', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { secsCatalogue } = await import('nest-hsms/core');",
      'const messages = secsCatalogue.messages().length;',
      // catalogue-yaml.ts loads yaml with require(), on demand: the CommonJS cache tells whether it ran
      'const yaml = Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\/\\\\]yaml[\\/\\\\]/.test(file));',
      "console.log(JSON.stringify({ messages, s6f11: secsCatalogue.get('S6F11').name, yaml }));",
    ].join('\n');
    const load = () => JSON.parse(node(['--input-type=module', '-e', script])) as { messages: number; s6f11: string; yaml: boolean };
    const expected = { messages: secsCatalogue.messages().length, s6f11: 'Event Report Send' };
    expect(load()).toEqual({ ...expected, yaml: false });
    const json = join(app, 'node_modules/nest-hsms/secs/catalogue/data/builtin-catalogue.json');
    renameSync(json, `${json}.away`);
    try {
      expect(load()).toEqual({ ...expected, yaml: true });
    } finally {
      renameSync(`${json}.away`, json);
    }
  });

  it("serves the console's page from the package's console/static folder", async () => {
    const script = [
      "const { HsmsConnectionManager, HsmsConsoleServer } = await import('nest-hsms/core');",
      'const manager = new HsmsConnectionManager();',
      "const server = new HsmsConsoleServer(manager, { port: 0, host: '127.0.0.1' });",
      'await server.start();',
      'try {',
      '  const page = await fetch(server.url, { signal: AbortSignal.timeout(10_000) });',
      "  const script = await fetch(new URL('console.js', server.url), { signal: AbortSignal.timeout(10_000) });",
      '  console.log(JSON.stringify({ page: [page.status, (await page.text()).slice(0, 200)], script: [script.status, (await script.arrayBuffer()).byteLength] }));',
      '} finally {',
      '  await server.stop();',
      '  await manager.stop();',
      '}',
    ].join('\n');
    const result = JSON.parse(node(['--input-type=module', '-e', script])) as { page: [number, string]; script: [number, number] };
    expect(result.page[0]).toBe(200);
    expect(result.page[1]).toMatch(/<!doctype html>/i);
    expect(result.script).toEqual([200, readFileSync(join(REPO, 'libs/hsms/src/console/static/console.js')).length]);
  });

  it('runs the `hsms` executable (package.json bin) from the package: --help', () => {
    const bin = (JSON.parse(readFileSync(join(app, 'node_modules/nest-hsms/package.json'), 'utf8')) as { bin: { hsms: string } }).bin.hsms;
    const help = node([join('node_modules/nest-hsms', bin), '--help']);
    expect(help).toMatch(/^Usage: hsms <command>/);
    expect(readFileSync(join(app, 'node_modules/nest-hsms', bin), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('runs a Nest microservice from the package: DI by design:paramtypes, the HSMS transport, a @MessagePattern handler', () => {
    // Plain JavaScript, so the decorators are applied by hand; the types in design:paramtypes are
    // the CORE entry's classes, which Nest can resolve only if the root registered the same ones.
    writeFileSync(
      join(app, 'nest-app.mjs'),
      `
import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HSMS_TRANSPORT, HsmsClient, HsmsModule, HsmsServer, InjectHsmsPeer } from 'nest-hsms';
import { A, HsmsActiveConnection, HsmsConnectionManager, HsmsHandler, HsmsState, L, SecsHandler, SecsMessage } from 'nest-hsms/core';

class ToolController {
  identify(body) { return L(A('PACKED'), A(body === undefined ? 'header-only' : body.type)); }
}
Reflect.decorate([MessagePattern('S1F1', HSMS_TRANSPORT)], ToolController.prototype, 'identify', Object.getOwnPropertyDescriptor(ToolController.prototype, 'identify'));
Payload()(ToolController.prototype, 'identify', 0);
Controller()(ToolController);

class EtcherService {
  constructor(etcher, manager, client) { Object.assign(this, { etcher, manager, client }); }
}
Reflect.defineMetadata('design:paramtypes', [HsmsHandler, HsmsConnectionManager, HsmsClient], EtcherService);
InjectHsmsPeer('etcher')(EtcherService, undefined, 0);
Injectable()(EtcherService);

class AppModule {}
Module({
  imports: [HsmsModule.forRoot({ logLevel: 'error', peers: [{ name: 'etcher', address: '127.0.0.1', port: 0, active: false, role: 'equipment' }] })],
  controllers: [ToolController],
  providers: [EtcherService],
})(AppModule);

const nest = await NestFactory.createMicroservice(AppModule, { inject: [HsmsServer], useFactory: (strategy) => ({ strategy }), logger: false });
await nest.listen();
const service = nest.get(EtcherService);
const port = service.manager.listeningPort(0);
const tool = new SecsHandler(new HsmsActiveConnection('127.0.0.1', port, 0), { name: 'tool', role: 'host' });
try {
  const selected = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not SELECTED in 10 s')), 10_000);
    tool.on('state', (state) => state === HsmsState.Selected && (clearTimeout(timer), resolve()));
  });
  tool.enable();
  await selected;
  const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
  console.log(JSON.stringify({
    injected: service.etcher === service.manager.get('etcher') && service.etcher instanceof HsmsHandler,
    client: service.client instanceof HsmsClient,
    reply: [reply.sf, reply.body.items.map((item) => item.value)],
  }));
} finally {
  tool.disable();
  await nest.close();
}
`,
    );
    const result = JSON.parse(node(['nest-app.mjs'])) as Record<string, unknown>;
    expect(result).toEqual({ injected: true, client: true, reply: ['S1F2', ['PACKED', 'header-only']] });
  });

  it('has a hook that really fails when Nest is loaded: the root, which needs Nest, is refused', () => {
    const run = () => node(['--import', './forbid-nest.mjs', '--input-type=module', '-e', "await import('nest-hsms');"]);
    expect(run).toThrow(/forbidden module loaded: (@nestjs\/|\.\/nest\/)/);
  });
});
