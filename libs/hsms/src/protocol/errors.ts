import { HsmsError } from './hsms-error.js';

/**
 * Base of every error the protocol layer throws for bad input or bad values. Each concrete error
 * is a small named class whose message states the offending number, so callers can branch on
 * `instanceof` or `code` and operators can read the log.
 */
export class HsmsProtocolError extends HsmsError {
  static override readonly code: string = 'HSMS_PROTOCOL';
}

/** A value given to an item builder does not fit its format (range, character set, length). */
export class SecsItemValueError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_ITEM_VALUE';
}
