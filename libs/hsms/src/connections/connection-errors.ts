/** Base of the errors the connection layer throws; `name` is the concrete class name. */
export class HsmsConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * send() would put more than `maxQueuedBytes` in the connection's write queue: the peer does not
 * read as fast as we write. Nothing was queued; the connection stays up.
 */
export class HsmsSendQueueFullError extends HsmsConnectionError {
  constructor(
    readonly queuedBytes: number,
    readonly maxQueuedBytes: number,
  ) {
    super(`HSMS send queue would hold ${queuedBytes} bytes, over maxQueuedBytes ${maxQueuedBytes}`);
  }
}

/** A multi-passive server already has a connection for this peer address. */
export class HsmsDuplicateConnectionError extends HsmsConnectionError {
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    super(`HSMS multi-passive server on port ${port} already has a connection for ${address}`);
  }
}

/** The connection was disabled (or its server stopped) before it was listening. */
export class HsmsNotListeningError extends HsmsConnectionError {
  constructor(readonly port: number) {
    super(`HSMS listener on port ${port} was closed before it was listening`);
  }
}
