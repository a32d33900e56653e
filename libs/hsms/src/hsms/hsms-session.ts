import type { EventEmitter } from 'node:events';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsCloseCause } from '../connections/hsms-connection-delegate.js';
import type { LeveledLogger } from '../connections/hsms-logger.js';
import { itemDecodeLimits } from '../connections/hsms-options.js';
import { ThrottledWarnings } from '../connections/throttled-warnings.js';
import type { ItemDecodeLimits } from '../protocol/items/item-decoder.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { RejectReason } from '../protocol/hsms/s-type.js';
import { SecsMessage } from '../protocol/secs-message.js';
import {
  HsmsConnectionClosedError,
  HsmsControlTimeoutError,
  type HsmsDisconnectCause,
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsReplyTimeoutError,
  type HsmsRequestInfo,
} from './hsms-errors.js';
import { type HsmsHandlerEvents, HsmsState } from './hsms-handler.events.js';
import { LifecycleLog } from '../connections/lifecycle-log.js';
import { ControlReceiver } from './control-receiver.js';
import { FRAME_HEAD_LENGTH } from '../protocol/hsms/header-fields.js';
import { ListenedEvents } from './listened-events.js';
import { LinktestMonitor } from './linktest-monitor.js';
import { T7Timer } from './t7-timer.js';
import { MessageTrace } from './message-trace.js';
import { packetLabel } from './packet-description.js';
import { type HsmsHandlerStatus, type HsmsPeerCounters, PeerCounters } from './peer-counters.js';
import { PendingRequests, type PendingTimeout } from './pending-requests.js';
import { messageLabel, requestLabel } from './request-labels.js';
import { SystemBytesCounter } from './system-bytes-counter.js';
import { TypedEventEmitter } from './typed-event-emitter.js';

export interface HsmsHandlerOptions {
  /** Name used in logs, events and error messages (the manager passes the peer name). Default 'address:port'. */
  name?: string;
}

/**
 * Where a session hands the data messages it does not settle itself (a SECS router). Set with
 * `setDataReceiver`; without one the session emits 'message'.
 */
export interface HsmsDataReceiver {
  /** A SELECTED data message that is not the reply to one of our open requests, in arrival order. */
  receiveData(packet: HsmsPacket): void;
  /** A message over maxMessageLength whose header alone was read (see HsmsConnectionDelegate). */
  receiveOversize?(header: HsmsHeader, length: number): void;
}

/**
 * Builds the value a data request resolves with from its reply, when the reply arrives; a throw
 * fails the request with that error instead. Must not keep `packet` beyond the call.
 */
export type HsmsReplyConverter = (packet: HsmsPacket, request: HsmsRequestInfo) => SecsMessage;

/** Sees a packet (sent or received); must not throw (a throw is logged) and must not send from inside. */
export type HsmsPacketObserver = (packet: HsmsPacket) => void;

type ControlKind = 'select' | 'deselect' | 'linktest';

const CONTROL_REQUESTS: Readonly<Record<ControlKind, { label: string; packet: (system: number) => HsmsPacket }>> = {
  select: { label: 'Select.req', packet: HsmsPacket.selectReq },
  deselect: { label: 'Deselect.req', packet: HsmsPacket.deselectReq },
  linktest: { label: 'Linktest.req', packet: HsmsPacket.linktestReq },
};

/**
 * The E37 session over one connection (active, passive or multi-passive): the state machine,
 * Select, Deselect, Linktest, Reject and Separate as E37 / E37.1 define them, T3, T6, T7, the
 * idle-link linktest, the table of pending transactions, fresh system bytes and the counters.
 * The session is its connection's delegate (the four seed callbacks land here).
 *
 * What layers above get, without subclassing: `setDataReceiver` (the SECS router takes every data
 * message that is not a reply we wait for), `observeSent` / `observeReceived` (capabilities such
 * as GEM watch the packets that cross the link), and the events of HsmsHandlerEvents (never
 * 'error'; a throwing listener is logged). `HsmsHandler` is this class under its seed name.
 */
