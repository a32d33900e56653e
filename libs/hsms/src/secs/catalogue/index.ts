// The message catalogue: data-driven SECS-II message and data item dictionary, body validation,
// typed builders and parsers. Public names only.
export { SecsCatalogue, secsCatalogue, validateBody } from './secs-catalogue.js';
export type { SecsCatalogueOptions, AddOptions, LoadOptions, LoadedEntries } from './secs-catalogue.js';
export type {
  MessageDirection,
  WBitRule,
  ConstantDefinition,
  DataItemDefinition,
  DataItemEntry,
  MessageDefinition,
  MessageEntry,
} from './catalogue-types.js';
export type { BodyDefinition, BodyShape } from './body-shape.js';
export type { FormatRule, LengthRule } from './format-rules.js';
export type { MessageRef } from './sf-reference.js';
export type { ValidationResult, ValidationSuccess, ValidationFailure } from './validation-result.js';
export {
  CatalogueDefinitionError,
  CatalogueDataMissingError,
  CatalogueValueError,
  SecsBodyMismatchError,
  UnknownDataItemError,
  UnknownSecsMessageError,
} from './catalogue-errors.js';
export type { ItemValue, IdValue, IdReading, BuildOptions } from './item-values.js';
export { buildCatalogueMessage, readCatalogueBody } from './message-codec.js';
export type { ParseInput, ParseOptions } from './message-codec.js';
export * from './code-constants.js';
export * from './alcd.js';
export * from './secs-time.js';
export * from './messages/s1-equipment-status.js';
export * from './messages/s2-equipment-constants.js';
export * from './messages/s2-clock.js';
export * from './messages/s2-event-reports.js';
export * from './messages/s2-remote-commands.js';
export * from './messages/s5-alarms.js';
export * from './messages/s6-data-collection.js';
export * from './messages/s7-process-programs.js';
export * from './messages/s9-system-errors.js';
export * from './messages/s10-terminal-services.js';
export * from './messages/s1-name-lists.js';
export * from './messages/s2-trace.js';
export * from './messages/s2-spooling.js';
export * from './messages/s2-limits.js';
export * from './messages/s2-multi-block.js';
export * from './messages/s2-enhanced-remote-command.js';
export * from './messages/s6-trace-data.js';
export * from './messages/s6-individual-reports.js';
export * from './messages/s6-spooled-data.js';
export * from './messages/s10-multi-block-terminal.js';
