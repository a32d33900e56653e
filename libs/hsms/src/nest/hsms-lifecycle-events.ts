import type { EventEmitter } from 'node:events';
import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import { HsmsState } from '../hsms/hsms-handler.events.js';
import type { HsmsManagerEvents, HsmsPeerEvent } from '../hsms/hsms-manager.events.js';
import { HsmsContext } from './hsms.context.js';
import { HsmsEventPattern, HsmsStatus } from './hsms.constants.js';

/** Payload of every 'hsms.*' and 'gem.*' lifecycle event. */
export interface HsmsConnectionEvent {
  /** Peer name. */
  readonly peer: string;
  /** Event pattern, e.g. 'hsms.selected'. */
  readonly event: string;
  /** Extra data of the event: `cause`, `packet`, `collectionEvent`, `alarm` ... */
  readonly [key: string]: unknown;
}

interface Dispatcher {
  /** Whether any handler listens to `pattern` (so nothing is built for events nobody wants). */
  hasHandler(pattern: string): boolean;
  dispatchLifecycleEvent(pattern: string, payload: HsmsConnectionEvent, context: HsmsContext): void;
}

/** GEM handler events (gem/) re-dispatched as Nest events, with the payload key they travel under. */
const GEM_EVENTS: ReadonlyArray<[event: string, pattern: string, key: string]> = [
  ['communicating', HsmsEventPattern.GemCommunicating, 'communicating'],
  ['collectionEvent', HsmsEventPattern.GemCollectionEvent, 'collectionEvent'],
  ['alarm', HsmsEventPattern.GemAlarm, 'alarm'],
];

type Detach = () => void;

/**
 * Turns the manager's event stream (and each GEM handler's own events) into Nest events named
 * by HsmsEventPattern, and keeps the transport's coarse status: connected while a peer is SELECTED.
 */
export class HsmsLifecycleEvents {
  private readonly detachers: Detach[] = [];
  private readonly perPeer = new Map<HsmsHandler, Detach>();

  constructor(
    private readonly manager: HsmsConnectionManager,
    private readonly server: Dispatcher,
    private readonly setStatus: (status: HsmsStatus) => void,
  ) {
    this.listen('established', (e) => this.dispatch(HsmsEventPattern.ConnectionEstablished, e));
    this.listen('beforeClosed', (e) => this.dispatch(HsmsEventPattern.ConnectionBeforeClosed, e, { cause: e.cause }));
    this.listen('closed', (e) => this.dispatch(HsmsEventPattern.ConnectionClosed, e, { cause: e.cause }));
    this.listen('selected', (e) => this.dispatch(HsmsEventPattern.Selected, e));
    this.listen('deselected', (e) => this.dispatch(HsmsEventPattern.Deselected, e));
    this.listen('state', () => this.updateStatus());
    this.listen('peerAdded', (e) => this.attachGem(e));
    this.listen('peerRemoved', (e) => this.detachGem(e.handler));
    // The manager forwards every packet only while someone listens: subscribe only when a handler wants them.
    if (server.hasHandler(HsmsEventPattern.PacketReceived)) {
      this.listen('packet', (e) => this.dispatch(HsmsEventPattern.PacketReceived, e, { packet: e.packet }));
    }
    for (const { name, handler } of manager.peers) this.attachGem({ peer: name, handler });
    this.updateStatus();
  }

  detach(): void {
    for (const detach of this.detachers.splice(0)) detach();
    for (const detach of this.perPeer.values()) detach();
    this.perPeer.clear();
  }

  private listen<K extends keyof HsmsManagerEvents & string>(event: K, listener: (...args: HsmsManagerEvents[K]) => void): void {
    this.manager.on(event, listener);
    this.detachers.push(() => this.manager.off(event, listener));
  }

  private attachGem(event: HsmsPeerEvent): void {
    if (this.perPeer.has(event.handler)) return;
    const emitter = event.handler as unknown as EventEmitter;
    const listeners = GEM_EVENTS.map(([name, pattern, key]) => {
      const listener = (value: unknown): void => this.dispatch(pattern, event, { [key]: value });
      emitter.on(name, listener);
      return [name, listener] as const;
    });
    this.perPeer.set(event.handler, () => {
      for (const [name, listener] of listeners) emitter.off(name, listener);
    });
  }

  private detachGem(handler: HsmsHandler): void {
    this.perPeer.get(handler)?.();
    this.perPeer.delete(handler);
  }

  private dispatch(pattern: string, { peer, handler }: HsmsPeerEvent, extra: Record<string, unknown> = {}): void {
    if (!this.server.hasHandler(pattern)) return;
    const payload: HsmsConnectionEvent = { peer, event: pattern, ...extra };
    this.server.dispatchLifecycleEvent(pattern, payload, new HsmsContext([peer, handler, undefined]));
  }

  private updateStatus(): void {
    const anySelected = this.manager.peers.some((p) => p.handler.state === HsmsState.Selected);
    this.setStatus(anySelected ? HsmsStatus.Connected : HsmsStatus.Disconnected);
  }
}
