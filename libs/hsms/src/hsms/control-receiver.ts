import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { DeselectStatus, PTYPE_SECS2, RejectReason, SelectStatus, SType } from '../protocol/hsms/s-type.js';
import { HsmsDeselectRefusedError, type HsmsDisconnectCause, HsmsRejectedError, HsmsSelectRefusedError } from './hsms-errors.js';
import { HsmsState } from './hsms-handler.events.js';
import type { PendingRequests } from './pending-requests.js';

/** What the control-message rules need of their session. */
export interface ControlPort {
  readonly name: string;
  state(): HsmsState;
  readonly pending: PendingRequests;
  /** Sends one packet; false when no socket is up. */
  transmit(packet: HsmsPacket): boolean;
  /** Sends Reject.req for `header`. */
  reject(header: HsmsHeader, reason: RejectReason): boolean;
  /** Moves to `next`; `respond` goes out after the state changed, before the events. */
  changeState(next: HsmsState, respond?: () => void): void;
  closeLink(cause: HsmsDisconnectCause): void;
  warnAboutPeer(text: string): void;
  /** A data message (the session checks SELECTED and settles replies). */
  receiveData(packet: HsmsPacket): void;
}

/**
 * E37's rules for received packets: PType and SType checks, Select / Deselect / Linktest requests
 * answered, their responses matched to our open requests, Reject.req settling its transaction,
 * Separate.req closing the link. Data messages go back to the session.
 */
export class ControlReceiver {
  constructor(private readonly port: ControlPort) {}

  /** One received packet by E37's rules; data messages go to the session's receiveData. */
  receive(packet: HsmsPacket): void {
    // E37: PType 0 is the only presentation type; anything else gets Reject.req reason 2
    if (packet.pType !== PTYPE_SECS2) return void this.port.reject(packet.header, RejectReason.PTypeNotSupported);
    if (packet.sType === SType.DataMessage) return this.port.receiveData(packet); // before the header object below: data is the hot path
    const h = packet.header;
    switch (h.sType) {
      case SType.SelectReq:
        return this.answerSelectReq(h);
      case SType.SelectRsp:
        return this.receiveSelectRsp(packet);
      case SType.DeselectReq:
        return this.answerDeselectReq(h);
      case SType.DeselectRsp:
        return this.receiveDeselectRsp(packet);
      case SType.LinktestReq:
        return void this.port.transmit(HsmsPacket.linktestRsp(h.system));
      case SType.LinktestRsp:
        return this.receiveLinktestRsp(packet);
      case SType.RejectReq:
        return this.receiveRejectReq(h);
      case SType.SeparateReq:
        return this.port.closeLink('separate'); // E37: Separate.req ends the connection at once, unanswered
      default:
        return void this.port.reject(h, RejectReason.STypeNotSupported); // 8, 10..255
    }
  }

  private answerSelectReq(h: HsmsHeader): void {
    if (this.port.state() === HsmsState.Selected)
      return void this.port.transmit(HsmsPacket.selectRsp(h.system, SelectStatus.AlreadyActive));
    // E37: SELECTED before Select.rsp leaves, so the peer's first data message is never rejected
    this.port.changeState(HsmsState.Selected, () => this.port.transmit(HsmsPacket.selectRsp(h.system, SelectStatus.Established)));
  }

  private receiveSelectRsp(packet: HsmsPacket): void {
    const h = packet.header;
    if (!this.port.pending.isOpen(h.system, 'select')) return void this.port.reject(h, RejectReason.TransactionNotOpen);
    const status = h.byte3;
    // Status 1 while we are SELECTED: both sides sent Select.req at once and ours lost; we are selected.
    if (status === SelectStatus.Established || (status === SelectStatus.AlreadyActive && this.port.state() === HsmsState.Selected)) {
      this.port.changeState(HsmsState.Selected); // synchronously, before the next packet of this chunk
      this.port.pending.resolve(h.system, 'select', packet);
      return;
    }
    this.port.pending.reject(h.system, () => new HsmsSelectRefusedError(this.port.name, status));
    this.port.closeLink('select');
  }

  private answerDeselectReq(h: HsmsHeader): void {
    if (this.port.state() !== HsmsState.Selected)
      return void this.port.transmit(HsmsPacket.deselectRsp(h.system, DeselectStatus.NotEstablished));
    this.port.changeState(HsmsState.NotSelected, () => this.port.transmit(HsmsPacket.deselectRsp(h.system, DeselectStatus.Ok)));
  }

  private receiveDeselectRsp(packet: HsmsPacket): void {
    const h = packet.header;
    if (!this.port.pending.isOpen(h.system, 'deselect')) return void this.port.reject(h, RejectReason.TransactionNotOpen);
    if (h.byte3 !== DeselectStatus.Ok)
      return void this.port.pending.reject(h.system, () => new HsmsDeselectRefusedError(this.port.name, h.byte3));
    this.port.changeState(HsmsState.NotSelected);
    this.port.pending.resolve(h.system, 'deselect', packet);
  }

  private receiveLinktestRsp(packet: HsmsPacket): void {
    // E37: a response nobody asked for gets Reject.req reason 3
    if (!this.port.pending.resolve(packet.header.system, 'linktest', packet))
      this.port.reject(packet.header, RejectReason.TransactionNotOpen);
  }

  private receiveRejectReq(h: HsmsHeader): void {
    // E37: a Reject.req settles the transaction with its system bytes at once (no T3 wait); never answered
    const rejected = this.port.pending.reject(h.system, (request) => new HsmsRejectedError(this.port.name, h.byte3, request));
    if (!rejected) return this.port.warnAboutPeer(`Reject.req reason ${h.byte3} for system 0x${h.system.toString(16)}, which is not open`);
    if (rejected.kind === 'select') this.port.closeLink('select');
  }
}
