/** The signals that end `serve` and `connect` when no AbortSignal is given. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Resolves with what asked to stop: the AbortSignal when one is given (tests, embedding), else the
 * first SIGINT (Ctrl-C) or SIGTERM. Our listeners are removed again, so the process's default
 * handling is back once the endpoint has shut down.
 */
export function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  if (signal !== undefined) {
    if (signal.aborted) return Promise.resolve('abort');
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve('abort'), { once: true }));
  }
  return new Promise((resolve) => {
    const stop = (name: NodeJS.Signals): void => {
      for (const s of STOP_SIGNALS) process.off(s, stop);
      resolve(name);
    };
    for (const s of STOP_SIGNALS) process.on(s, stop);
  });
}
