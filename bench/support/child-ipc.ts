// The child side of the benchmark's IPC: commands in, one answer per command out. A child never
// outlives its parent (it exits when the IPC channel closes) nor its hard time limit.
import { memorySnapshot } from './stats.js';

export interface CommandMessage {
  id: number;
  cmd: string;
  args?: unknown;
}

export interface AnswerMessage {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type CommandHandler = (args: never) => unknown;

/**
 * Answers the parent's commands with `handlers` (plus the built-in 'memory' and 'exit'). Exits by
 * itself when the parent goes away or after `hardLimitMs`, whatever it is doing.
 */
export function serveCommands(name: string, handlers: Record<string, CommandHandler>, hardLimitMs: number): void {
  if (!process.send) throw new Error(`${name}: must be started by the benchmark with an IPC channel`);
  const limit = setTimeout(() => {
    console.error(`${name}: hard time limit of ${hardLimitMs} ms reached, exiting`);
    process.exit(3);
  }, hardLimitMs);
  limit.unref();
  process.on('disconnect', () => process.exit(0));
  const all: Record<string, CommandHandler> = {
    memory: () => memorySnapshot(),
    cpu: () => process.cpuUsage(),
    exit: () => {
      setImmediate(() => process.exit(0));
      return true;
    },
    ...handlers,
  };
  process.on('message', (message: CommandMessage) => {
    const handler = all[message.cmd];
    const answer = (a: AnswerMessage): void => {
      if (process.connected) process.send!(a);
    };
    if (!handler) return answer({ id: message.id, ok: false, error: `${name}: unknown command '${message.cmd}'` });
    Promise.resolve()
      .then(() => handler(message.args as never))
      .then(
        (result) => answer({ id: message.id, ok: true, result }),
        (error: unknown) =>
          answer({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  process.send({ id: 0, ok: true, result: 'started' } satisfies AnswerMessage);
}
