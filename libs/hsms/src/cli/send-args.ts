import { parseArgs } from 'node:util';
import { readCommandLine } from './command-line.js';
import { CliUsageError } from './cli-errors.js';
import { readHost, readInteger, readPort, readSeconds, required } from './option-values.js';
import { MAX_SESSION_ID } from '../protocol/option-checks.js';

/** What `hsms send` does, read from the command line. */
export interface SendSettings {
  readonly host: string;
  readonly port: number;
  readonly sessionId: number;
  readonly t3: number | undefined;
  readonly t6: number | undefined;
  readonly t8: number | undefined;
  /** Seconds allowed to connect, select and establish communication. */
  readonly timeout: number;
  readonly raw: boolean;
  readonly verbose: boolean;
  /** The message in SML, as typed (several words are joined with spaces). */
  readonly sml: string;
  /** Caps of the printed reply (SmlPrintOptions): Infinity with --full. */
  readonly print: { readonly maxValues: number; readonly maxLength: number };
}

/** The reply is printed with at most this many values per item (--max-values) ... */
export const DEFAULT_PRINT_MAX_VALUES = 1000;
/** ... and this many characters (--max-chars); --full prints it whole. */
export const DEFAULT_PRINT_MAX_CHARS = 1_000_000;

const SEND_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'device-id': { type: 'string' },
  t3: { type: 'string' },
  t6: { type: 'string' },
  t8: { type: 'string' },
  timeout: { type: 'string' },
  raw: { type: 'boolean' },
  verbose: { type: 'boolean' },
  full: { type: 'boolean' },
  'max-values': { type: 'string' },
  'max-chars': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULT_TIMEOUT_SECONDS = 10;

/** Reads the arguments after `send`; 'help' when --help was asked for. Throws CliUsageError. */
export function readSendArgs(args: readonly string[]): SendSettings | 'help' {
  const { values, positionals } = readCommandLine(() =>
    parseArgs({ args: [...args], options: SEND_OPTIONS, strict: true, allowPositionals: true }),
  );
  if (values.help === true) return 'help';
  const optional = (name: 't3' | 't6' | 't8'): number | undefined =>
    values[name] === undefined ? undefined : readSeconds(name, values[name]);
  const settings = {
    host: readHost('host', required('host', values.host)),
    port: readPort('port', required('port', values.port), false),
    sessionId: values['device-id'] === undefined ? 0 : readInteger('device-id', values['device-id'], 0, MAX_SESSION_ID),
    t3: optional('t3'),
    t6: optional('t6'),
    t8: optional('t8'),
    timeout: values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : readSeconds('timeout', values.timeout),
    raw: values.raw === true,
    verbose: values.verbose === true,
    print: readPrintCaps(values.full === true, values['max-values'], values['max-chars']),
  };
  // unquoted SML arrives as several words: S1F1 W .
  const sml = positionals.join(' ');
  if (sml.trim() === '') throw new CliUsageError(`the message to send is missing: give it in SML, such as 'S1F1 W .'`);
  return { ...settings, sml };
}

function readPrintCaps(full: boolean, maxValues: string | undefined, maxChars: string | undefined): SendSettings['print'] {
  if (full && (maxValues !== undefined || maxChars !== undefined))
    throw new CliUsageError('--full prints the whole reply: it cannot go with --max-values or --max-chars');
  if (full) return { maxValues: Infinity, maxLength: Infinity };
  return {
    maxValues: maxValues === undefined ? DEFAULT_PRINT_MAX_VALUES : readInteger('max-values', maxValues, 0, 0xffffff),
    maxLength: maxChars === undefined ? DEFAULT_PRINT_MAX_CHARS : readInteger('max-chars', maxChars, 80, 2 ** 30),
  };
}
