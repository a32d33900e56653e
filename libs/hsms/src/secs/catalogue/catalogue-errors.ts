import { HsmsProtocolError } from '../../protocol/errors.js';
import type { ValidationFailure } from './validation-result.js';

/** A message or data item definition (YAML or object) that does not follow the catalogue's rules. */
export class CatalogueDefinitionError extends HsmsProtocolError {}

/** The built-in data files are missing (a build that did not copy the assets). */
export class CatalogueDataMissingError extends HsmsProtocolError {}

/** A look-up of a stream/function the catalogue does not hold. */
export class UnknownSecsMessageError extends HsmsProtocolError {
  constructor(readonly sf: string) {
    super(`${sf} is not in the message catalogue`);
  }
}

/** A look-up of a data item the catalogue does not hold. */
export class UnknownDataItemError extends HsmsProtocolError {
  constructor(readonly itemName: string) {
    super(`data item ${itemName} is not in the message catalogue`);
  }
}

/** A body that does not match its message's structure, met by a builder or a parser. */
export class SecsBodyMismatchError extends HsmsProtocolError {
  constructor(readonly failure: ValidationFailure) {
    super(failure.message);
  }
}

/** A builder value that cannot become an item of its data item (a string for a numeric-only id ...). */
export class CatalogueValueError extends HsmsProtocolError {}
