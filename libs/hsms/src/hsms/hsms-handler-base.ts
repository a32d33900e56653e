import type { EventEmitter } from 'node:events';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsCloseCause } from '../connections/hsms-connection-delegate.js';
import type { LeveledLogger } from '../connections/hsms-logger.js';
import { itemDecodeLimits } from '../connections/hsms-options.js';
import { ThrottledWarnings } from '../connections/throttled-warnings.js';
import type { ItemDecodeLimits } from '../protocol/items/item-decoder.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import {
  HsmsConnectionClosedError,
  HsmsControlTimeoutError,
  type HsmsDisconnectCause,
  HsmsNotConnectedError,
  HsmsReplyTimeoutError,
  type HsmsRequestInfo,
} from './hsms-errors.js';
import { type HsmsHandlerEvents, HsmsState } from './hsms-handler.events.js';
import { LinktestMonitor } from './linktest-monitor.js';
import { describePacket } from './packet-description.js';
import { type HsmsHandlerStatus, type HsmsPeerCounters, PeerCounters } from './peer-counters.js';
import { PendingRequests, type PendingTimeout, type ReplyConverter } from './pending-requests.js';
import { SystemBytesCounter } from './system-bytes-counter.js';
import { TypedEventEmitter } from './typed-event-emitter.js';

type ControlKind = 'select' | 'deselect' | 'linktest';

const CONTROL_REQUESTS: Readonly<Record<ControlKind, { label: string; packet: (system: number) => HsmsPacket }>> = {
  select: { label: 'Select.req', packet: HsmsPacket.selectReq },
  deselect: { label: 'Deselect.req', packet: HsmsPacket.deselectReq },
  linktest: { label: 'Linktest.req', packet: HsmsPacket.linktestReq },
};

/**
 * What every HSMS handler has under its protocol rules: the state and its events, the connection
 * wiring (the handler is the connection's delegate), T7, the idle-link linktest, the table of
 * pending transactions with T3/T6, fresh system bytes, and the close bookkeeping that fails every
 * pending request with the cause. HsmsHandler adds the E37 message rules and the public requests.
 */
export abstract class HsmsHandlerBase<E extends HsmsHandlerEvents & Record<keyof E, unknown[]>> extends TypedEventEmitter<E> {
  readonly name: string;
  readonly connection: HsmsConnection;
  protected readonly logger: LeveledLogger;
  /**
   * Warnings caused by what the peer sends (a Reject for nothing open, an S9, a wrong device id):
   * at most 20 lines per 10 s, the rest counted, so a flooding peer cannot flood the log too.
   */
  protected readonly peerWarnings: ThrottledWarnings;
  /** Item decoder limits from the options (maxItemDepth, maxItemCount): every received body obeys them. */
  private readonly decodeLimits: ItemDecodeLimits;
  /** Verbose tracing is decided once: the per-packet path then costs one branch when it is off. */
  private readonly tracing: boolean;
  protected readonly pending = new PendingRequests();
  /** Per-message counters, read through `counters` / `status`. */
  protected readonly tally = new PeerCounters();
  private readonly systemBytes = new SystemBytesCounter();
  private readonly linktest: LinktestMonitor;
  private currentState = HsmsState.NotConnected;
  /** Date.now() of the last state change. */
  private stateChangedAt = Date.now();
  private t7Timer: NodeJS.Timeout | undefined;
  /** Why we are closing the current connection (our decision), read when it reports closed. */
  private closingCause: HsmsDisconnectCause | undefined;
  private lastCause: HsmsDisconnectCause | undefined;
  /** Built once per T3 value: a data request then allocates no timeout object of its own. */
  private t3Timeout: (PendingTimeout & { readonly t3: number }) | undefined;
  private readonly isOpen = (system: number): boolean => this.pending.has(system);
  private readonly countT3 = (): void => {
    this.tally.t3Timeouts++;
  };

  /** A received data message, its body decoded lazily within the configured item limits. */
  protected toMessage(packet: HsmsPacket): SecsMessage {
    return SecsMessage.fromPacket(packet, this.decodeLimits);
  }

