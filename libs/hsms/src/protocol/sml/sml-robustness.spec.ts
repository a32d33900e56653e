import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecsMessage } from '../secs-message.js';
import { itemArbitrary } from '../testing/item-arbitrary.js';
import { printMessageSml } from './sml-message-printer.js';
import { parseSml, parseSmlItem } from './sml-message-parser.js';
import { SmlParseError } from './sml-parse-error.js';

// The contract: any string ends, quickly, in a result or an SmlParseError, never another error.
const TIME_LIMIT_MS = 1000; // far above a normal parse (well under 1 ms); a hang never ends

type Outcome = 'parsed' | 'rejected';

function parseOutcome(parse: () => unknown): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    parse();
    outcome = 'parsed';
  } catch (error) {
    if (!(error instanceof SmlParseError)) throw error; // fails the property with the foreign error
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    outcome = 'rejected';
  }
  expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
  return outcome;
}

/** Characters that matter to SML, so random text reaches deep into the parser, plus any character at all. */
const smlCharacter = fc.oneof(
  fc.constantFrom(
    ...'<>[]"\'\\/ .\n\r\t,:=-+0123456789xXbBoOeE'.split(''),
    'L',
    'A',
    'J',
    'B',
    'C2',
    'U4',
    'I8',
    'F4',
    'F8',
    'BOOLEAN',
    'T',
    'F',
    'S1F1',
    'W',
    'NaN',
    'inf',
    '...',
    '\\x',
    '\\u{',
    'encoding=',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const smlLikeText = fc.array(smlCharacter, { maxLength: 80 }).map((parts) => parts.join(''));

const validMessageText = fc
  .record({
    stream: fc.integer({ min: 0, max: 127 }),
    fn: fc.integer({ min: 0, max: 255 }),
    wBit: fc.boolean(),
    body: fc.option(itemArbitrary, { nil: undefined }),
  })
  .map(({ stream, fn, wBit, body }) => printMessageSml(new SecsMessage(stream, fn, wBit, body)));

type Mutation = { kind: 'insert' | 'replace'; at: number; text: string } | { kind: 'delete'; at: number; length: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: smlCharacter }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: smlCharacter }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at) + m.text + out.slice(at + 1);
  }
  return out;
}

describe('SML parser robustness (property)', () => {
  it('ends any SML-like string in a message or an SmlParseError, quickly', () => {
    const outcomes = new Set<Outcome>();
    fc.assert(
      fc.property(smlLikeText, (text) => {
        outcomes.add(parseOutcome(() => parseSml(text)));
        parseOutcome(() => parseSmlItem(text));
      }),
      { numRuns: 3000 },
    );
    expect(outcomes.has('rejected')).toBe(true);
  });

  it('ends any random string in a message or an SmlParseError, quickly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseOutcome(() => parseSml(text));
        parseOutcome(() => parseSmlItem(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('ends every mutation of valid SML in a message or an SmlParseError, quickly', () => {
    const outcomes = new Set<Outcome>();
    fc.assert(
      fc.property(validMessageText, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        outcomes.add(parseOutcome(() => parseSml(mutate(text, mutations))));
      }),
      { numRuns: 3000 },
    );
    // Both ends are reached: the mutations are neither all harmless nor all fatal.
    expect([...outcomes].sort()).toEqual(['parsed', 'rejected']);
  });
});
