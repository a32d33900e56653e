import { CliUsageError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { runEndpoint } from './endpoint-command.js';
import { exitCodeOf } from './exit-code-of.js';
import { ExitCode } from './exit-codes.js';
import { CONNECT_HELP, MAIN_HELP, SEND_HELP, SERVE_HELP } from './help-text.js';
import { runSend } from './send-command.js';

const COMMAND_HELP: Readonly<Record<string, string>> = { serve: SERVE_HELP, connect: CONNECT_HELP, send: SEND_HELP };

/**
 * The `hsms` tool: `argv` are the arguments after the executable (process.argv.slice(2)). Resolves
 * with the exit code (see ExitCode and `hsms --help`); never rejects and never exits the process,
 * so tests and other programs can run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'serve':
      case 'connect':
        return await runEndpoint(command, args, io);
      case 'send':
        return await runSend(args, io);
      case '--help':
      case '-h':
        io.stdout.write(MAIN_HELP);
        return ExitCode.ok;
      case 'help':
        io.stdout.write(COMMAND_HELP[args[0] ?? ''] ?? MAIN_HELP);
        return ExitCode.ok;
      case undefined:
        io.stderr.write(MAIN_HELP);
        return ExitCode.usage;
      default:
        throw new CliUsageError(`unknown command '${command}': use serve, connect or send`);
    }
  } catch (error) {
    return report(error, command, io);
  }
}

/** One line on stderr (the library's messages name the peer, the message and the code), and the exit code. */
function report(error: unknown, command: string | undefined, io: CliIo): number {
  const code = exitCodeOf(error);
  const known = command !== undefined && command in COMMAND_HELP;
  const text = error instanceof Error ? error.message : String(error);
  io.stderr.write(`hsms${known ? ` ${command}` : ''}: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
  if (code === ExitCode.usage) io.stderr.write(`Run 'hsms${known ? ` ${command}` : ''} --help' for usage.\n`);
  if (code === ExitCode.unexpected && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return code;
}