  protected constructor(connection: HsmsConnection, name: string) {
    super();
    this.connection = connection;
    this.name = name;
    // The connection was made for this handler: its own lines (TCP, T8, socket errors) name the peer too.
    connection.logger.setContext(`Hsms ${name}`);
    this.logger = connection.logger.child(`Hsms ${name}`);
    this.tracing = this.logger.enabled('verbose');
    this.decodeLimits = itemDecodeLimits(connection.options);
    this.peerWarnings = new ThrottledWarnings(this.logger, 'warnings about this peer\'s messages');
    const { linktest, linktestFailures } = connection.options;
    this.linktest = new LinktestMonitor(linktest * 1000, linktestFailures, {
      probe: () => this.requestControl('linktest', false),
      isTimeout: (error) => error instanceof HsmsControlTimeoutError,
      dead: (failures) => {
        this.logger.warn(`${failures} linktest(s) in a row unanswered within T6: closing`);
        this.closeLink('linktest');
      },
    });
    connection.delegate = {
      onConnectionEstablished: () => this.onEstablished(),
      onConnectionPacketReceived: (_connection, packet) => this.onPacket(packet),
      onConnectionBeforeClosed: () => this.emitSafely('beforeClosed', this.currentCloseCause()),
      onConnectionClosed: () => this.onClosed(),
    };
  }

  get state(): HsmsState {
    return this.currentState;
  }
  get selected(): boolean {
    return this.currentState === HsmsState.Selected;
  }
  /** Why the last connection ended; undefined before the first close. */
  get lastDisconnectCause(): HsmsDisconnectCause | undefined {
    return this.lastCause;
  }
  /** Requests still waiting for their reply. */
  get pendingRequestCount(): number {
    return this.pending.size;
  }
  /** When the handler entered its current state. */
  get stateSince(): Date {
    return new Date(this.stateChangedAt);
  }
  /** What this peer's link has carried so far (a snapshot built now: plain, JSON-serialisable data). */
  get counters(): HsmsPeerCounters {
    return this.tally.snapshot();
  }
  /** The state, since when, the last disconnect cause, pending requests and counters, in one snapshot. */
  get status(): HsmsHandlerStatus {
    return {
      state: this.currentState,
      since: new Date(this.stateChangedAt).toISOString(),
      lastDisconnectCause: this.lastCause ?? null,
      pendingRequests: this.pending.size,
      counters: this.tally.snapshot(),
    };
  }
  /** Sets every counter to zero and restarts `countingSince`; the state is not touched. */
  resetCounters(): void {
    this.tally.reset();
  }

  /** Handles one received packet by the E37 rules (HsmsHandler). */
  protected abstract receive(packet: HsmsPacket): void;

  /** The active side's automatic Select.req on connect (HsmsHandler.sendSelectReq). */
  protected abstract requestSelect(): Promise<HsmsPacket>;

  /** Fresh system bytes, skipping any still open (E37). */
  protected nextSystem(): number {
    return this.systemBytes.next(this.isOpen, this.pending.size);
  }

  /** Sends one packet; false when no socket is up. A full send queue (HsmsSendQueueFullError) is thrown. */
  protected transmit(packet: HsmsPacket): boolean {
    if (this.tracing) this.logger.verbose(() => `sent ${describePacket(packet)}`);
    if (!this.connection.send(packet)) return false;
    this.tally.sent(packet);
    if (this.listenerCount('sent') > 0) this.emitSafely('sent', packet); // per packet: nothing when unobserved
    return true;
  }

  /** Opens a data transaction (T3: fails only this request, the link stays, E37). */
  protected openRequest(request: HsmsRequestInfo): Promise<HsmsPacket>;
  /** ... resolving with `convert(reply)`, computed when the reply is received. */
  protected openRequest<T>(request: HsmsRequestInfo, convert: ReplyConverter<T>): Promise<T>;
  protected openRequest(request: HsmsRequestInfo, convert?: ReplyConverter<unknown>): Promise<unknown> {
    const t3 = this.connection.options.t3;
    if (this.t3Timeout?.t3 !== t3) {
      this.t3Timeout = { t3, ms: t3 * 1000, error: (r) => new HsmsReplyTimeoutError(this.name, t3, r), after: this.countT3 };
    }
    return convert === undefined ? this.pending.open(request, this.t3Timeout) : this.pending.open(request, this.t3Timeout, convert);
  }

  /**
   * Sends a control request and waits T6 for its response. E37: T6 expiry is a communication
   * failure and closes the link; the idle-link probe instead counts failures (closeOnT6 false).
   */
  protected requestControl(kind: ControlKind, closeOnT6: boolean): Promise<HsmsPacket> {
    const { label, packet } = CONTROL_REQUESTS[kind];
    const system = this.nextSystem();
    try {
      if (!this.transmit(packet(system))) return Promise.reject(new HsmsNotConnectedError(this.name, label));
    } catch (error) {
      return Promise.reject(error);
    }
    const t6 = this.connection.options.t6;
    return this.pending.open({ kind, system, label }, {
      ms: t6 * 1000,
      error: (r) => new HsmsControlTimeoutError(this.name, t6, r),
      after: () => {
        this.tally.t6Timeouts++;
        if (closeOnT6) this.closeLink('t6');
      },
    });
  }

