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

/**
 * Text with an unpaired UTF-16 surrogate given for a C2 item in UTF-8 or UCS-2: neither encoding
 * can carry it, and encoding it anyway would silently send U+FFFD instead of what was written.
 */
export class SecsLoneSurrogateError extends SecsItemValueError {
  static override readonly code: string = 'HSMS_LONE_SURROGATE';

  constructor(
    readonly index: number,
    readonly codeUnit: number,
  ) {
    super(`C2 text has a lone surrogate U+${codeUnit.toString(16).toUpperCase().padStart(4, '0')} at ${index}: not valid Unicode text`);
  }
}
