import { HsmsError } from '../protocol/hsms-error.js';

/** Base of the errors the connection layer throws; `name` is the concrete class name. */
export class HsmsConnectionError extends HsmsError {
  static override readonly code: string = 'HSMS_CONNECTION';
}

/**
 * send() would put more than `maxQueuedBytes` in the connection's write queue: the peer does not
 * read as fast as we write. Nothing was queued; the connection stays up.
 */
export class HsmsSendQueueFullError extends HsmsConnectionError {
  static override readonly code: string = 'HSMS_SEND_QUEUE_FULL';
  constructor(
    readonly queuedBytes: number,
    readonly maxQueuedBytes: number,
  ) {
    super(`HSMS send queue would hold ${queuedBytes} bytes, over maxQueuedBytes ${maxQueuedBytes}`);
  }
}

/** A multi-passive server already has a connection for this peer address. */
export class HsmsDuplicateConnectionError extends HsmsConnectionError {
  static override readonly code: string = 'HSMS_DUPLICATE_CONNECTION';
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    super(`HSMS multi-passive server on port ${port} already has a connection for ${address}`);
  }
}

/** The connection was disabled (or its server stopped) before it was listening. */
export class HsmsNotListeningError extends HsmsConnectionError {
  static override readonly code: string = 'HSMS_NOT_LISTENING';
  constructor(readonly port: number) {
    super(`HSMS listener on port ${port} was closed before it was listening`);
  }
}