  /** Closes the current TCP connection for `cause` (no-op without one). */
  protected closeLink(cause: HsmsDisconnectCause): void {
    if (!this.connection.connected) return;
    this.closingCause ??= cause;
    this.connection.close(toConnectionCause(cause));
  }

  /**
   * Moves to `next`. Timers follow the state at once; `respond` (the answer that caused the change)
   * goes out after the state changed (E37; secsgem answered first); events follow.
   */
  protected changeState(next: HsmsState, respond?: () => void): void {
    const previous = this.currentState;
    this.currentState = next;
    if (previous !== next) {
      this.stateChangedAt = Date.now();
      if (next === HsmsState.Selected) this.tally.selects++;
      this.applyTimers(next);
    }
    respond?.();
    if (previous === next) return;
    this.logger.debug(`${previous} -> ${next}`);
    if (next === HsmsState.Selected) this.emitSafely('selected');
    else if (next === HsmsState.NotSelected) this.emitSafely(previous === HsmsState.NotConnected ? 'established' : 'deselected');
    else this.emitSafely('closed', this.lastCause ?? 'local');
    this.emitSafely('state', next, previous);
  }

  /** Emits without letting a throwing listener break the handler (the throw is logged). */
  protected emitSafely<K extends keyof HsmsHandlerEvents>(event: K, ...args: HsmsHandlerEvents[K]): void {
    try {
      (this as unknown as EventEmitter).emit(event, ...args);
    } catch (error) {
      this.logger.error(`a '${event}' listener threw`, error);
    }
  }

  /** After connection.disable(): make sure nothing of the old connection is left running. */
  protected afterDisable(): void {
    if (this.currentState !== HsmsState.NotConnected) this.onClosed();
    this.linktest.stop();
    this.clearT7();
  }

  private onEstablished(): void {
    this.closingCause = undefined;
    this.tally.connections++;
    this.changeState(HsmsState.NotSelected);
    // E37.1: the active side sends Select.req; its promise reports failures, so only log here
    if (this.connection.isActive && this.connection.connected) {
      this.requestSelect().catch((error: unknown) => this.logger.warn(`select failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private onPacket(packet: HsmsPacket): void {
    this.tally.received(packet);
    this.linktest.noteReceived();
    if (this.tracing) this.logger.verbose(() => `received ${describePacket(packet)}`);
    if (this.listenerCount('packet') > 0) this.emitSafely('packet', packet); // per packet: skip the emit's argument array when unobserved
    this.receive(packet);
  }

  /** Our own reason for closing if we decided it, else what the connection saw. */
  private currentCloseCause(): HsmsDisconnectCause {
    return this.closingCause ?? this.connection.lastCloseCause ?? 'remote';
  }

  private onClosed(): void {
    const cause = this.currentCloseCause();
    this.closingCause = undefined;
    this.lastCause = cause;
    this.tally.disconnected(cause);
    if (cause !== 'local') this.logger.debug(`connection closed (${cause})`);
    this.pending.rejectAll((request) => new HsmsConnectionClosedError(this.name, cause, request));
    this.changeState(HsmsState.NotConnected);
  }

  private applyTimers(state: HsmsState): void {
    if (state === HsmsState.NotSelected) this.startT7();
    else this.clearT7();
    if (state === HsmsState.Selected) this.linktest.start();
    else this.linktest.stop();
  }

  private startT7(): void {
    this.clearT7();
    const t7 = this.connection.options.t7;
    this.t7Timer = setTimeout(() => {
      this.t7Timer = undefined;
      // E37: T7 closes a connection that never selected
      this.logger.warn(`not selected within T7 = ${t7} s: closing`);
      this.closeLink('t7');
    }, t7 * 1000);
  }

  private clearT7(): void {
    if (this.t7Timer !== undefined) clearTimeout(this.t7Timer);
    this.t7Timer = undefined;
  }
}

/** The connection layer knows fewer causes: our decisions are 'local', a peer's Separate.req is 'remote'. */
function toConnectionCause(cause: HsmsDisconnectCause): HsmsCloseCause {
  switch (cause) {
    case 'remote':
    case 'error':
    case 't8':
    case 'protocol':
    case 'queue-full':
      return cause;
    case 'separate':
      return 'remote';
    default:
      return 'local';
  }
}
