import { HsmsError } from '../protocol/hsms-error.js';
import type { TraceDirection, TraceEntry } from './trace-entry.js';

/**
 * Which messages a trace viewer wants (the query of GET /api/trace): peers by name, messages by
 * 'S6F11' or a whole stream 'S6', a direction, and whether control messages (Select, Linktest...)
 * come too. An empty list means "any".
 */
export interface TraceFilter {
  readonly peers: readonly string[];
  /** Stream/function pairs; function undefined: the whole stream. */
  readonly sf: ReadonlyArray<{ readonly stream: number; readonly function: number | undefined }>;
  readonly direction: TraceDirection | undefined;
  readonly control: boolean;
}

/** A query parameter that does not make a filter; the API answers it with 400. */
export class TraceFilterError extends HsmsError {
  static override readonly code: string = 'HSMS_CONSOLE_TRACE_FILTER';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`trace filter '${parameter}': ${message}`);
  }
}

/** Reads `peer`, `sf`, `direction` and `control` (each may be comma-separated or repeated). */
export function parseTraceFilter(query: URLSearchParams): TraceFilter {
  const list = (name: string): string[] =>
    query
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const sf = list('sf').map((text) => {
    const match = /^S(\d{1,3})(?:F(\d{1,3}))?$/i.exec(text);
    if (!match) throw new TraceFilterError('sf', `'${text}' is not SxFy or Sx (e.g. S6F11, S6)`);
    return { stream: Number(match[1]), function: match[2] === undefined ? undefined : Number(match[2]) };
  });
  const direction = query.get('direction') ?? undefined;
  if (direction !== undefined && direction !== 'in' && direction !== 'out') {
    throw new TraceFilterError('direction', `must be 'in' or 'out', got '${direction}'`);
  }
  const control = query.get('control');
  if (control !== null && !['0', '1', 'true', 'false'].includes(control))
    throw new TraceFilterError('control', `must be 0/1 or true/false, got '${control}'`);
  return { peers: list('peer'), sf, direction, control: control === null ? sf.length === 0 : control === '1' || control === 'true' };
}

export function matchesTrace(filter: TraceFilter, entry: TraceEntry): boolean {
  if (filter.direction !== undefined && entry.direction !== filter.direction) return false;
  if (filter.peers.length > 0 && !filter.peers.includes(entry.peer)) return false;
  if (entry.stream === null) return filter.control;
  if (filter.sf.length === 0) return true;
  return filter.sf.some((f) => f.stream === entry.stream && (f.function === undefined || f.function === entry.function));
}
