import { HsmsOptionError } from '../connections/hsms-options.js';
import {
  HsmsConnectionClosedError,
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsRejectedError,
  HsmsReplyTimeoutError,
} from '../hsms/hsms-errors.js';
import { SecsAbortReplyError, SecsStream9Error } from '../secs/secs-errors.js';
import { CliConnectError, CliLinkError, CliUsageError } from './cli-errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** The exit code for an error a command ended with (see ExitCode). */
export function exitCodeOf(error: unknown): ExitCodeValue {
  if (error instanceof CliUsageError || error instanceof HsmsOptionError) return ExitCode.usage;
  if (error instanceof CliConnectError || error instanceof CliLinkError) return ExitCode.connect;
  if (error instanceof HsmsReplyTimeoutError) return ExitCode.replyTimeout;
  if (error instanceof HsmsRejectedError) return ExitCode.rejected;
  if (error instanceof SecsAbortReplyError) return ExitCode.aborted;
  if (error instanceof SecsStream9Error) return ExitCode.stream9;
  // the link went away between SELECT and our send, or while the request waited
  if (error instanceof HsmsConnectionClosedError || error instanceof HsmsNotSelectedError || error instanceof HsmsNotConnectedError)
    return ExitCode.closed;
  return ExitCode.unexpected;
}
