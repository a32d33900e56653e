// The public surface is a reviewed list (design/style.md): the names each entry exports at run
// time are compared with the lists checked in beside this file, and every error class's stable
// code with error-codes.txt. A change here is a change of the package's API: review it, then run
//   UPDATE_SURFACE=1 npx vitest run test/package/public-surface.spec.ts
// to rewrite the lists, and commit them with the change. The built package (the bundle
// `npm run build` writes to dist/libs/hsms) is held to the same lists.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { HsmsError } from '../../libs/hsms/src/core.js';
import { ensureBuiltPackage } from '../support/built-package.js';

const UPDATE = process.env['UPDATE_SURFACE'] === '1';
const HOW_TO_UPDATE =
  'if the change is intended, run UPDATE_SURFACE=1 npx vitest run test/package/public-surface.spec.ts and commit the lists';

const ENTRIES = {
  core: () => import('../../libs/hsms/src/core.js'),
  root: () => import('../../libs/hsms/src/index.js'),
} as const;

function listFile(name: string): URL {
  return new URL(`./surface/${name}.txt`, import.meta.url);
}

/** The checked-in list, or the given one written when UPDATE_SURFACE=1. */
function expected(name: string, actual: string[]): string[] {
  if (UPDATE) writeFileSync(listFile(name), `${actual.join('\n')}\n`);
  return readFileSync(listFile(name), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

function compare(name: string, actual: string[]): void {
  const listed = expected(name, actual);
  const added = actual.filter((n) => !listed.includes(n));
  const removed = listed.filter((n) => !actual.includes(n));
  const explain = `the ${name} surface changed (added: ${added.join(', ') || 'none'}; removed: ${removed.join(', ') || 'none'}); ${HOW_TO_UPDATE}`;
  expect({ added, removed }, explain).toEqual({ added: [], removed: [] });
}

/**
 * The type-only names (interfaces, type aliases) each entry exports, which Object.keys cannot
 * see: read with the compiler from the sources, aliases followed to their declarations.
 */
function typeOnlyExports(): Record<keyof typeof ENTRIES, string[]> {
  const file = (name: string) => fileURLToPath(new URL(`../../libs/hsms/src/${name}`, import.meta.url));
  const files = { core: file('core.ts'), root: file('index.ts') };
  const program = ts.createProgram(Object.values(files), {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const names = (path: string): string[] => {
    const source = program.getSourceFile(path);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read the exports of ${path}`);
    return checker
      .getExportsOfModule(module)
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & ts.SymbolFlags.Value) === 0;
      })
      .map((symbol) => symbol.name)
      .sort();
  };
  return { core: names(files.core), root: names(files.root) };
}

type ErrorClass = typeof HsmsError;

function errorClasses(module: Record<string, unknown>): Array<[string, ErrorClass]> {
  return Object.entries(module)
    .filter((entry): entry is [string, ErrorClass] => typeof entry[1] === 'function' && entry[1].prototype instanceof Error)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The rows of error-codes.txt: every exported error class with its code, each checked to extend `root`'s own HsmsError. */
function errorCodeRows(root: Record<string, unknown>): string[] {
  const rootError = root['HsmsError'] as ErrorClass;
  const rows: string[] = [];
  for (const [name, cls] of errorClasses(root)) {
    // HsmsS9Exception must extend Nest's RpcException: Nest's filters pass only those through.
    if (name === 'HsmsS9Exception') continue;
    if (cls !== rootError) expect(cls.prototype, `${name} must extend HsmsError`).toBeInstanceOf(rootError);
    expect(Object.hasOwn(cls, 'code'), `${name} must declare its own static code`).toBe(true);
    expect(cls.code).toMatch(/^HSMS_[A-Z0-9_]+$/);
    rows.push(`${name} ${cls.code}`);
  }
  return rows;
}

describe('the public surface', () => {
  it.each(Object.keys(ENTRIES) as Array<keyof typeof ENTRIES>)('%s exports exactly the reviewed names', async (entry) => {
    const module = (await ENTRIES[entry]()) as Record<string, unknown>;
    compare(entry, Object.keys(module).sort());
  });

  it('exports exactly the reviewed type names (interfaces and type aliases) from each entry', () => {
    const types = typeOnlyExports();
    compare('core.types', types.core);
    compare('root.types', types.root);
  }, 60_000); // the compiler reads the whole library: seconds on a loaded two-core machine

  it('root = core + the Nest integration: every core name is exported by the root too', async () => {
    const core = Object.keys(await ENTRIES.core());
    const root = Object.keys(await ENTRIES.root());
    expect(core.filter((name) => !root.includes(name))).toEqual([]);
  });

  it.each([
    'resolveTimerOptions',
    'runHsmsCli',
    'CliUsageError',
    'handlerClassFor',
    'addConfiguredPeer',
    'LeveledLogger',
    'HsmsModuleOptionsError',
    'GemOptionError',
  ])('does not export the internal or removed name %s', async (name) => {
    expect(Object.keys(await ENTRIES.root())).not.toContain(name);
  });

  it('roots every exported error class under HsmsError with its own stable code, except the Nest RpcException', async () => {
    const root = (await ENTRIES.root()) as Record<string, unknown>;
    expect(root['HsmsError']).toBe(HsmsError);
    const rows = errorCodeRows(root);
    const codes = rows.map((row) => row.split(' ')[1]);
    expect(
      codes.filter((code, i) => codes.indexOf(code) !== i),
      'codes must be unique',
    ).toEqual([]);
    compare('error-codes', rows);
  });

  it('gives an instance the class code and the class name', async () => {
    const { HsmsReplyTimeoutError, HsmsTimeoutError } = await ENTRIES.core();
    const error = new HsmsReplyTimeoutError('etcher', 45, { kind: 'data', system: 1, label: 'S1F1 W' });
    expect(error).toBeInstanceOf(HsmsTimeoutError);
    expect(error).toBeInstanceOf(HsmsError);
    expect(error.code).toBe('HSMS_REPLY_TIMEOUT');
    expect(error.name).toBe('HsmsReplyTimeoutError');
  });
});

describe('the public surface of the built package (dist/libs/hsms, bundled)', () => {
  let built: string;
  const load = (entry: string) => import(pathToFileURL(join(built, entry)).href) as Promise<Record<string, unknown>>;
  beforeAll(() => {
    built = ensureBuiltPackage();
  }, 240_000);

  it.each([
    ['core', 'core.js'],
    ['root', 'index.js'],
  ])('%s exports exactly the reviewed names', async (name, file) => {
    compare(name, Object.keys(await load(file)).sort());
  });

  it('has the reviewed error classes and codes, every one under the HsmsError of the same bundle', async () => {
    const root = await load('index.js');
    expect(root['HsmsError']).not.toBe(HsmsError); // the bundle's own class, not the sources'
    expect(errorCodeRows(root)).toEqual(
      readFileSync(listFile('error-codes'), 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
  });

  it('gives an instance thrown inside the bundle its class name and code (names survive bundling)', async () => {
    const core = await load('core.js');
    const decodeItem = core['decodeItem'] as (bytes: Buffer) => unknown;
    let thrown: unknown;
    try {
      decodeItem(Buffer.from([0xff]));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(core['HsmsError'] as ErrorClass);
    const { name, code } = thrown as HsmsError;
    const cls = (thrown as HsmsError).constructor as ErrorClass;
    expect(name).toBe(cls.name);
    expect(code).toBe(cls.code);
    expect(Object.keys(core)).toContain(name);
  });
});
