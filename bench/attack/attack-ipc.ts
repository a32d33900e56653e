// The messages between bench/attack.ts and its two children (the attacked equipment, the good host).

export interface Request {
  readonly id: number;
  readonly cmd: string;
  readonly args?: unknown;
}

export interface Answer {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

/** What the equipment process measured since the last 'take'. */
export interface ServerStats {
  readonly peakRssMiB: number;
  readonly maxStallMs: number;
}

/** The good host's S1F1 round trips since the last 'take'. */
export interface HostStats {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly failures: number;
}

/** Answers requests with `handlers`; exits when the parent goes away or after `hardLimitMs`. */
export function answerRequests(handlers: Record<string, (args: never) => unknown>, hardLimitMs: number): void {
  if (!process.send) throw new Error('must be started by bench/attack.ts with an IPC channel');
  setTimeout(() => process.exit(3), hardLimitMs).unref();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (request: Request) => {
    const reply = (answer: Answer): void => {
      if (process.connected) process.send!(answer);
    };
    if (request.cmd === 'exit') {
      reply({ id: request.id, ok: true });
      setImmediate(() => process.exit(0));
      return;
    }
    const handler = handlers[request.cmd];
    if (!handler) return reply({ id: request.id, ok: false, error: `unknown command ${request.cmd}` });
    Promise.resolve()
      .then(() => handler(request.args as never))
      .then(
        (result) => reply({ id: request.id, ok: true, result }),
        (error: unknown) => reply({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
