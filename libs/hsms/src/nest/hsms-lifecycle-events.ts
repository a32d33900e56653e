import type { GemHostHandlerEvents } from '../gem/gem-host.events.js';
import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import { HsmsState } from '../hsms/hsms-handler.events.js';
import type { HsmsManagerEvents, HsmsPeerEvent } from '../hsms/hsms-manager.events.js';
import { HsmsContext } from './hsms.context.js';
import { HsmsEventPattern, type HsmsEventPatternName, HsmsStatus } from './hsms.constants.js';
import type { HsmsConnectionEvent, HsmsLifecyclePayloads } from './hsms-lifecycle-payloads.js';

export type { HsmsConnectionEvent } from './hsms-lifecycle-payloads.js';

interface Dispatcher {
  /** Whether any handler listens to `pattern` (so nothing is built for events nobody wants). */
  hasHandler(pattern: string): boolean;
  dispatchLifecycleEvent(pattern: string, payload: HsmsConnectionEvent, context: HsmsContext): void;
}

type Detach = () => void;

/**
 * Turns the manager's event stream (and each GEM host's own events) into Nest events named by
 * HsmsEventPattern, with the typed payloads of HsmsLifecyclePayloads, and keeps the transport's
 * coarse status: connected while a peer is SELECTED.
 */
export class HsmsLifecycleEvents {
  private readonly detachers: Detach[] = [];
  private readonly perPeer = new Map<HsmsHandler, Detach>();

  constructor(
    private readonly manager: HsmsConnectionManager,
    private readonly server: Dispatcher,
    private readonly setStatus: (status: HsmsStatus) => void,
  ) {
    this.listen('established', (e) => this.dispatch(HsmsEventPattern.ConnectionEstablished, e, {}));
    this.listen('beforeClosed', (e) => this.dispatch(HsmsEventPattern.ConnectionBeforeClosed, e, { cause: e.cause }));
    this.listen('closed', (e) => this.dispatch(HsmsEventPattern.ConnectionClosed, e, { cause: e.cause }));
    this.listen('selected', (e) => this.dispatch(HsmsEventPattern.Selected, e, {}));
    this.listen('deselected', (e) => this.dispatch(HsmsEventPattern.Deselected, e, {}));
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

  /** A GEM peer's typed events (any handler may emit them; only GEM handlers do). */
  private attachGem(event: HsmsPeerEvent): void {
    if (this.perPeer.has(event.handler)) return;
    const gem = event.handler as unknown as HsmsHandler<GemHostHandlerEvents>;
    const communicating = (): void => this.dispatch(HsmsEventPattern.GemCommunicating, event, {});
    const collectionEvent = (report: GemHostHandlerEvents['collectionEvent'][0]): void =>
      this.dispatch(HsmsEventPattern.GemCollectionEvent, event, { collectionEvent: report });
    const alarm = (report: GemHostHandlerEvents['alarm'][0]): void => this.dispatch(HsmsEventPattern.GemAlarm, event, { alarm: report });
    gem.on('communicating', communicating);
    gem.on('collectionEvent', collectionEvent);
    gem.on('alarm', alarm);
    this.perPeer.set(event.handler, () => {
      gem.off('communicating', communicating);
      gem.off('collectionEvent', collectionEvent);
      gem.off('alarm', alarm);
    });
  }

  private detachGem(handler: HsmsHandler): void {
    this.perPeer.get(handler)?.();
    this.perPeer.delete(handler);
  }

  private dispatch<K extends HsmsEventPatternName>(pattern: K, { peer, handler }: HsmsPeerEvent, extra: HsmsLifecyclePayloads[K]): void {
    if (!this.server.hasHandler(pattern)) return;
    const payload = { peer, event: pattern, ...extra } as HsmsConnectionEvent;
    this.server.dispatchLifecycleEvent(pattern, payload, new HsmsContext([peer, handler, undefined]));
  }

  private updateStatus(): void {
    const anySelected = this.manager.peers.some((p) => p.handler.state === HsmsState.Selected);
    this.setStatus(anySelected ? HsmsStatus.Connected : HsmsStatus.Disconnected);
  }
}
