import { HsmsError } from '../protocol/hsms-error.js';

/** A passive simulator could not listen on its port (in use, not permitted); `cause` is Node's error. */
export class SimulatorListenError extends HsmsError {
  static override readonly code: string = 'HSMS_SIMULATOR_LISTEN';
  constructor(
    readonly simulator: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(`${simulator}: cannot listen on port ${port}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
