import type { SecsMessage } from '../protocol/secs-message.js';

/** 'S1F1 W' for each stream and function, built once: the label is on every pending request's record. */
const REQUEST_LABELS = new Map<number, string>();

/** 'S1F1 W': how errors name a request we send. */
export function requestLabel(stream: number, fn: number): string {
  const key = (stream << 8) | fn;
  let label = REQUEST_LABELS.get(key);
  if (label === undefined) {
    label = `S${stream}F${fn} W`;
    REQUEST_LABELS.set(key, label);
  }
  return label;
}

/** 'S1F1 W' or 'S1F2': how errors name a message we send. */
export function messageLabel(message: SecsMessage): string {
  return message.wBit ? requestLabel(message.stream, message.function) : message.sf;
}
