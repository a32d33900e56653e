import { HsmsError } from '../protocol/hsms-error.js';

/** Base of the errors the tool turns into an exit code and one line on stderr. */
export class CliError extends HsmsError {
  static override readonly code: string = 'HSMS_CLI';
}

/** The command line cannot be used: unknown command or option, a bad value (exit code 2). */
export class CliUsageError extends CliError {
  static override readonly code: string = 'HSMS_CLI_USAGE';
}

/** One connect attempt failed: refused, unreachable, or no answer within the timeout (exit code 3). */
export class CliConnectError extends CliError {
  static override readonly code: string = 'HSMS_CLI_CONNECT';
  constructor(
    readonly address: string,
    readonly port: number,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot connect to ${address}:${port}: ${reason}`, options);
  }
}

/** The link came up but was not SELECTED, or GEM communication not established, in time (exit code 3). */
export class CliLinkError extends CliError {
  static override readonly code: string = 'HSMS_CLI_LINK';
}
