import type { SecsItem } from '../items/secs-item.js';

// Placeholder printer, replaced by the SML work: prints items in the indented SML form.
export function printItemSml(item: SecsItem, indent = 0): string {
  const pad = '  '.repeat(indent);
  switch (item.type) {
    case 'L':
      if (item.items.length === 0) return `${pad}<L [0]>`;
      return `${pad}<L [${item.items.length}]\n${item.items.map((c) => printItemSml(c, indent + 1)).join('\n')}\n${pad}>`;
    case 'A':
    case 'J':
      return `${pad}<${item.type} ${JSON.stringify(item.value)}>`;
    case 'C2':
      return `${pad}<C2 ${JSON.stringify(item.value)}>`;
    case 'B':
      return `${pad}<B [${item.length}] ${Array.from(item.bytes, (b) => '0x' + b.toString(16).padStart(2, '0')).join(' ')}>`;
    case 'BOOLEAN':
      return `${pad}<BOOLEAN [${item.length}] ${item.values.map((v) => (v ? 'T' : 'F')).join(' ')}>`;
    default:
      return `${pad}<${item.type} [${item.length}] ${item.values.join(' ')}>`;
  }
}
