import { HsmsProtocolError } from '../../protocol/errors.js';
import type { ValidationFailure } from './validation-result.js';

/** A message or data item definition (YAML or object) that does not follow the catalogue's rules. */
export class CatalogueDefinitionError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_CATALOGUE_DEFINITION';
}

/** The built-in data files are missing (a build that did not copy the assets). */
export class CatalogueDataMissingError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_CATALOGUE_DATA_MISSING';
}

/** A look-up of a stream/function the catalogue does not hold. */
export class UnknownSecsMessageError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_UNKNOWN_MESSAGE';
  constructor(readonly sf: string) {
    super(`${sf} is not in the message catalogue`);
  }
}

/** A look-up of a data item the catalogue does not hold. */
export class UnknownDataItemError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_UNKNOWN_DATA_ITEM';
  constructor(readonly itemName: string) {
    super(`data item ${itemName} is not in the message catalogue`);
  }
}

/** A body that does not match its message's structure, met by a builder or a parser. */
export class SecsBodyMismatchError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_BODY_MISMATCH';
  constructor(readonly failure: ValidationFailure) {
    super(failure.message);
  }
}

/** A builder value that cannot become an item of its data item (a string for a numeric-only id ...). */
export class CatalogueValueError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_CATALOGUE_VALUE';
}
