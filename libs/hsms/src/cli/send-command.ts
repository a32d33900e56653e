import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { SEND_HELP } from './help-text.js';
import { LineLogger } from './line-logger.js';
import { exchangeOnce } from './one-shot-exchange.js';
import { readMessage } from './read-message.js';
import { readSendArgs } from './send-args.js';

/** What the capped printer writes where it left something out (SmlPrintOptions). */
const CAPPED = /\.\.\. \d+ more|\n\.\.\. truncated at \d+ characters$/;

/**
 * `hsms send`: one message out, its reply in SML on stdout. Errors are thrown for main() to turn
 * into one stderr line and an exit code; stdout only ever holds the reply.
 */
export async function runSend(args: readonly string[], io: CliIo): Promise<number> {
  const settings = readSendArgs(args);
  if (settings === 'help') {
    io.stdout.write(SEND_HELP);
    return ExitCode.ok;
  }
  const message = readMessage(settings.sml); // before connecting: a typo costs no connection
  const reply = await exchangeOnce(
    {
      host: settings.host,
      port: settings.port,
      sessionId: settings.sessionId,
      timers: { t3: settings.t3, t6: settings.t6, t8: settings.t8 },
      timeoutSeconds: settings.timeout,
      raw: settings.raw,
      logger: settings.verbose ? new LineLogger(io.stderr) : undefined,
    },
    message,
  );
  if (reply !== undefined) {
    // capped by default: a 16 MiB reply printed whole is 80 MB of text and a gigabyte of memory
    const sml = reply.toSml(settings.print);
    io.stdout.write(sml.endsWith('\n') ? sml : `${sml}\n`);
    if (settings.print.maxLength !== Infinity && CAPPED.test(sml)) {
      io.stderr.write(
        `hsms send: the reply was printed capped (--max-values ${settings.print.maxValues}, --max-chars ${settings.print.maxLength}); --full prints all of it\n`,
      );
    }
  }
  return ExitCode.ok;
}
