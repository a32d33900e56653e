import { CliUsageError } from './cli-errors.js';

/** The codes node:util parseArgs gives its errors for a command line it cannot read. */
const PARSE_ARGS_CODES = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

/**
 * Runs a node:util parseArgs call and turns its errors into CliUsageError with the first sentence
 * of Node's message ("Unknown option '--prot'"), which is the part a user needs.
 */
export function readCommandLine<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof Error) || typeof code !== 'string' || !PARSE_ARGS_CODES.has(code)) throw error;
    const firstSentence = error.message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new CliUsageError(firstSentence, { cause: error });
  }
}
