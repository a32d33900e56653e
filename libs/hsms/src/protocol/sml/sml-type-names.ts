import type { SecsItemType } from '../items/item-format.js';

// Type names as SML tools print them, upper-cased. Besides the E5 names we accept the long names
// some tools use (secs4net prints `Boolean`, others `LIST`, `BINARY`, `ASCII`, `JIS8`).
const SML_TYPE_NAMES: ReadonlyMap<string, SecsItemType> = new Map<string, SecsItemType>([
  ['L', 'L'],
  ['LIST', 'L'],
  ['B', 'B'],
  ['BINARY', 'B'],
  ['BOOLEAN', 'BOOLEAN'],
  ['BOOL', 'BOOLEAN'],
  ['A', 'A'],
  ['ASCII', 'A'],
  ['J', 'J'],
  ['JIS8', 'J'],
  ['C2', 'C2'],
  ['I1', 'I1'],
  ['I2', 'I2'],
  ['I4', 'I4'],
  ['I8', 'I8'],
  ['U1', 'U1'],
  ['U2', 'U2'],
  ['U4', 'U4'],
  ['U8', 'U8'],
  ['F4', 'F4'],
  ['F8', 'F8'],
]);

/** The item type an SML type name stands for (case-insensitive), or undefined for an unknown name. */
export function itemTypeOfSmlName(name: string): SecsItemType | undefined {
  return SML_TYPE_NAMES.get(name.toUpperCase());
}
