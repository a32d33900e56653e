import type { HsmsState } from '../hsms/hsms-handler.events.js';

/** A client pattern that names no configured peer, or an sf that is not 'SxFy'. */
export class HsmsClientPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsmsClientPatternError';
  }
}

/** A SecsMessage given as data whose SxFy is not the pattern's: which one was meant is unclear, so nothing is sent. */
export class HsmsClientMessageMismatchError extends Error {
  constructor(
    readonly patternSf: string,
    readonly messageSf: string,
  ) {
    super(`HsmsClient: the pattern says ${patternSf} but the SecsMessage given as data is ${messageSf}; nothing was sent`);
    this.name = 'HsmsClientMessageMismatchError';
  }
}

/** connect() found no SELECTED peer within connectTimeout. */
export class HsmsClientNotConnectedError extends Error {
  constructor(
    readonly peers: ReadonlyArray<{ peer: string; state: HsmsState }>,
    seconds: number,
  ) {
    const states = peers.length === 0 ? 'there are no peers' : peers.map((p) => `${p.peer} ${p.state}`).join(', ');
    super(`HsmsClient: no peer SELECTED within connectTimeout ${seconds} s (${states})`);
    this.name = 'HsmsClientNotConnectedError';
  }
}

/** HsmsClient has no manager to talk through, or a bad option. */
export class HsmsClientSetupError extends Error {
  constructor(message: string) {
    super(`HsmsClient: ${message}`);
    this.name = 'HsmsClientSetupError';
  }
}
