import type { HsmsState } from '../hsms/hsms-handler.events.js';
import { HsmsError } from '../protocol/hsms-error.js';

/** A client pattern that names no configured peer, or an sf that is not 'SxFy'. */
export class HsmsClientPatternError extends HsmsError {
  static override readonly code: string = 'HSMS_CLIENT_PATTERN';
  constructor(message: string) {
    super(message);
  }
}

/** A SecsMessage given as data whose SxFy is not the pattern's: which one was meant is unclear, so nothing is sent. */
export class HsmsClientMessageMismatchError extends HsmsError {
  static override readonly code: string = 'HSMS_CLIENT_MESSAGE_MISMATCH';
  constructor(
    readonly patternSf: string,
    readonly messageSf: string,
  ) {
    super(`HsmsClient: the pattern says ${patternSf} but the SecsMessage given as data is ${messageSf}; nothing was sent`);
  }
}

/** connect() found no SELECTED peer within connectTimeout. */
export class HsmsClientNotConnectedError extends HsmsError {
  static override readonly code: string = 'HSMS_CLIENT_NOT_CONNECTED';
  constructor(
    readonly peers: ReadonlyArray<{ peer: string; state: HsmsState }>,
    seconds: number,
  ) {
    const states = peers.length === 0 ? 'there are no peers' : peers.map((p) => `${p.peer} ${p.state}`).join(', ');
    super(`HsmsClient: no peer SELECTED within connectTimeout ${seconds} s (${states})`);
  }
}

/** HsmsClient has no manager to talk through, or a bad option. */
export class HsmsClientSetupError extends HsmsError {
  static override readonly code: string = 'HSMS_CLIENT_SETUP';
  constructor(message: string) {
    super(`HsmsClient: ${message}`);
  }
}
