import type { HsmsCloseCause } from '../connections/hsms-connection-delegate.js';
import { HsmsError } from '../protocol/hsms-error.js';
import { RejectReason } from '../protocol/hsms/s-type.js';

/**
 * Why a handler's TCP connection ended, as told to every request still waiting on it:
 * the connection's own causes (local, remote, error, t8, protocol) plus the HSMS layer's.
 */
export type HsmsDisconnectCause =
  | HsmsCloseCause
  | 't6' // a Select/Deselect/Linktest.rsp did not come within T6
  | 't7' // the connection stayed NOT SELECTED longer than T7
  | 'linktest' // linktestFailures idle-link probes in a row went unanswered
  | 'separate' // the peer sent Separate.req
  | 'select'; // the peer answered our Select.req with a status other than 0

/** What a pending request is waiting for. */
export type HsmsRequestKind = 'data' | 'select' | 'deselect' | 'linktest';

/** The request an error is about: its kind, system bytes and a label for messages ('S1F1 W', 'Linktest.req'). */
export interface HsmsRequestInfo {
  readonly kind: HsmsRequestKind;
  readonly system: number;
  readonly label: string;
}

// The library's one error root lives in protocol/ (the lowest layer); the HSMS layer's errors extend it.
export { HsmsError } from '../protocol/hsms-error.js';

/** A send was attempted while there is no TCP connection. */
export class HsmsNotConnectedError extends HsmsError {
  static override readonly code: string = 'HSMS_NOT_CONNECTED';
  constructor(
    readonly peer: string,
    what: string,
  ) {
    super(`${peer}: cannot send ${what}: not connected`);
  }
}

/** E37: data messages need a SELECTED link. */
export class HsmsNotSelectedError extends HsmsError {
  static override readonly code: string = 'HSMS_NOT_SELECTED';
  constructor(
    readonly peer: string,
    what: string,
    readonly state: string,
  ) {
    super(`${peer}: cannot send ${what}: the link is ${state}, not SELECTED`);
  }
}

/** The connection ended while the request waited; `closeCause` says why. */
export class HsmsConnectionClosedError extends HsmsError {
  static override readonly code: string = 'HSMS_CONNECTION_CLOSED';
  constructor(
    readonly peer: string,
    readonly closeCause: HsmsDisconnectCause,
    readonly request: HsmsRequestInfo,
  ) {
    super(`${peer}: connection closed (${closeCause}) while ${describeRequest(request)} waited for its reply`);
  }
}

/** A timer ran out before the reply came. */
export class HsmsTimeoutError extends HsmsError {
  static override readonly code: string = 'HSMS_TIMEOUT';
  constructor(
    readonly peer: string,
    readonly timer: 't3' | 't6',
    readonly seconds: number,
    readonly request: HsmsRequestInfo,
  ) {
    super(`${peer}: ${describeRequest(request)} got no reply within ${timer.toUpperCase()} = ${seconds} s`);
  }
}

/** E37: T3 expired for a data request; the link stays up. */
export class HsmsReplyTimeoutError extends HsmsTimeoutError {
  static override readonly code: string = 'HSMS_REPLY_TIMEOUT';
  constructor(peer: string, seconds: number, request: HsmsRequestInfo) {
    super(peer, 't3', seconds, request);
  }
}

/** E37: T6 expired for a control request; the link is closed as a communication failure. */
export class HsmsControlTimeoutError extends HsmsTimeoutError {
  static override readonly code: string = 'HSMS_CONTROL_TIMEOUT';
  constructor(peer: string, seconds: number, request: HsmsRequestInfo) {
    super(peer, 't6', seconds, request);
  }
}

/** The peer answered the request with Reject.req (E37: settles it at once, no T3 wait). */
export class HsmsRejectedError extends HsmsError {
  static override readonly code: string = 'HSMS_REJECTED';
  constructor(
    readonly peer: string,
    readonly reason: number,
    readonly request: HsmsRequestInfo,
  ) {
    super(`${peer}: ${describeRequest(request)} was rejected with reason ${reason} (${rejectReasonText(reason)})`);
  }
}

/** The peer answered Select.req with a status other than 0. */
export class HsmsSelectRefusedError extends HsmsError {
  static override readonly code: string = 'HSMS_SELECT_REFUSED';
  constructor(
    readonly peer: string,
    readonly status: number,
  ) {
    super(`${peer}: Select.req refused with status ${status} (${SELECT_STATUS_TEXT[status] ?? 'unknown status'})`);
  }
}

/** The peer answered Deselect.req with a status other than 0. */
export class HsmsDeselectRefusedError extends HsmsError {
  static override readonly code: string = 'HSMS_DESELECT_REFUSED';
  constructor(
    readonly peer: string,
    readonly status: number,
  ) {
    super(`${peer}: Deselect.req refused with status ${status} (${DESELECT_STATUS_TEXT[status] ?? 'unknown status'})`);
  }
}

/** HsmsConnectionManager.addPeer was given a name already in use. */
export class HsmsDuplicatePeerError extends HsmsError {
  static override readonly code: string = 'HSMS_DUPLICATE_PEER';
  constructor(readonly peer: string) {
    super(`a peer named '${peer}' already exists`);
  }
}

const SELECT_STATUS_TEXT: Readonly<Record<number, string>> = {
  0: 'established',
  1: 'already active',
  2: 'not ready',
  3: 'connect exhaust',
  4: 'entity unknown',
  5: 'entity already in use',
  6: 'entity already selected',
};
const DESELECT_STATUS_TEXT: Readonly<Record<number, string>> = { 0: 'ok', 1: 'not established', 2: 'busy' };

export function rejectReasonText(reason: number): string {
  switch (reason) {
    case RejectReason.STypeNotSupported:
      return 'SType not supported';
    case RejectReason.PTypeNotSupported:
      return 'PType not supported';
    case RejectReason.TransactionNotOpen:
      return 'transaction not open';
    case RejectReason.EntityNotSelected:
      return 'entity not selected';
    default:
      return 'unknown reason';
  }
}

function describeRequest(request: HsmsRequestInfo): string {
  return `${request.label} (system 0x${request.system.toString(16).padStart(8, '0')})`;
}
