/** HSMS session types (E37 header byte 5). 8, 10 and 11..255 are not used: they get Reject.req reason 1. */
export enum SType {
  DataMessage = 0,
  SelectReq = 1,
  SelectRsp = 2,
  DeselectReq = 3,
  DeselectRsp = 4,
  LinktestReq = 5,
  LinktestRsp = 6,
  RejectReq = 7,
  SeparateReq = 9,
}

/** PType 0 is SECS-II text; any other presentation type gets Reject.req reason 2. */
export const PTYPE_SECS2 = 0;

/** Session id carried by HSMS-SS control messages. */
export const CONTROL_SESSION_ID = 0xffff;

/** Select.rsp status codes (E37). 4..6 are HSMS-GS only. */
export enum SelectStatus {
  Established = 0,
  AlreadyActive = 1,
  NotReady = 2,
  ConnectExhaust = 3,
  EntityUnknown = 4,
  EntityAlreadyInUse = 5,
  EntityAlreadySelected = 6,
}

/** Deselect.rsp status codes (E37). */
export enum DeselectStatus {
  Ok = 0,
  NotEstablished = 1,
  Busy = 2,
}

/** Reject.req reason codes (E37). */
export enum RejectReason {
  STypeNotSupported = 1,
  PTypeNotSupported = 2,
  TransactionNotOpen = 3,
  EntityNotSelected = 4,
}

export function isKnownSType(sType: number): sType is SType {
  return sType <= 9 && sType !== 8;
}
