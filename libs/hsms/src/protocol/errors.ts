/**
 * Base of every error the protocol layer throws for bad input or bad values. Each concrete error
 * is a small named class whose message states the offending number, so callers can branch on
 * `instanceof` and operators can read the log.
 */
export class HsmsProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value given to an item builder does not fit its format (range, character set, length). */
export class SecsItemValueError extends HsmsProtocolError {}
