import { HsmsOptionError } from '../connections/hsms-options.js';

/** A simulator option outside its allowed range; the message names the option. */
export class SimulatorOptionError extends HsmsOptionError {
  constructor(option: string, message: string) {
    super(option, message);
    this.name = 'SimulatorOptionError';
  }
}

/** A passive simulator could not listen on its port (in use, not permitted); `cause` is Node's error. */
export class SimulatorListenError extends Error {
  constructor(readonly simulator: string, readonly port: number, cause: unknown) {
    super(`${simulator}: cannot listen on port ${port}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SimulatorListenError';
  }
}