export class HsmsSession<E extends HsmsHandlerEvents & Record<keyof E, unknown[]> = HsmsHandlerEvents> extends TypedEventEmitter<E> {
  readonly name: string;
  readonly connection: HsmsConnection;
  /** Whether 'packet', 'sent', 'message' and 'primary' have listeners (read per message; kept by the emitter's own events). */
  readonly listened: ListenedEvents;
  /** This peer's logger (every line names the peer). */
  readonly logger: LeveledLogger;
  /**
   * Warnings caused by what the peer sends (a Reject for nothing open, an S9, a wrong device id):
   * at most 20 lines per 10 s, the rest counted, so a flooding peer cannot flood the log too.
   */
  private readonly peerWarnings: ThrottledWarnings;
  /** Connecting, established, selected, closed: at `log` level, repeats throttled (a dead tool reconnecting). */
  private readonly lifecycle: LifecycleLog;
  private readonly decodeLimits: ItemDecodeLimits;
  /** Verbose tracing is decided once: the per-packet path then costs one branch when it is off. */
  private readonly trace: MessageTrace | undefined;
  private readonly pending = new PendingRequests();
  /** Per-message counters, read through `counters` / `status`. */
  private readonly tally = new PeerCounters();
  private readonly systemBytes = new SystemBytesCounter();
  private readonly linktest: LinktestMonitor;
  private readonly controlMessages: ControlReceiver;
  private readonly t7 = new T7Timer();
  private readonly sentObservers: HsmsPacketObserver[] = [];
  private readonly receivedObservers: HsmsPacketObserver[] = [];
  private dataReceiver: HsmsDataReceiver | undefined;
  private currentState = HsmsState.NotConnected;
  private stateChangedAt = Date.now();
  /** Why we are closing the current connection (our decision), read when it reports closed. */
  private closingCause: HsmsDisconnectCause | undefined;
  private lastCause: HsmsDisconnectCause | undefined;
  /** Built once per T3 value: a data request then allocates no timeout object of its own. */
  private t3Timeout: (PendingTimeout & { readonly t3: number }) | undefined;
  private selecting: Promise<HsmsPacket> | undefined;
  private disabling: Promise<void> | undefined;
  private readonly isOpen = (system: number): boolean => this.pending.has(system);
  private readonly countT3 = (): void => {
    this.tally.t3Timeouts++;
  };
  /** Turns a data reply into the SecsMessage a request resolves with (`reply.header` set). */
  private readonly replyConverter = (packet: HsmsPacket): SecsMessage => this.messageOf(packet);

