// Test-only: bounded waits for handler events and a list of things to undo after each test, so
// no socket, timer or child process outlives the test that made it. The event wait and the
// cleanup list are the GEM and HSMS test kits' own; only `within` is particular to these tests.
export { nextEvent } from '../../gem/testing/gem-pair.js';
export { Cleanup, WAIT_MS } from '../../../../../test/support/hsms-test-kit.js';

/** `promise`, or a rejection naming `what` after `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
