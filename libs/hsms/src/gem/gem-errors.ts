import { HsmsError } from '../protocol/hsms-error.js';

/** Base of the errors the GEM layer raises; `name` is the concrete class name. */
export class GemError extends HsmsError {
  static override readonly code: string = 'HSMS_GEM';
}

/** An id (SVID, DVID, ECID, CEID, ALID, RPTID ...) was registered twice, or is used by another kind of variable. */
export class GemDuplicateIdError extends GemError {
  static override readonly code: string = 'HSMS_GEM_DUPLICATE_ID';
  constructor(
    readonly kind: string,
    readonly id: string | number,
  ) {
    super(`${kind} ${String(id)} is already defined`);
  }
}

/** A local call named an id the equipment does not define. */
export class GemUnknownIdError extends GemError {
  static override readonly code: string = 'HSMS_GEM_UNKNOWN_ID';
  constructor(
    readonly kind: string,
    readonly id: string | number,
  ) {
    super(`${kind} ${String(id)} is not defined`);
  }
}

/** A local value that a definition refuses (an equipment constant out of its range ...). */
export class GemValueError extends GemError {
  static override readonly code: string = 'HSMS_GEM_VALUE';
}

/** E30: the request needs the COMMUNICATING state (or an enabled communication state model). */
export class GemNotCommunicatingError extends GemError {
  static override readonly code: string = 'HSMS_GEM_NOT_COMMUNICATING';
  constructor(
    readonly peer: string,
    readonly state: string,
    what: string,
  ) {
    super(`${peer}: cannot ${what}: communication state is ${state}, not COMMUNICATING`);
  }
}

/** S1F13 was answered with a COMMACK other than 0, timed out, or the link went down first. */
export class GemCommunicationFailedError extends GemError {
  static override readonly code: string = 'HSMS_GEM_COMMUNICATION_FAILED';
  constructor(
    readonly peer: string,
    readonly state: string,
  ) {
    super(`${peer}: establish communication failed; communication state is ${state}`);
  }
}

/**
 * A step of a multi-message host operation (subscribe: S2F33, S2F35, S2F37) was refused by the
 * equipment; `ack` is the acknowledge code it sent (DRACK, LRACK, ERACK ...), named by `ackName`.
 */
export class GemRequestDeniedError extends GemError {
  static override readonly code: string = 'HSMS_GEM_REQUEST_DENIED';
  constructor(
    readonly sf: string,
    readonly ackName: string,
    readonly ack: number,
    meaning: string | undefined,
  ) {
    super(`${sf} was denied with ${ackName} ${ack}${meaning ? ` (${meaning})` : ''}`);
  }
}

/** E30: the equipment sends nothing but S1F13 and S1F1 while OFF-LINE. */
export class GemOfflineError extends GemError {
  static override readonly code: string = 'HSMS_GEM_OFFLINE';
  constructor(
    readonly peer: string,
    readonly controlState: string,
    what: string,
  ) {
    super(`${peer}: cannot ${what}: control state is ${controlState}, not ON-LINE`);
  }
}
