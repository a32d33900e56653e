// Helpers for the HSMS-layer tests (test/hsms-*.spec.ts): our handlers over real loopback sockets,
// bounded waits for events, and a cleanup list so every test leaves no socket or timer behind.
import { HsmsActiveConnection, type HsmsActiveOptions } from '../../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsPassiveConnection, type HsmsPassiveOptions } from '../../libs/hsms/src/connections/hsms-passive-connection.js';
import { HsmsHandler } from '../../libs/hsms/src/hsms/hsms-handler.js';
import type { HsmsConnectionManager } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { type HsmsHandlerEvents, HsmsState } from '../../libs/hsms/src/hsms/hsms-handler.events.js';
import type { HsmsManagerEvents } from '../../libs/hsms/src/hsms/hsms-manager.events.js';
import type { TypedEventEmitter } from '../../libs/hsms/src/hsms/typed-event-emitter.js';
import { HsmsPacket } from '../../libs/hsms/src/protocol/hsms/hsms-packet.js';
import { SType } from '../../libs/hsms/src/protocol/hsms/s-type.js';
import { LOOPBACK, RawPeer, type RawPeerServer, withTimeout } from './raw-peer.js';

/**
 * Timers for tests that do not test them: short enough that a broken test ends quickly, long enough
 * that a loaded 2-core machine never trips them. Tests of a timer set that timer to tens of ms.
 */
export const CALM_TIMERS = { t3: 5, t5: 0.05, t6: 3, t7: 5, t8: 3, linktest: 0, connectTimeout: 2 } as const;

/** The default bound on any wait for an event. */
export const WAIT_MS = 4000;

/** Things to undo after a test, run in reverse order; each step is bounded. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];

  add<T>(value: T, undo: (value: T) => unknown): T {
    this.steps.push(() => undo(value));
    return value;
  }

  async run(): Promise<void> {
    const steps = this.steps.splice(0).reverse();
    for (const step of steps) {
      await withTimeout(Promise.resolve().then(step), WAIT_MS, 'cleanup step did not finish').catch(() => undefined);
    }
  }
}

type Events = Record<string, unknown[]>;

/** Resolves with the arguments of the next `event` (matching `predicate`); rejects after `timeoutMs`. */
export function nextEvent<K extends keyof HsmsHandlerEvents>(
  emitter: HsmsHandler,
  event: K,
  predicate?: (...args: HsmsHandlerEvents[K]) => boolean,
  timeoutMs?: number,
): Promise<HsmsHandlerEvents[K]>;
export function nextEvent<K extends keyof HsmsManagerEvents>(
  emitter: HsmsConnectionManager,
  event: K,
  predicate?: (...args: HsmsManagerEvents[K]) => boolean,
  timeoutMs?: number,
): Promise<HsmsManagerEvents[K]>;
export function nextEvent(
  emitter: TypedEventEmitter<Events>,
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

/** Resolves once the handler is in `state` (at once if it already is). */
export function reachState(handler: HsmsHandler, state: HsmsState, timeoutMs = WAIT_MS): Promise<unknown> {
  if (handler.state === state) return Promise.resolve();
  return nextEvent(handler, 'state', (next) => next === state, timeoutMs);
}

/** Our passive handler listening on 127.0.0.1 (a free port), enabled. */
export async function passiveHandler(
  cleanup: Cleanup,
  options: HsmsPassiveOptions = {},
  peerAddress = LOOPBACK,
): Promise<{ handler: HsmsHandler; port: number }> {
  const connection = new HsmsPassiveConnection(peerAddress, 0, 0, undefined, { bindAddress: LOOPBACK, ...CALM_TIMERS, ...options });
  const handler = cleanup.add(new HsmsHandler(connection, { name: 'passive' }), (h) => h.disable());
  handler.enable();
  return { handler, port: await connection.whenListening() };
}

/** Our active handler connecting to 127.0.0.1:port, enabled. */
export function activeHandler(cleanup: Cleanup, port: number, options: HsmsActiveOptions = {}, sessionId = 0): HsmsHandler {
  const connection = new HsmsActiveConnection(LOOPBACK, port, sessionId, undefined, { ...CALM_TIMERS, ...options });
  const handler = cleanup.add(new HsmsHandler(connection, { name: 'active' }), (h) => h.disable());
  handler.enable();
  return handler;
}

/** Our active handler connected to a raw listener and SELECTED (the raw peer accepted its Select.req). */
export async function selectedActive(
  cleanup: Cleanup,
  options: HsmsActiveOptions = {},
): Promise<{ server: RawPeerServer; handler: HsmsHandler; peer: RawPeer }> {
  const server = cleanup.add(await RawPeer.listen(), (s) => s.close());
  const handler = activeHandler(cleanup, server.port, options);
  const peer = await server.nextPeer();
  await acceptSelect(peer);
  await reachState(handler, HsmsState.Selected);
  return { server, handler, peer };
}

/** Plays the passive side of a select on a raw peer: waits for Select.req and accepts it. */
export async function acceptSelect(peer: RawPeer): Promise<void> {
  const req = await peer.waitFor((p) => p.sType === SType.SelectReq);
  peer.send(HsmsPacket.selectRsp(req.system, 0));
}

/** Plays the active side of a select on a raw peer: sends Select.req and waits for Select.rsp. */
export async function requestSelect(peer: RawPeer, system = 1): Promise<HsmsPacket> {
  peer.send(HsmsPacket.selectReq(system));
  return peer.waitFor((p) => p.sType === SType.SelectRsp && p.system === system);
}

/**
 * A barrier for "no answer" checks: sends Linktest.req and returns every packet the peer received
 * before its Linktest.rsp. Our handler answers in order, so anything it sent for earlier input
 * is in that list.
 */
export async function packetsBeforeLinktest(peer: RawPeer, system = 0x7fff_0001): Promise<HsmsPacket[]> {
  const before = peer.received.length;
  peer.send(HsmsPacket.linktestReq(system));
  const rsp = await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === system);
  return peer.received.slice(before, peer.received.indexOf(rsp));
}

/** Settles after `ms`: for letting a peer stay silent on purpose, never as an assertion. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