  constructor(connection: HsmsConnection, options: HsmsHandlerOptions = {}) {
    super();
    this.listened = new ListenedEvents(this as unknown as EventEmitter);
    this.connection = connection;
    this.name = options.name ?? `${connection.address}:${connection.port}`;
    // The connection was made for this session: its own lines (TCP, T8, socket errors) name the peer too.
    connection.logger.setContext(`Hsms ${this.name}`);
    this.logger = connection.logger.child(`Hsms ${this.name}`);
    this.decodeLimits = itemDecodeLimits(connection.options);
    // capped per message and per second (connection.trace): a 16 MiB message must not become a 60 MB line
    this.trace = this.logger.enabled('verbose') ? new MessageTrace(this.logger, connection.trace, this.decodeLimits) : undefined;
    this.peerWarnings = new ThrottledWarnings(this.logger, "warnings about this peer's messages");
    this.lifecycle = new LifecycleLog(this.logger);
    const { linktest, linktestFailures } = connection.options;
    this.linktest = new LinktestMonitor(linktest * 1000, linktestFailures, {
      probe: () => this.requestControl('linktest', false),
      isTimeout: (error) => error instanceof HsmsControlTimeoutError,
      dead: (failures) => {
        this.logger.warn(`${failures} linktest(s) in a row unanswered within T6: closing`);
        this.closeLink('linktest');
      },
    });
    this.controlMessages = new ControlReceiver({
      name: this.name,
      state: () => this.currentState,
      pending: this.pending,
      transmit: (packet) => this.transmit(packet),
      reject: (header, reason) => this.sendRejectRsp(header, reason),
      changeState: (next, respond) => this.changeState(next, respond),
      closeLink: (cause) => this.closeLink(cause),
      warnAboutPeer: (text) => this.peerWarnings.warn(text),
      receiveData: (packet) => this.receiveData(packet),
    });
    connection.delegate = {
      onConnectionEstablished: () => this.onEstablished(),
      onConnectionPacketReceived: (_connection, packet) => this.onPacket(packet),
      onConnectionOversizeMessage: (_connection, header, length) => this.onOversize(header, length),
      onConnectionBeforeClosed: () => this.emitBase('beforeClosed', this.currentCloseCause()),
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
  /** When the session entered its current state. */
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

  // --- hooks for the layers above (composition, not overrides) ---

  /** Sets (or with undefined removes) the receiver of data messages; the SECS router calls this. */
  setDataReceiver(receiver: HsmsDataReceiver | undefined): void {
    this.dataReceiver = receiver;
  }

  /** Calls `observer` with every packet sent (after it was queued); returns the function that stops it. */
  observeSent(observer: HsmsPacketObserver): () => void {
    return addObserver(this.sentObservers, observer);
  }

  /** Calls `observer` with every packet received, before the session acts on it; returns the function that stops it. */
  observeReceived(observer: HsmsPacketObserver): () => void {
    return addObserver(this.receivedObservers, observer);
  }

  /** A received data packet as a SecsMessage, its body decoded lazily within the configured item limits. */
  messageOf(packet: HsmsPacket): SecsMessage {
    return SecsMessage.fromPacket(packet, this.decodeLimits);
  }

  /** Whether a data request with these system bytes waits for its reply. */
  isRequestOpen(system: number): boolean {
    return this.pending.isOpen(system, 'data');
  }

  /** Fails the open data request with these system bytes (an SxF0 or S9 naming it); false when none. */
  failRequest(system: number, error: (request: HsmsRequestInfo) => Error): boolean {
    return this.pending.reject(system, error, 'data') !== undefined;
  }

  /** A warning caused by what the peer sent: throttled per peer (20 lines per 10 s, the rest counted). */
  warnAboutPeer(text: string): void {
    this.peerWarnings.warn(text);
  }

  /** Emits one of this session's (or its facade's) events; a throwing listener is logged, never thrown. */
  emitSafely<K extends keyof E & string>(event: K, ...args: E[K]): void {
    this.emitAny(event, args);
  }

  // --- the public requests (E37) ---

  /** Connects (active), listens (passive) or accepts on the shared port (multi-passive). */
  enable(): void {
    this.connection.enable();
  }

  /**
   * Leaves politely (Separate.req when SELECTED, E37) and stops the connection. Idempotent; finishes
   * in bounded time even when the peer vanished; pending requests fail with cause 'local'.
   */
  disable(): Promise<void> {
    this.disabling ??= this.shutDown().finally(() => {
      this.disabling = undefined;
    });
    return this.disabling;
  }

  /**
   * Sends Select.req and resolves with the Select.rsp (status 0, or 1 while we are already SELECTED).
   * Another status or T6 closes the connection. The active side calls this by itself on connect;
   * a call while one is in flight returns the same promise.
   */
  sendSelectReq(): Promise<HsmsPacket> {
    if (this.selecting) return this.selecting;
    const selecting = this.requestControl('select', true);
    const clear = (): void => {
      if (this.selecting === selecting) this.selecting = undefined;
    };
    selecting.then(clear, clear);
    this.selecting = selecting;
    return selecting;
  }

  /** Sends Deselect.req (needs SELECTED); resolves with Deselect.rsp status 0 (then NOT_SELECTED). */
  sendDeselectReq(): Promise<HsmsPacket> {
    if (this.state !== HsmsState.Selected) return Promise.reject(new HsmsNotSelectedError(this.name, 'Deselect.req', this.state));
    return this.requestControl('deselect', true);
  }

  /** Sends Linktest.req (NOT_SELECTED or SELECTED) and resolves with the Linktest.rsp; T6 closes the link. */
  sendLinktestReq(): Promise<HsmsPacket> {
    return this.requestControl('linktest', true);
  }

  /** Sends Separate.req and closes the TCP connection at once (E37). False when not connected. */
  sendSeparateReq(): boolean {
    if (!this.connection.connected) return false;
    try {
      this.transmit(HsmsPacket.separateReq(this.nextSystem()));
    } catch (error) {
      this.logger.warn(`Separate.req not sent (${error instanceof Error ? error.message : String(error)}); closing anyway`);
    }
    this.closeLink('local');
    return true;
  }

  /** Sends Reject.req for a received message's header (its system bytes, its SType or PType). */
  sendRejectRsp(header: HsmsHeader, reason: RejectReason | number): boolean {
    return this.transmit(HsmsPacket.rejectReq(header, reason));
  }

  /**
   * Sends a primary without waiting and returns the system bytes used. A reply to it (if its
   * W-bit is set) arrives through the data receiver / 'message'. Throws when not SELECTED.
   */
  sendStreamFunction(message: SecsMessage): number {
    this.requireSelected(message);
    const system = this.nextSystem();
    if (!this.transmitData(message.stream, message.function, message.wBit, system, message.encodeBody()))
      throw new HsmsNotConnectedError(this.name, messageLabel(message));
    return system;
  }

  /**
   * Sends a primary with the W-bit set (even if `message.wBit` is false) and resolves with the
   * reply (built with SecsMessage.fromPacket, so `reply.header` is set). Fails with
   * HsmsReplyTimeoutError after T3, HsmsRejectedError at once on Reject.req, or
   * HsmsConnectionClosedError when the connection ends first. A SECS peer (SecsHandler) also fails
   * it on SxF0 or an S9 naming it.
   */
  sendAndWaitForResponse(message: SecsMessage): Promise<SecsMessage> {
    return this.transact(message);
  }

  /**
   * The E37 transaction under sendAndWaitForResponse: resolves with whatever reply carries our
   * system bytes (an SxF0 included), as `toReply` turns it into a SecsMessage (default: messageOf).
   * A throw from `toReply` fails the request with that error: the SECS router fails an SxF0 there,
   * so a request costs one promise, not a second one chained on it (issue 10).
   */
  transact(message: SecsMessage, toReply: HsmsReplyConverter = this.replyConverter): Promise<SecsMessage> {
    // Not async: the pending request's own promise is returned (the reply is turned into a
    // SecsMessage when it arrives), one promise and one microtask less per request.
    try {
      const label = requestLabel(message.stream, message.function);
      this.requireSelected(label);
      const body = message.encodeBody();
      const system = this.nextSystem();
      if (!this.transmitData(message.stream, message.function, true, system, body)) throw new HsmsNotConnectedError(this.name, label);
      return this.openRequest(system, label, toReply);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Sends a reply with the primary's system bytes (`message.header.system` of a received primary). */
  sendResponse(message: SecsMessage, systemBytes: number): void {
    this.requireSelected(message);
    if (!this.transmitData(message.stream, message.function, message.wBit, systemBytes, message.encodeBody()))
      throw new HsmsNotConnectedError(this.name, messageLabel(message));
  }

  /**
   * sendResponse for a reply given by its stream, function and encoded body, with no SecsMessage
   * (the SECS router's answers: a callback's item is sent as it is, issue 10). No W-bit.
   */
  sendEncodedResponse(stream: number, fn: number, body: Buffer, systemBytes: number): void {
    if (this.state !== HsmsState.Selected) this.requireSelected(`S${stream}F${fn}`);
    if (!this.transmitData(stream, fn, false, systemBytes, body)) throw new HsmsNotConnectedError(this.name, `S${stream}F${fn}`);
  }

  /**
   * Where a data message goes that is not the reply to one of our pending requests: the data
   * receiver (the SECS router) when one is set, else the 'message' event. Kept overridable for
   * the seed's subclasses of HsmsHandler; the library's own layers use setDataReceiver.
   */
  protected onDataMessage(packet: HsmsPacket): void {
    if (this.dataReceiver) return this.dataReceiver.receiveData(packet);
    this.emitBase('message', this.messageOf(packet));
  }

  /** EventEmitter's, plus: the per-message listener flags are watched again (their hooks were removed too). */
  override removeAllListeners(event?: string | symbol): this {
    super.removeAllListeners(event as (keyof E & string) | undefined);
    this.listened.watch();
    return this;
  }

  // --- internals ---

  /** Fresh system bytes, skipping any still open (E37). */
  private nextSystem(): number {
    return this.systemBytes.next(this.isOpen, this.pending.size);
  }

  /** Sends one packet; false when no socket is up. A full send queue (HsmsSendQueueFullError) is thrown. */
  private transmit(packet: HsmsPacket): boolean {
    if (!this.connection.send(packet)) return false;
    this.tally.sent(packet);
    this.trace?.sent(packet); // only once the connection took it (a full queue throws above)
    if (this.sentObservers.length > 0) this.observe(this.sentObservers, packet);
    if (this.listened.sent) this.emitBase('sent', packet); // per packet: nothing when unobserved
    return true;
  }

  /**
   * Sends a data message from its fields. While nothing watches sent packets (no trace, no
   * observer, no 'sent' listener) no packet object is made at all: the connection encodes the
   * fields straight into its batch (issue 10).
   */
  private transmitData(stream: number, fn: number, wBit: boolean, system: number, body: Buffer): boolean {
    if (this.trace !== undefined || this.sentObservers.length > 0 || this.listened.sent)
      return this.transmit(HsmsPacket.dataMessage(this.connection.sessionId, stream, fn, wBit, system, body));
    if (!this.connection.sendData(this.connection.sessionId, stream, fn, wBit, system, body)) return false;
    this.tally.sentData(stream, fn, wBit, FRAME_HEAD_LENGTH + body.length);
    return true;
  }

  /** The session's own events, typed by HsmsHandlerEvents whatever events a facade adds. */
  private emitBase<K extends keyof HsmsHandlerEvents>(event: K, ...args: HsmsHandlerEvents[K]): void {
    this.emitAny(event, args);
  }

  private emitAny(event: string, args: readonly unknown[]): void {
    const emitter = this as unknown as EventEmitter;
    if (emitter.listenerCount(event) === 0) return; // 'message' and 'primary' run per message: no spread and emit for nobody (issue 10)
    try {
      emitter.emit(event, ...args);
    } catch (error) {
      this.logger.error(`a '${event}' listener threw`, error);
    }
  }

  private observe(observers: readonly HsmsPacketObserver[], packet: HsmsPacket): void {
    for (const observer of observers) {
      try {
        observer(packet);
      } catch (error) {
        this.logger.error(`an observer of ${packetLabel(packet)} threw`, error);
      }
    }
  }

  /** Opens a data transaction (T3: fails only this request, the link stays, E37). */
  private openRequest(system: number, label: string, toReply: HsmsReplyConverter): Promise<SecsMessage> {
    const t3 = this.connection.options.t3;
    if (this.t3Timeout?.t3 !== t3) {
      this.t3Timeout = { t3, ms: t3 * 1000, error: (r) => new HsmsReplyTimeoutError(this.name, t3, r), after: this.countT3 };
    }
    return this.pending.openData(system, label, this.t3Timeout, toReply);
  }

  /**
   * Sends a control request and waits T6 for its response. E37: T6 expiry is a communication
   * failure and closes the link; the idle-link probe instead counts failures (closeOnT6 false).
   */
  private requestControl(kind: ControlKind, closeOnT6: boolean): Promise<HsmsPacket> {
    const { label, packet } = CONTROL_REQUESTS[kind];
    const system = this.nextSystem();
    try {
      if (!this.transmit(packet(system))) return Promise.reject(new HsmsNotConnectedError(this.name, label));
    } catch (error) {
      return Promise.reject(error);
    }
    const t6 = this.connection.options.t6;
    return this.pending.open(
      { kind, system, label },
      {
        ms: t6 * 1000,
        error: (r) => new HsmsControlTimeoutError(this.name, t6, r),
        after: () => {
          this.tally.t6Timeouts++;
          if (closeOnT6) this.closeLink('t6');
        },
      },
    );
  }

  /** Closes the current TCP connection for `cause` (no-op without one). */
  private closeLink(cause: HsmsDisconnectCause): void {
    if (!this.connection.connected) return;
    this.closingCause ??= cause;
    this.connection.close(toConnectionCause(cause));
  }

  /**
   * Moves to `next`. Timers follow the state at once; `respond` (the answer that caused the change)
   * goes out after the state changed (E37; secsgem answered first); events follow.
   */
  private changeState(next: HsmsState, respond?: () => void): void {
    const previous = this.currentState;
    this.currentState = next;
    if (previous !== next) {
      this.stateChangedAt = Date.now();
      if (next === HsmsState.Selected) {
        this.tally.selects++;
        this.connection.noteSelected(); // a listening side's notSelectedBackoff counts only sessions that never selected
      }
      this.applyTimers(next);
    }
    respond?.();
    if (previous === next) return;
    this.logger.debug(`${previous} -> ${next}`);
    if (next === HsmsState.Selected) {
      this.lifecycle.note('selected', 'selected');
      this.emitBase('selected');
    } else if (next === HsmsState.NotSelected) {
      this.emitBase(previous === HsmsState.NotConnected ? 'established' : 'deselected');
    } else this.emitBase('closed', this.lastCause ?? 'local');
    this.emitBase('state', next, previous);
  }

  private onEstablished(): void {
    this.closingCause = undefined;
    this.tally.connections++;
    const remote = this.connection.remoteAddress;
    this.lifecycle.note('established', `connection established${remote ? ` with ${remote}:${this.connection.remotePort ?? ''}` : ''}`);
    this.changeState(HsmsState.NotSelected);
    // E37.1: the active side sends Select.req; its promise reports failures, so only log here
    if (this.connection.isActive && this.connection.connected) {
      this.sendSelectReq().catch((error: unknown) =>
        this.logger.warn(`select failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  private onPacket(packet: HsmsPacket): void {
    this.tally.received(packet);
    this.linktest.noteReceived();
    this.trace?.received(packet);
    if (this.receivedObservers.length > 0) this.observe(this.receivedObservers, packet);
    if (this.listened.packet) this.emitBase('packet', packet); // per packet: skip the emit's argument array when unobserved
    this.controlMessages.receive(packet);
  }

  private onOversize(header: HsmsHeader, length: number): void {
    if (this.dataReceiver?.receiveOversize) return this.dataReceiver.receiveOversize(header, length);
    this.peerWarnings.warn(
      `dropped a message of ${length} bytes, over maxMessageLength ${this.connection.options.maxMessageLength}: ${header.toString()}`,
    );
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
    if (cause !== 'local')
      this.lifecycle.note(
        'closed',
        `connection closed (${cause})${this.connection.isActive ? `; reconnecting after T5 (${this.connection.options.t5} s)` : ''}`,
      );
    this.pending.rejectAll((request) => new HsmsConnectionClosedError(this.name, cause, request));
    this.changeState(HsmsState.NotConnected);
  }

  private applyTimers(state: HsmsState): void {
    // E37: T7 closes a connection that never selected
    if (state === HsmsState.NotSelected) {
      const t7 = this.connection.options.t7;
      this.t7.start(t7, () => {
        this.logger.warn(`not selected within T7 = ${t7} s: closing`);
        this.connection.noteT7Expired(); // a listening side backs off an address that keeps doing this
        this.closeLink('t7');
      });
    } else this.t7.clear();
    if (state === HsmsState.Selected) this.linktest.start();
    else this.linktest.stop();
  }

  // --- receiving ---

  private receiveData(packet: HsmsPacket): void {
    // E37: data while NOT SELECTED gets Reject.req reason 4
    if (this.state !== HsmsState.Selected) return void this.sendRejectRsp(packet.header, RejectReason.EntityNotSelected);
    // A reply (even function, no W-bit; SxF0 included) settles the request with its system bytes,
    // whatever its session id; anything else, and a reply nobody waits for, goes upward.
    const isReply = !packet.requireResponse && packet.function % 2 === 0;
    if (isReply && this.pending.resolve(packet.system, 'data', packet)) {
      this.tally.repliesReceived++;
      return;
    }
    try {
      this.onDataMessage(packet);
    } catch (error) {
      this.logger.error(`the data receiver threw for ${packetLabel(packet)}`, error);
    }
  }

  private async shutDown(): Promise<void> {
    if (this.state === HsmsState.Selected) this.sendSeparateReq(); // E37: a SELECTED link is separated, not just dropped
    await this.connection.disable();
    // make sure nothing of the old connection is left running
    if (this.currentState !== HsmsState.NotConnected) this.onClosed();
    this.linktest.stop();
    this.t7.clear();
  }

  /** Throws HsmsNotSelectedError unless SELECTED; `what` (a label, or the message to label) is only read then. */
  private requireSelected(what: string | SecsMessage): void {
    if (this.state !== HsmsState.Selected)
      throw new HsmsNotSelectedError(this.name, typeof what === 'string' ? what : messageLabel(what), this.state);
  }
}

function addObserver(list: HsmsPacketObserver[], observer: HsmsPacketObserver): () => void {
  list.push(observer);
  return () => {
    const at = list.indexOf(observer);
    if (at >= 0) list.splice(at, 1);
  };
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
