import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { A, B, L, U2, U4 } from '../../protocol/items/secs-item.js';
import { CatalogueDefinitionError, UnknownDataItemError } from './catalogue-errors.js';
import { buildCatalogueMessage, readCatalogueBody, S1F14 } from './index.js';
import { SecsCatalogue } from './secs-catalogue.js';
import type { ValidationFailure } from './validation-result.js';

const TOOL_YAML = `
stream: 64
items:
  RECIPE_STEP:
    description: Step number of a recipe
    format: U2|U4
    default: U2
    constants:
      0: { name: idle, meaning: Not started }
      1: running
    otherwise: step
messages:
  S64F1:
    name: Recipe Step Request
    direction: H->E
    wbit: required
    reply: S64F2
    body:
      list: [PPID, RECIPE_STEP]
  S64F2:
    name: Recipe Step Data
    direction: E->H
    wbit: never
    body: RECIPE_STEP
`;

describe('user data items and messages', () => {
  it('adds a data item and a message that uses it, and validates against them', () => {
    const catalogue = new SecsCatalogue();
    catalogue.addDataItem({ name: 'LANE', format: 'U1[1]|A[..8]', description: 'Conveyor lane', constants: { 0: 'any' } });
    const entry = catalogue.addMessage({
      sf: 'S64F3',
      name: 'Lane Select',
      direction: 'H->E',
      wBit: 'required',
      reply: 'S64F4',
      body: { list: ['LANE', { every: 'PPID' }] },
    });
    expect(entry).toMatchObject({ stream: 64, function: 3, sf: 'S64F3', reply: 'S64F4', replyFunction: 4 });
    expect(catalogue.get(64, 3)).toBe(entry);
    expect(catalogue.constantName('LANE', 0)).toBe('any');
    expect(catalogue.validate('S64F3', L(A('L2'), L(A('RCP'))))).toEqual({ ok: true });
    const bad = catalogue.validate('S64F3', L(A('LANE-TOO-LONG'), L())) as ValidationFailure;
    expect(bad.message).toBe('S64F3 body[0]: LANE expected A[..8], got A[13]');
  });

  it('keeps additions to one catalogue out of the others', () => {
    const a = new SecsCatalogue();
    const b = new SecsCatalogue();
    a.addDataItem({ name: 'LANE', format: 'U1' });
    expect(a.hasDataItem('LANE')).toBe(true);
    expect(b.hasDataItem('LANE')).toBe(false);
  });

  it('loads data items and messages from a YAML string', () => {
    const catalogue = new SecsCatalogue();
    const loaded = catalogue.loadYaml(TOOL_YAML, { source: 'tool.yaml' });
    expect(loaded.items.map((i) => i.name)).toEqual(['RECIPE_STEP']);
    expect(loaded.messages.map((m) => m.sf)).toEqual(['S64F1', 'S64F2']);
    expect(catalogue.get('S64F1').body).toEqual({
      kind: 'list',
      items: [
        { kind: 'item', item: 'PPID' },
        { kind: 'item', item: 'RECIPE_STEP' },
      ],
    });
    expect(catalogue.validate('S64F2', U2(3)).ok).toBe(true);
    expect(catalogue.constantName('RECIPE_STEP', 1)).toBe('running');
    expect(catalogue.constantName('RECIPE_STEP', 9)).toBe('step');
    expect(catalogue.dataItem('RECIPE_STEP').meanings[0]).toBe('Not started');
    expect(catalogue.defaultFormat('RECIPE_STEP')).toBe('U2');
  });

  describe('loading from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secs-catalogue-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('loads a YAML file and names it in errors', () => {
      const good = join(dir, 'tool.yaml');
      writeFileSync(good, TOOL_YAML);
      const catalogue = new SecsCatalogue();
      catalogue.loadFile(good);
      expect(catalogue.has('S64F2')).toBe(true);
      const broken = join(dir, 'broken.yaml');
      writeFileSync(broken, 'messages:\n  S64F5:\n    name: X\n');
      expect(() => catalogue.loadFile(broken)).toThrow(
        new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: S64F5: 'direction' is required`),
      );
    });
  });

  it('refuses to redefine a built-in data item unless asked to replace it (here TIME in the extended form)', () => {
    const catalogue = new SecsCatalogue();
    expect(() => catalogue.addDataItem({ name: 'TIME', format: 'A' })).toThrow(/TIME is already in the catalogue/);
    catalogue.addDataItem({ name: 'TIME', format: 'A[..32]' }, { replace: true });
    expect(catalogue.validate('S2F18', A('2024-01-01T12:00:00.0Z')).ok).toBe(true);
    expect(new SecsCatalogue().validate('S2F18', A('2024-01-01T12:00:00.0Z')).ok).toBe(false);
  });

  it('replaces a message structure when asked to', () => {
    const catalogue = new SecsCatalogue();
    const def = { sf: 'S1F2', name: 'On Line Data', direction: 'both', wBit: 'never', body: { list: ['MDLN', 'SOFTREV'] } } as const;
    expect(() => catalogue.addMessage(def)).toThrow(/S1F2 is already in the catalogue/);
    catalogue.addMessage(def, { replace: true });
    expect(catalogue.validate('S1F2', L()).ok).toBe(false);
  });

  it('builds and reads a user message with its W-bit and structure checked', () => {
    const catalogue = new SecsCatalogue();
    catalogue.loadYaml(TOOL_YAML);
    const request = buildCatalogueMessage('S64F1', L(A('RCP'), U4(3)), { catalogue });
    expect(request).toMatchObject({ stream: 64, function: 1, wBit: true });
    expect(() => buildCatalogueMessage('S64F1', L(A('RCP')), { catalogue })).toThrow(/S64F1 body: expected L\[2\], got L\[1\]/);
    expect(readCatalogueBody('S64F2', U2(7), { catalogue })?.equals(U2(7))).toBe(true);
    expect(() => readCatalogueBody('S64F2', A('7'), { catalogue })).toThrow(/RECIPE_STEP expected one of U2, U4, got A/);
  });

  it('builds messages from a user catalogue', () => {
    const catalogue = new SecsCatalogue();
    catalogue.addDataItem({ name: 'COMMACK', format: 'B[1]|U1[1]', constants: { 0: 'accepted' } }, { replace: true });
    catalogue.setDefaultFormat('COMMACK', 'U1');
    expect(S1F14({ commack: 'accepted' }, { catalogue }).body?.toSml()).toContain('<U1 [1] 0>');
  });
});

describe('definitions the catalogue refuses', () => {
  const catalogue = new SecsCatalogue();
  const message = { sf: 'S64F1', name: 'X', direction: 'H->E', wBit: 'required', reply: 'S64F2', body: 'none' } as const;

  it.each([
    [{ ...message, body: 'NOPE' }, /S64F1: data item NOPE is not in the catalogue/],
    [{ ...message, reply: 'S64F4' }, /the reply of a primary is S64F2, not S64F4/],
    [{ ...message, reply: undefined }, /may set the W-bit, so it needs a reply \(S64F2\)/],
    [{ ...message, wBit: 'never' }, /names reply S64F2 but never sets the W-bit/],
    [{ ...message, sf: 'S64F2', reply: undefined }, /a reply \(even function\) never sets the W-bit/],
    [{ ...message, sf: 'S64F0' }, /function 0 is the abort reply/],
    [{ ...message, sf: 'S200F1' }, /is not a stream\/function/],
    [{ ...message, direction: 'up' }, /direction 'up' is not H->E, E->H or both/],
    [{ ...message, wBit: 'sometimes' }, /W-bit rule 'sometimes'/],
    [{ ...message, body: { list: ['none'] } }, /'none' \(no body\) may only be the whole body/],
    [{ ...message, body: { every: 'PPID', list: [] } }, /expected exactly one of list, every, oneOf/],
    [{ ...message, body: { oneOf: ['PPID'] } }, /'oneOf' needs an array of at least two alternatives/],
    [{ ...message, body: { repeat: 'PPID' } }, /unknown body element 'repeat'/],
  ])('refuses message %o', (definition, error) => {
    expect(() => catalogue.addMessage(definition as never)).toThrow(CatalogueDefinitionError);
    expect(() => catalogue.addMessage(definition as never)).toThrow(error);
  });

  it.each([
    [{ name: '1X', format: 'U1' }, /not an identifier/],
    [{ name: 'X', format: 'U3' }, /unknown format 'U3'/],
    [{ name: 'X', format: 'U1|int' }, /format U1 is listed twice/],
    [{ name: 'X', format: 'A[5..2]' }, /minimum above its maximum/],
    [{ name: 'X', format: 'A[abc]' }, /length rule '\[abc\]'/],
    [{ name: 'X', format: 'U1', default: 'A' }, /default format A is not one of its formats/],
    [{ name: 'X', format: 'B', constants: { 0: 'a', 1: 'a' } }, /constant name 'a' is used twice/],
  ])('refuses data item %o', (definition, error) => {
    expect(() => catalogue.addDataItem(definition as never)).toThrow(error);
  });

  it.each([
    ['items: [1, 2]', /items must be a map/],
    ['messages:\n  S64F1:\n    name: X\n    direction: H->E\n    wbit: never\n    body: none\n    colour: red', /unknown key 'colour'/],
    ['stream: 64\nmessages:\n  S65F1: { name: X, direction: H->E, wbit: never, body: none }', /this file holds stream 64 only/],
    ['items:\n  X: { format: [1] }', /format must be a string/],
    ['messages: {a: [', /user.yaml: /],
  ])('refuses YAML %j', (text, error) => {
    expect(() => catalogue.loadYaml(text, { source: 'user.yaml' })).toThrow(error);
  });

  it('leaves the catalogue as it was when a definition is refused', () => {
    expect(catalogue.has('S64F1')).toBe(false);
    expect(catalogue.hasDataItem('X')).toBe(false);
  });

  it('throws UnknownDataItemError for look-ups of an unknown item', () => {
    expect(() => catalogue.dataItem('NOPE')).toThrow(UnknownDataItemError);
    expect(() => catalogue.constants('NOPE')).toThrow(UnknownDataItemError);
  });

  it('takes B[1] codes and numeric ids from a YAML item with set-length rules', () => {
    const c = new SecsCatalogue();
    c.loadYaml('items:\n  PAIR: { format: "U4[2]|B[1]" }\nmessages:\n  S64F9: { name: P, direction: both, wbit: never, body: PAIR }');
    expect(c.validate('S64F9', U4(1, 2)).ok).toBe(true);
    expect(c.validate('S64F9', U4(1)).ok).toBe(false);
    expect(c.validate('S64F9', B(1)).ok).toBe(true);
  });
});
