// Test-only: bounded waits for handler events and a list of things to undo after each test, so
// no socket, timer or child process outlives the test that made it.
import type { GemEquipmentHandler } from '../../gem/gem-equipment-handler.js';
import type { GemEquipmentHandlerEvents } from '../../gem/gem-equipment.events.js';
import type { GemHostHandler } from '../../gem/gem-host-handler.js';
import type { GemHostHandlerEvents } from '../../gem/gem-host.events.js';
import type { TypedEventEmitter } from '../../hsms/typed-event-emitter.js';

/** The default bound on any wait in these tests. */
export const WAIT_MS = 4000;

/** Resolves with the arguments of the next `event` matching `predicate`; rejects after `timeoutMs`. */
export function nextEvent<K extends keyof GemHostHandlerEvents>(
  emitter: GemHostHandler,
  event: K,
  predicate?: (...args: GemHostHandlerEvents[K]) => boolean,
  timeoutMs?: number,
): Promise<GemHostHandlerEvents[K]>;
export function nextEvent<K extends keyof GemEquipmentHandlerEvents>(
  emitter: GemEquipmentHandler,
  event: K,
  predicate?: (...args: GemEquipmentHandlerEvents[K]) => boolean,
  timeoutMs?: number,
): Promise<GemEquipmentHandlerEvents[K]>;
export function nextEvent(
  emitter: TypedEventEmitter<Record<string, unknown[]>>,
  event: string,
  predicate: (...args: unknown[]) => boolean = () => true,
  timeoutMs = WAIT_MS,
): Promise<unknown[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}

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

/** Undo steps run in reverse order after a test, each bounded so one stuck step cannot hang the suite. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];

  add<T>(value: T, undo: (value: T) => unknown): T {
    this.steps.push(() => undo(value));
    return value;
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      await within(Promise.resolve().then(step), WAIT_MS, 'cleanup step').catch(() => undefined);
    }
  }
}
