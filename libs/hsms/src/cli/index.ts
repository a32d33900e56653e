// The `hsms` command-line tool's public names. main() is exported as runHsmsCli so the package
// root does not export a name as generic as `main`.
export { main as runHsmsCli } from './main.js';
export type { CliIo, CliWritable } from './cli-io.js';
export { ExitCode as HsmsCliExitCode, type ExitCodeValue as HsmsCliExitCodeValue } from './exit-codes.js';
export { CliError, CliUsageError, CliConnectError, CliLinkError } from './cli-errors.js';
