import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { DeselectStatus, PTYPE_SECS2, RejectReason, SelectStatus, SType } from '../protocol/hsms/s-type.js';
import { SecsMessage } from '../protocol/secs-message.js';
import {
  HsmsDeselectRefusedError,
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsRejectedError,
  HsmsSelectRefusedError,
  type HsmsRequestInfo,
} from './hsms-errors.js';
import { type HsmsHandlerEvents, HsmsState } from './hsms-handler.events.js';
import { HsmsHandlerBase } from './hsms-handler-base.js';
import { packetLabel } from './packet-description.js';

export interface HsmsHandlerOptions {
  /** Name used in logs, events and error messages (the manager passes the peer name). Default 'address:port'. */
  name?: string;
}

/** 'S1F1 W' for each stream and function, built once: the label is on every pending request's record. */
const REQUEST_LABELS = new Map<number, string>();

function requestLabel(stream: number, fn: number): string {
  const key = (stream << 8) | fn;
  let label = REQUEST_LABELS.get(key);
  if (label === undefined) {
    label = `S${stream}F${fn} W`;
    REQUEST_LABELS.set(key, label);
  }
  return label;
}

/** 'S1F1 W' or 'S1F2': how errors name a message we send. */
function messageLabel(message: SecsMessage): string {
  return message.wBit ? requestLabel(message.stream, message.function) : message.sf;
}

/** A handler class the manager can instantiate (HsmsHandler or a subclass such as the SECS layer's). */
export type HsmsHandlerClass<H extends HsmsHandler = HsmsHandler> = new (connection: HsmsConnection, options?: HsmsHandlerOptions) => H;

/**
 * The HSMS state machine over one connection (active, passive or multi-passive): Select, Deselect,
 * Linktest, Reject and Separate as E37 / E37.1 define them, T3, T6, T7 and the idle-link linktest.
 *
 * Events: see HsmsHandlerEvents ('state', 'established', 'selected', 'deselected', 'message',
 * 'closed'); never 'error'. Upward hook for the SECS layer: override `onDataMessage(packet)`.
 * The handler makes itself the connection's delegate.
 */
export class HsmsHandler<E extends HsmsHandlerEvents & Record<keyof E, unknown[]> = HsmsHandlerEvents> extends HsmsHandlerBase<E> {
  private selecting: Promise<HsmsPacket> | undefined;
  private disabling: Promise<void> | undefined;
  /** Turns a data reply into the SecsMessage sendAndWaitForResponse resolves with (`reply.header` set). */
  private readonly replyConverter = (packet: HsmsPacket, request: HsmsRequestInfo): SecsMessage => this.toReply(packet, request);

  constructor(connection: HsmsConnection, options: HsmsHandlerOptions = {}) {
    super(connection, options.name ?? `${connection.address}:${connection.port}`);
  }

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

  /** The active side's automatic Select.req on connect. */
  protected requestSelect(): Promise<HsmsPacket> {
    return this.sendSelectReq();
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
   * W-bit is set) arrives through onDataMessage / 'message'. Throws when not SELECTED.
   */
  sendStreamFunction(message: SecsMessage): number {
    this.requireSelected(message);
    const system = this.nextSystem();
    if (!this.transmit(message.toPacket(this.connection.sessionId, system))) throw new HsmsNotConnectedError(this.name, messageLabel(message));
    return system;
  }

