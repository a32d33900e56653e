import { describe, expect, it } from 'vitest';
import { referencedItems } from './body-shape.js';
import { builtInDocuments } from './builtin-documents.js';
import { CODE_TABLES } from './code-constants.js';
import { describeFormatRules } from './format-rules.js';
import { SecsCatalogue } from './secs-catalogue.js';

const catalogue = new SecsCatalogue();

function range(stream: number, first: number, last: number): string[] {
  const out: string[] = [];
  for (let f = first; f <= last; f++) out.push(`S${stream}F${f}`);
  return out;
}

// The messages issue 4 lists. Stream 9 has primaries only (E5 defines no S9 replies).
const REQUIRED = [
  ...range(1, 1, 4),
  ...range(1, 11, 18),
  ...range(2, 13, 18),
  ...range(2, 29, 38),
  ...range(2, 41, 42),
  ...range(5, 1, 8),
  ...range(6, 11, 12),
  ...range(6, 15, 16),
  ...range(7, 1, 6),
  ...range(7, 17, 20),
  ...['S9F1', 'S9F3', 'S9F5', 'S9F7', 'S9F9', 'S9F11', 'S9F13'],
  ...range(10, 1, 4),
];

// The additional GEM capabilities of issue 12 (name lists, trace, multi-block, spooling, limits,
// enhanced remote command, individual reports, multi-block terminal).
const ADDITIONAL = [
  ...range(1, 21, 24),
  ...range(2, 23, 24),
  ...range(2, 39, 40),
  ...range(2, 43, 50),
  ...range(6, 1, 2),
  ...range(6, 5, 6),
  ...range(6, 19, 24),
  ...range(10, 5, 7),
  ...range(10, 9, 10),
];

const OPPOSITE = { 'H->E': 'E->H', 'E->H': 'H->E', both: 'both' } as const;

describe('built-in message catalogue', () => {
  it.each([...REQUIRED, ...ADDITIONAL])('holds %s', (sf) => {
    const entry = catalogue.get(sf);
    expect(entry.sf).toBe(sf);
    expect(entry.name.length).toBeGreaterThan(3);
  });

  it('gives every primary with a W-bit the next function of its stream as the reply', () => {
    const primaries = catalogue.messages().filter((e) => e.function % 2 === 1 && e.wBit !== 'never');
    expect(primaries.length).toBe(43);
    for (const entry of primaries) {
      expect(entry.reply, entry.sf).toBe(`S${entry.stream}F${entry.function + 1}`);
      expect(entry.replyFunction, entry.sf).toBe(entry.function + 1);
      const reply = catalogue.get(entry.reply!);
      expect(reply.wBit, reply.sf).toBe('never');
      expect(reply.reply, reply.sf).toBeUndefined();
      expect(reply.direction, `${entry.sf} -> ${reply.sf}`).toBe(OPPOSITE[entry.direction]);
    }
  });

  it('gives every even function a primary one below it, and never a W-bit', () => {
    for (const entry of catalogue.messages().filter((e) => e.function % 2 === 0)) {
      expect(entry.wBit, entry.sf).toBe('never');
      expect(catalogue.get(entry.stream, entry.function - 1).reply, entry.sf).toBe(entry.sf);
    }
  });

  it('sends stream 9 from the equipment, W-bit clear, without replies', () => {
    const s9 = catalogue.messages().filter((e) => e.stream === 9);
    expect(s9.map((e) => e.sf)).toEqual(['S9F1', 'S9F3', 'S9F5', 'S9F7', 'S9F9', 'S9F11', 'S9F13']);
    for (const entry of s9) {
      expect(entry).toMatchObject({ direction: 'E->H', wBit: 'never', reply: undefined });
    }
  });

  it.each([
    ['S1F1', 'Are You There Request', 'both', 'required'],
    ['S1F13', 'Establish Communications Request', 'both', 'required'],
    ['S2F41', 'Host Command Send', 'H->E', 'required'],
    ['S5F1', 'Alarm Report Send', 'E->H', 'optional'],
    ['S5F3', 'Enable/Disable Alarm Send', 'H->E', 'optional'],
    ['S6F11', 'Event Report Send', 'E->H', 'optional'],
    ['S7F19', 'Current EPPD Request', 'H->E', 'required'],
    ['S10F3', 'Terminal Display, Single', 'H->E', 'optional'],
  ])('describes %s as %s, %s, W %s', (sf, name, direction, wBit) => {
    expect(catalogue.get(sf)).toMatchObject({ name, direction, wBit });
  });

  it('marks the header-only messages with a none body', () => {
    const headerOnly = catalogue
      .messages()
      .filter((e) => e.body.kind === 'none')
      .map((e) => e.sf);
    expect(headerOnly).toEqual(['S1F1', 'S1F15', 'S1F17', 'S2F17', 'S5F7', 'S7F19']);
  });

  it('holds every data item a message body names', () => {
    for (const entry of catalogue.messages()) {
      for (const name of referencedItems(entry.body)) expect(catalogue.hasDataItem(name), `${entry.sf} uses ${name}`).toBe(true);
    }
  });

  it('knows which streams it holds', () => {
    expect([1, 2, 5, 6, 7, 9, 10].every((s) => catalogue.hasStream(s))).toBe(true);
    expect(catalogue.hasStream(3)).toBe(false);
    expect(catalogue.has(2, 41)).toBe(true);
    expect(catalogue.has('S2F43')).toBe(true);
    expect(catalogue.has('S2F51')).toBe(false);
  });
});

