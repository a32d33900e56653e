// Process-level checks for the load and fuzz tests: "the process never crashed" is asserted by
// listening for uncaught exceptions and unhandled rejections while the test runs, and "memory stays
// bounded" by comparing the heap after a full garbage collection before and after.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Records every uncaught exception and unhandled rejection between start() and stop(). */
export class ProcessFaults {
  readonly faults: Array<{ kind: 'uncaughtException' | 'unhandledRejection'; error: unknown }> = [];
  private readonly onException = (error: unknown): void => void this.faults.push({ kind: 'uncaughtException', error });
  private readonly onRejection = (error: unknown): void => void this.faults.push({ kind: 'unhandledRejection', error });

  start(): this {
    process.on('uncaughtException', this.onException);
    process.on('unhandledRejection', this.onRejection);
    return this;
  }

  stop(): void {
    process.off('uncaughtException', this.onException);
    process.off('unhandledRejection', this.onRejection);
  }
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection. Vitest's workers do not run with --expose-gc, so the flag is turned on
 * at run time and gc() taken from a fresh context (V8 installs it on contexts created after that).
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

/** Heap in use after a full collection, in bytes. */
export function settledHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
