// Test-only (excluded from the published build by tsconfig.lib.json): SecsHandlers over real
// loopback sockets, facing a raw test peer or each other, and checks of S9 / SxF0 packets.
import { expect } from 'vitest';
import { CALM_TIMERS, type Cleanup, reachState, requestSelect, WAIT_MS } from '../../../../../test/support/hsms-test-kit.js';
import { LOOPBACK, RawPeer } from '../../../../../test/support/raw-peer.js';
import { HsmsActiveConnection, type HsmsActiveOptions } from '../../connections/hsms-active-connection.js';
import { HsmsPassiveConnection, type HsmsPassiveOptions } from '../../connections/hsms-passive-connection.js';
import { CaptureLogger } from '../../connections/testing/capture-logger.js';
import { HsmsState } from '../../hsms/hsms-handler.events.js';
import type { HsmsHeader } from '../../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../../protocol/hsms/hsms-packet.js';
import { SType } from '../../protocol/hsms/s-type.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import type { SecsItem } from '../../protocol/items/secs-item.js';
import { SecsHandler } from '../secs-handler.js';
import type { SecsHandlerEvents } from '../secs-handler.events.js';
import type { SecsHandlerOptions } from '../secs-options.js';

export interface SecsSetup {
  /** Options of the SecsHandler (role, catalogue ...). */
  secs?: SecsHandlerOptions;
  /** Connection options (timers, maxMessageLength); calm timers by default. */
  connection?: HsmsPassiveOptions & HsmsActiveOptions;
  /** Our device id (session id). Default 0. */
  sessionId?: number;
}

/** Our passive SecsHandler (equipment by default) and a raw peer that connected and selected it. */
export async function secsWithRawPeer(
  cleanup: Cleanup,
  setup: SecsSetup = {},
): Promise<{ handler: SecsHandler; peer: RawPeer; logger: CaptureLogger }> {
  const logger = new CaptureLogger();
  const options = { bindAddress: LOOPBACK, ...CALM_TIMERS, logger, logLevel: 'debug' as const, ...setup.connection };
  const connection = new HsmsPassiveConnection(LOOPBACK, 0, setup.sessionId ?? 0, undefined, options);
  const handler = cleanup.add(new SecsHandler(connection, { name: 'secs', role: 'equipment', ...setup.secs }), (h) => h.disable());
  handler.enable();
  const port = await connection.whenListening();
  const peer = cleanup.add(await RawPeer.connect(port), (p) => p.destroy());
  await requestSelect(peer);
  await reachState(handler, HsmsState.Selected);
  return { handler, peer, logger };
}

/** Our equipment (passive) and our host (active) over loopback, both SELECTED. */
export async function equipmentAndHost(
  cleanup: Cleanup,
  setup: SecsSetup = {},
): Promise<{ equipment: SecsHandler; host: SecsHandler; logger: CaptureLogger }> {
  const logger = new CaptureLogger();
  const options = { ...CALM_TIMERS, logger, logLevel: 'debug' as const, ...setup.connection };
  const passive = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, { bindAddress: LOOPBACK, ...options });
  const equipment = cleanup.add(new SecsHandler(passive, { name: 'equipment', ...setup.secs, role: 'equipment' }), (h) => h.disable());
  equipment.enable();
  const port = await passive.whenListening();
  const active = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, options);
  const host = cleanup.add(new SecsHandler(active, { name: 'host', ...setup.secs, role: 'host' }), (h) => h.disable());
  host.enable();
  await Promise.all([reachState(equipment, HsmsState.Selected), reachState(host, HsmsState.Selected)]);
  return { equipment, host, logger };
}

/** A data message from the raw peer: body an item, raw bytes, or none. */
export function dataPacket(stream: number, fn: number, wBit: boolean, system: number, body?: SecsItem | Buffer, sessionId = 0): HsmsPacket {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : encodeItem(body);
  return HsmsPacket.dataMessage(sessionId, stream, fn, wBit, system, bytes);
}

export const isData = (p: HsmsPacket): boolean => p.sType === SType.DataMessage;
export const isSf =
  (stream: number, fn: number) =>
  (p: HsmsPacket): boolean =>
    isData(p) && p.header.stream === stream && p.header.function === fn;

/**
 * E5: an S9 message reporting `offending`: stream 9 function `fn`, W-bit clear, our device id,
 * fresh system bytes (not the offending message's), body exactly <B[10]> of its header.
 */
export function expectS9(packet: HsmsPacket, fn: number, offending: HsmsHeader, sessionId = 0): void {
  const h = packet.header;
  expect([h.sType, h.stream, h.function, h.requireResponse, h.sessionId]).toEqual([SType.DataMessage, 9, fn, false, sessionId]);
  expect(h.system).not.toBe(offending.system);
  expect([...packet.data]).toEqual([0x21, 0x0a, ...offending.encode()]);
}

/** E5: SxF0 answering the primary `primary`: same stream, function 0, W-bit clear, its system bytes, no body. */
export function expectAbort(packet: HsmsPacket, primary: HsmsHeader): void {
  const h = packet.header;
  expect([h.stream, h.function, h.requireResponse, h.system, packet.data.length]).toEqual([primary.stream, 0, false, primary.system, 0]);
}

/** Resolves with the arguments of the handler's next `event` matching `predicate`; rejects after `timeoutMs`. */
export function nextSecsEvent<K extends keyof SecsHandlerEvents>(
  handler: SecsHandler,
  event: K,
  predicate: (...args: SecsHandlerEvents[K]) => boolean = () => true,
  timeoutMs = WAIT_MS,
): Promise<SecsHandlerEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: SecsHandlerEvents[K]): void => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      handler.off(event, listener as never);
      resolve(args);
    };
    const timer = setTimeout(() => {
      handler.off(event, listener as never);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    handler.on(event, listener as never);
  });
}

/** Every packet the peer has received that `predicate` picks, after a linktest round trip (our answers leave in order). */
export async function receivedAfterBarrier(peer: RawPeer, predicate: (p: HsmsPacket) => boolean): Promise<HsmsPacket[]> {
  const system = 0x7ffe_0000 + peer.received.length;
  peer.send(HsmsPacket.linktestReq(system));
  await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === system);
  return peer.received.filter(predicate);
}
