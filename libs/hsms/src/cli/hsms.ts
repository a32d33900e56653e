#!/usr/bin/env node
// The `hsms` executable: main() with the real process. Kept thin so everything else is testable in-process.
import { main } from './main.js';

/** After main() settled, give open handles this long to close before exiting anyway. */
const EXIT_GRACE_MS = 2000;

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
// main() closed every socket and timer it opened; this only matters if something was left, and
// unref() keeps it from holding the process open itself.
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
