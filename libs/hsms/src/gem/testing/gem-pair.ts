// A GEM host and a GEM equipment of this library over loopback, for tests of GEM applications:
//
//   const pair = await startGemPair({ equipment: { mdln: 'ETCH', softrev: '1.0' } });
//   await pair.communicating();
//   const values = await pair.host.requestStatusVariables([1]);
//   await pair.dispose();
//
// Real TCP sockets on 127.0.0.1 (the equipment listens on a free port); every wait is bounded.
import type { EventEmitter } from 'node:events';
import { HsmsActiveConnection, type HsmsActiveOptions } from '../../connections/hsms-active-connection.js';
import type { HsmsTimerOptions } from '../../connections/hsms-options.js';
import { HsmsPassiveConnection, type HsmsPassiveOptions } from '../../connections/hsms-passive-connection.js';
import { GemEquipmentHandler, type GemEquipmentHandlerOptions } from '../gem-equipment-handler.js';
import type { GemEquipmentHandlerEvents } from '../gem-equipment.events.js';
import type { GemHandler } from '../gem-handler.js';
import type { GemHandlerEvents } from '../gem-handler.events.js';
import type { GemHostHandlerEvents } from '../gem-host.events.js';
import { GemHostHandler, type GemHostHandlerOptions } from '../gem-host-handler.js';

const LOOPBACK = '127.0.0.1';

/** Timers for tests that do not test them: quick reconnects, calm everything else. */
export const GEM_TEST_TIMERS: Readonly<HsmsTimerOptions> = Object.freeze({
  t3: 5,
  t5: 0.05,
  t6: 3,
  t7: 5,
  t8: 3,
  linktest: 0,
  connectTimeout: 2,
});

/** The default bound on any wait. */
export const GEM_WAIT_MS = 4000;

export interface GemPairOptions {
  readonly equipment?: GemEquipmentHandlerOptions;
  readonly host?: GemHostHandlerOptions;
  /** HSMS timers of both sides (GEM_TEST_TIMERS by default). */
  readonly timers?: HsmsTimerOptions;
  /** More connection options of the equipment side (a logger ...), over `timers`. */
  readonly equipmentConnection?: HsmsPassiveOptions;
  /** More connection options of the host side, over `timers`. */
  readonly hostConnection?: HsmsActiveOptions;
  /** Enable the host at once (default true); false leaves host.enable() to the test. */
  readonly enableHost?: boolean;
}

export interface GemPair {
  /** Passive, listening on `port`. */
  readonly equipment: GemEquipmentHandler;
  /** Active, connecting to `port`. */
  readonly host: GemHostHandler;
  readonly port: number;
  /** Resolves once both sides are COMMUNICATING. */
  communicating(timeoutMs?: number): Promise<void>;
  /** Disables both handlers (idempotent, bounded). */
  dispose(): Promise<void>;
}

export async function startGemPair(options: GemPairOptions = {}): Promise<GemPair> {
  const timers = options.timers ?? GEM_TEST_TIMERS;
  const passive = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, {
    bindAddress: LOOPBACK,
    ...timers,
    ...options.equipmentConnection,
  });
  const equipment = new GemEquipmentHandler(passive, { name: 'equipment', ...options.equipment });
  equipment.enable();
  const port = await passive.whenListening();
  const active = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, { ...timers, ...options.hostConnection });
  const host = new GemHostHandler(active, { name: 'host', ...options.host });
  if (options.enableHost ?? true) host.enable();
  return {
    equipment,
    host,
    port,
    communicating: async (timeoutMs = GEM_WAIT_MS) => {
      await Promise.all([whenCommunicating(equipment, timeoutMs), whenCommunicating(host, timeoutMs)]);
    },
    dispose: async () => {
      await Promise.all([host.disable(), equipment.disable()]);
    },
  };
}

/** Resolves once the handler is COMMUNICATING (at once if it is); rejects after `timeoutMs`. */
export function whenCommunicating(handler: GemHandler, timeoutMs = GEM_WAIT_MS): Promise<void> {
  if (handler.communicating) return Promise.resolve();
  return nextEvent(handler, 'communicating', () => true, timeoutMs).then(() => undefined);
}

/** Resolves with the arguments of the next `event` that matches `predicate`; rejects after `timeoutMs`. */
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
export function nextEvent<K extends keyof GemHandlerEvents>(
  emitter: GemHandler,
  event: K,
  predicate?: (...args: GemHandlerEvents[K]) => boolean,
  timeoutMs?: number,
): Promise<GemHandlerEvents[K]>;
export function nextEvent(
  emitter: GemHandler,
  event: string,
  predicate: (...args: never[]) => boolean = () => true,
  timeoutMs = GEM_WAIT_MS,
): Promise<unknown[]> {
  const plain = emitter as unknown as EventEmitter;
  return new Promise<unknown[]>((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (!predicate(...(args as never[]))) return;
      clearTimeout(timer);
      plain.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      plain.off(event, listener);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    plain.on(event, listener);
  });
}
