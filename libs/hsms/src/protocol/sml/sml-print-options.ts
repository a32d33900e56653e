import { readWholeNumberOption } from './sml-option-checks.js';

/**
 * Caps for printing SML into logs: a trace of a 16 MiB message must not become an 80 MB log line.
 * Text printed with a cap that took effect contains `...` and is refused by the parser on purpose.
 */
export interface SmlPrintOptions {
  /**
   * Most values printed per item: children of a list, bytes of B, values of numeric and BOOLEAN
   * arrays, characters of A/J/C2 text. The rest is summarised as `... N more`. Default: no cap.
   */
  maxValues?: number;
  /**
   * Most characters of the whole text. Printing stops once it is reached, the text is cut there
   * and a last line `... truncated at N characters` is added. Default: no cap.
   */
  maxLength?: number;
}

/** The cap named `name`: a whole number >= 0, Infinity when not given; HsmsOptionError otherwise. */
export function readPrintCap(options: SmlPrintOptions, name: keyof SmlPrintOptions): number {
  return readWholeNumberOption(name, options[name], Infinity, 0, true);
}
