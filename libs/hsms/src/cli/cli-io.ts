/** Where the tool writes: process.stdout / process.stderr, or a buffer in tests. */
export interface CliWritable {
  write(text: string): unknown;
}

/** What main() needs from its surroundings, so it runs in-process as well as from the executable. */
export interface CliIo {
  readonly stdout: CliWritable;
  readonly stderr: CliWritable;
  /**
   * Ends `serve` and `connect`. Without it they stop on SIGINT or SIGTERM; tests pass the signal of
   * an AbortController instead.
   */
  readonly signal?: AbortSignal;
}
