import { RpcException } from '@nestjs/microservices';

/** The error object an HsmsS9Exception carries through Nest's exception filters. */
export interface HsmsS9ErrorPayload {
  s9: 1 | 3 | 5 | 7 | 9 | 11;
  message: string;
}

/**
 * Thrown from an HSMS message handler to answer with an S9 message (for example S9F7, illegal
 * data) instead of the default SxF0. On the host side, which never sends S9, it becomes SxF0.
 */
export class HsmsS9Exception extends RpcException {
  /**
   * The one error class outside HsmsError: Nest's exception filters pass only RpcException
   * through to the transport. It carries a stable code all the same.
   */
  readonly code = 'HSMS_S9_EXCEPTION';
  constructor(
    readonly s9: HsmsS9ErrorPayload['s9'],
    message = `S9F${s9}`,
  ) {
    super({ s9, message } satisfies HsmsS9ErrorPayload);
  }
}

export function isS9ErrorPayload(value: unknown): value is HsmsS9ErrorPayload {
  return typeof value === 'object' && value !== null && typeof (value as { s9?: unknown }).s9 === 'number';
}
