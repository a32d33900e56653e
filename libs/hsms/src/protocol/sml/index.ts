export { printItemSml } from './sml-item-printer.js';
export { printMessageSml } from './sml-message-printer.js';
export type { SmlPrintOptions } from './sml-print-options.js';
export { parseSml, parseSmlItem } from './sml-message-parser.js';
export { DEFAULT_SML_MAX_DEPTH, DEFAULT_SML_MAX_ITEMS, type SmlParseOptions } from './sml-item-parser.js';
export { SmlParseError } from './sml-parse-error.js';
