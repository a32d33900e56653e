import type { SecsItemType } from '../../protocol/items/item-format.js';
import type { BodyDefinition, BodyShape } from './body-shape.js';
import type { FormatRule } from './format-rules.js';

/** Who sends the message: host to equipment, equipment to host, or either. */
export type MessageDirection = 'H->E' | 'E->H' | 'both';

/** How the W-bit is set: a primary that always / may ask for a reply, or a message that never does. */
export type WBitRule = 'required' | 'never' | 'optional';

/** A code and what it means, as the data files write them. */
export interface ConstantDefinition {
  readonly name: string;
  readonly meaning?: string;
}

/** A data item as a user adds it (and as the YAML `items:` map holds it, keyed by name). */
export interface DataItemDefinition {
  /** 'HCACK' */
  readonly name: string;
  /** Allowed formats: 'B[1]', 'int|A', 'A[..20]' (format-rules.ts), or a list of such strings. */
  readonly format: string | readonly string[];
  /** Format builders use for a plain value; the first allowed format when absent. */
  readonly default?: SecsItemType;
  readonly description?: string;
  /** Code -> name ('ok'), or code -> { name, meaning }. */
  readonly constants?: Readonly<Record<number, string | ConstantDefinition>>;
  /** Name of every code not listed in `constants` ('error' for E5's ">0 error"). */
  readonly otherwise?: string;
}

/** A data item in the catalogue. */
export interface DataItemEntry {
  readonly name: string;
  readonly description: string;
  readonly formats: readonly FormatRule[];
  readonly defaultFormat: SecsItemType;
  /** Code -> name: constants[0] === 'ok' for HCACK. */
  readonly constants: Readonly<Record<number, string>>;
  /** Code -> meaning, where the data files give one. */
  readonly meanings: Readonly<Record<number, string>>;
  readonly otherwise: string | undefined;
}

/** A message as a user adds it (and as the YAML `messages:` map holds it, keyed by 'SxFy'). */
export interface MessageDefinition {
  /** 'S64F1' */
  readonly sf: string;
  readonly name: string;
  /** The E5 mnemonic ('HCS'), where there is one. */
  readonly abbreviation?: string;
  /** 'H->E', 'E->H' or 'both' ('H<->E' is read as 'both'). */
  readonly direction: MessageDirection | 'H<->E';
  readonly wBit: WBitRule;
  /** 'S64F2' for a primary that has a reply; absent or 'none' for replies and unanswered primaries. */
  readonly reply?: string;
  /** The body structure (body-shape.ts); 'none' for a header-only message. */
  readonly body: BodyDefinition;
  readonly description?: string;
}

/** A message in the catalogue. */
export interface MessageEntry {
  readonly stream: number;
  readonly function: number;
  /** 'S2F41' */
  readonly sf: string;
  readonly name: string;
  readonly abbreviation: string | undefined;
  readonly direction: MessageDirection;
  readonly wBit: WBitRule;
  /** 'S2F42', or undefined when the message has no reply. */
  readonly reply: string | undefined;
  /** The reply's function (42), or undefined. */
  readonly replyFunction: number | undefined;
  readonly body: BodyShape;
  readonly description: string | undefined;
}