  /**
   * Sends a primary with the W-bit set (even if `message.wBit` is false) and resolves with the
   * reply (built with SecsMessage.fromPacket, so `reply.header` is set). Fails with
   * HsmsReplyTimeoutError after T3, HsmsRejectedError at once on Reject.req, or
   * HsmsConnectionClosedError when the connection ends first.
   */
  sendAndWaitForResponse(message: SecsMessage): Promise<SecsMessage> {
    // Not async: the pending request's own promise is returned (the reply is turned into a
    // SecsMessage when it arrives), one promise and one microtask less per request.
    try {
      const label = requestLabel(message.stream, message.function);
      this.requireSelected(label);
      const body = message.encodeBody();
      const system = this.nextSystem();
      const packet = HsmsPacket.dataMessage(this.connection.sessionId, message.stream, message.function, true, system, body);
      if (!this.transmit(packet)) throw new HsmsNotConnectedError(this.name, label);
      return this.openRequest({ kind: 'data', system, label }, this.replyConverter);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Sends a reply with the primary's system bytes (`message.header.system` of a received primary). */
  sendResponse(message: SecsMessage, systemBytes: number): void {
    this.requireSelected(message);
    if (!this.transmit(message.toPacket(this.connection.sessionId, systemBytes))) throw new HsmsNotConnectedError(this.name, messageLabel(message));
  }

  /**
   * The value sendAndWaitForResponse resolves with, built when the reply arrives; a throw fails the
   * request with that error instead (the SECS layer turns SxF0 into SecsAbortReplyError here, so
   * the request needs no second promise around it).
   */
  protected toReply(packet: HsmsPacket, _request: HsmsRequestInfo): SecsMessage {
    return this.toMessage(packet);
  }

  /**
   * Upward hook: every received data message that is not the reply to one of our pending requests
   * (primaries, unexpected replies, messages for another session id). Runs in arrival order; the
   * default emits 'message'. Subclasses (the SECS layer) override it; a throw is logged.
   */
  protected onDataMessage(packet: HsmsPacket): void {
    this.emitSafely('message', this.toMessage(packet));
  }

  /**
   * Fails a pending request by its system bytes (the SECS layer uses this for S9Fx / SxF0 naming
   * one of our requests). Returns false when no request with those system bytes is open.
   */
  protected failPendingRequest(system: number, error: (request: HsmsRequestInfo) => Error): boolean {
    return this.pending.reject(system, error) !== undefined;
  }

  // --- receiving (E37 control-message rules) ---

  protected override receive(packet: HsmsPacket): void {
    const h = packet.header;
    // E37: PType 0 is the only presentation type; anything else gets Reject.req reason 2
    if (h.pType !== PTYPE_SECS2) return void this.sendRejectRsp(h, RejectReason.PTypeNotSupported);
    switch (h.sType) {
      case SType.DataMessage: return this.receiveData(packet);
      case SType.SelectReq: return this.answerSelectReq(h);
      case SType.SelectRsp: return this.receiveSelectRsp(packet);
      case SType.DeselectReq: return this.answerDeselectReq(h);
      case SType.DeselectRsp: return this.receiveDeselectRsp(packet);
      case SType.LinktestReq: return void this.transmit(HsmsPacket.linktestRsp(h.system));
      case SType.LinktestRsp: return this.receiveLinktestRsp(packet);
      case SType.RejectReq: return this.receiveRejectReq(h);
      case SType.SeparateReq: return this.closeLink('separate'); // E37: Separate.req ends the connection at once, unanswered
      default: return void this.sendRejectRsp(h, RejectReason.STypeNotSupported); // 8, 10..255
    }
  }

  private receiveData(packet: HsmsPacket): void {
    const h = packet.header;
    // E37: data while NOT SELECTED gets Reject.req reason 4
    if (this.state !== HsmsState.Selected) return void this.sendRejectRsp(h, RejectReason.EntityNotSelected);
    // A reply (even function, no W-bit; SxF0 included) settles the request with its system bytes,
    // whatever its session id; anything else, and a reply nobody waits for, goes upward.
    const isReply = !h.requireResponse && h.function % 2 === 0;
    if (isReply && this.pending.resolve(h.system, 'data', packet)) {
      this.tally.repliesReceived++;
      return;
    }
    try {
      this.onDataMessage(packet);
    } catch (error) {
      this.logger.error(`onDataMessage threw for ${packetLabel(packet)}`, error);
    }
  }

  private answerSelectReq(h: HsmsHeader): void {
    if (this.state === HsmsState.Selected) return void this.transmit(HsmsPacket.selectRsp(h.system, SelectStatus.AlreadyActive));
    // E37: SELECTED before Select.rsp leaves, so the peer's first data message is never rejected
    this.changeState(HsmsState.Selected, () => this.transmit(HsmsPacket.selectRsp(h.system, SelectStatus.Established)));
  }

  private receiveSelectRsp(packet: HsmsPacket): void {
    const h = packet.header;
    if (!this.pending.find(h.system, 'select')) return void this.sendRejectRsp(h, RejectReason.TransactionNotOpen);
    const status = h.byte3;
    // Status 1 while we are SELECTED: both sides sent Select.req at once and ours lost; we are selected.
    if (status === SelectStatus.Established || (status === SelectStatus.AlreadyActive && this.state === HsmsState.Selected)) {
      this.changeState(HsmsState.Selected); // synchronously, before the next packet of this chunk
      this.pending.resolve(h.system, 'select', packet);
      return;
    }
    this.pending.reject(h.system, () => new HsmsSelectRefusedError(this.name, status));
    this.closeLink('select');
  }

  private answerDeselectReq(h: HsmsHeader): void {
    if (this.state !== HsmsState.Selected) return void this.transmit(HsmsPacket.deselectRsp(h.system, DeselectStatus.NotEstablished));
    this.changeState(HsmsState.NotSelected, () => this.transmit(HsmsPacket.deselectRsp(h.system, DeselectStatus.Ok)));
  }

  private receiveDeselectRsp(packet: HsmsPacket): void {
    const h = packet.header;
    if (!this.pending.find(h.system, 'deselect')) return void this.sendRejectRsp(h, RejectReason.TransactionNotOpen);
    if (h.byte3 !== DeselectStatus.Ok) return void this.pending.reject(h.system, () => new HsmsDeselectRefusedError(this.name, h.byte3));
    this.changeState(HsmsState.NotSelected);
    this.pending.resolve(h.system, 'deselect', packet);
  }

  private receiveLinktestRsp(packet: HsmsPacket): void {
    // E37: a response nobody asked for gets Reject.req reason 3
    if (!this.pending.resolve(packet.header.system, 'linktest', packet)) this.sendRejectRsp(packet.header, RejectReason.TransactionNotOpen);
  }

  private receiveRejectReq(h: HsmsHeader): void {
    // E37: a Reject.req settles the transaction with its system bytes at once (no T3 wait); never answered
    const rejected = this.pending.reject(h.system, (request) => new HsmsRejectedError(this.name, h.byte3, request));
    if (!rejected) return this.peerWarnings.warn(`Reject.req reason ${h.byte3} for system 0x${h.system.toString(16)}, which is not open`);
    if (rejected.kind === 'select') this.closeLink('select');
  }

  private async shutDown(): Promise<void> {
    if (this.state === HsmsState.Selected) this.sendSeparateReq(); // E37: a SELECTED link is separated, not just dropped
    await this.connection.disable();
    this.afterDisable();
  }

  /** Throws HsmsNotSelectedError unless SELECTED; `what` (a label, or the message to label) is only read then. */
  private requireSelected(what: string | SecsMessage): void {
    if (this.state !== HsmsState.Selected) throw new HsmsNotSelectedError(this.name, typeof what === 'string' ? what : messageLabel(what), this.state);
  }
}