describe('built-in data items', () => {
  it.each([
    ['SVID', 'one of U1, U2, U4, U8, I1, I2, I4, I8, A'],
    ['CEID', 'one of U1, U2, U4, U8, I1, I2, I4, I8, A'],
    ['ALID', 'one of U1, U2, U4, U8, I1, I2, I4, I8'],
    ['ALCD', 'B[1]'],
    ['COMMACK', 'B[1]'],
    ['HCACK', 'B[1]'],
    ['CEED', 'BOOLEAN[1]'],
    ['MDLN', 'A[..20]'],
    ['SOFTREV', 'A[..20]'],
    ['TIME', 'A[12|14|16]'],
    ['ALTX', 'A[..120]'],
    ['MHEAD', 'B[10]'],
    ['SHEAD', 'B[10]'],
    ['RCMD', 'one of A, U1, I1'],
  ])('gives %s the formats %s', (name, formats) => {
    expect(describeFormatRules(catalogue.dataItem(name).formats)).toBe(formats);
  });

  it.each([
    ['CEID', 'U4'],
    ['ALID', 'U4'],
    ['DATAID', 'U4'],
    ['RPTID', 'U4'],
    ['RCMD', 'A'],
    ['HCACK', 'B'],
  ])('builds %s as %s by default', (name, format) => {
    expect(catalogue.defaultFormat(name)).toBe(format);
  });

  it('names the HCACK codes 0..6', () => {
    expect(catalogue.constants('HCACK')).toEqual({
      0: 'ok',
      1: 'invalidCommand',
      2: 'cannotPerformNow',
      3: 'parameterInvalid',
      4: 'acceptedWillFinishLater',
      5: 'alreadyInCondition',
      6: 'noSuchObject',
    });
    expect(catalogue.dataItem('HCACK').meanings[4]).toMatch(/completion signaled later/);
  });

  it('turns codes into names and back, with the otherwise name for unlisted codes', () => {
    expect(catalogue.constantName('COMMACK', 0)).toBe('accepted');
    expect(catalogue.constantName('COMMACK', 1)).toBe('denied');
    expect(catalogue.constantName('COMMACK', 7)).toBeUndefined();
    expect(catalogue.constantName('ACKC5', 3)).toBe('error');
    expect(catalogue.constantValue('ONLACK', 'alreadyOnline')).toBe(2);
    expect(catalogue.constantValue('ONLACK', 'nope')).toBeUndefined();
  });

  it.each(Object.entries(CODE_TABLES))('has typed constants for %s that match the data file', (name, table) => {
    const fromData = Object.fromEntries(Object.entries(catalogue.constants(name)).map(([code, n]) => [n, Number(code)]));
    expect(table).toEqual(fromData);
  });
});

describe('built-in data files', () => {
  it('are read and parsed once per process', () => {
    expect(builtInDocuments()).toBe(builtInDocuments());
  });

  it('load lazily: a new catalogue holds nothing until first asked', () => {
    const fresh = new SecsCatalogue();
    expect(Reflect.get(fresh, 'messagesByKey').size).toBe(0);
    expect(fresh.has('S1F1')).toBe(true);
    expect(Reflect.get(fresh, 'messagesByKey').size).toBeGreaterThan(60);
  });

  it('can be left out for an empty catalogue', () => {
    const empty = new SecsCatalogue({ builtIn: false });
    expect(empty.messages()).toEqual([]);
    expect(empty.dataItems()).toEqual([]);
  });
});
