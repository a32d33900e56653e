import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceEntry } from './trace-entry.js';
import { matchesTrace, parseTraceFilter, TraceFilterError } from './trace-filter.js';
import type { TraceRing } from './trace-ring.js';

// A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
const KEEPALIVE_MS = 15_000;

/**
 * GET /api/trace: the trace as server-sent events, one traced message per event (`id:` the entry
 * id, `data:` its JSON). The query filters (peer, sf, direction, control); `history` says how many
 * held messages come first (default all the ring holds, 0 for live only); a reconnecting
 * EventSource's Last-Event-ID resumes after the last one it saw. Each client has its own queue,
 * written as fast as its socket drains and never longer than the ring: a client that falls that
 * far behind loses the oldest entries (never the server's memory), and a `dropped` event says how
 * many.
 */
export function streamTrace(request: IncomingMessage, response: ServerResponse, url: URL, ring: TraceRing): void {
  // both throw TraceFilterError (400) before any header is sent
  const filter = parseTraceFilter(url.searchParams);
  const history = readHistory(url.searchParams.get('history'));
  const lastEventId = Number(request.headers['last-event-id'] ?? NaN);

  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 2000\n\n');

  // What this client still has to receive: the replay first, then live entries. Written while the
  // socket takes more; a client that falls further behind than the ring holds loses the oldest.
  const queue: TraceEntry[] = [];
  const cap = ring.capacity;
  let dropped = 0;
  const pump = (): void => {
    while (queue.length > 0 && !response.writableNeedDrain && !response.destroyed) {
      const entry = queue.shift()!;
      response.write(`id: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
    }
    if (dropped > 0 && !response.writableNeedDrain) {
      response.write(`event: dropped\ndata: {"count":${dropped}}\n\n`);
      dropped = 0;
    }
  };
  const send = (entry: TraceEntry): void => {
    if (!matchesTrace(filter, entry)) return;
    queue.push(entry);
    if (queue.length > cap) {
      queue.shift();
      dropped++;
    }
    pump();
  };
  response.on('drain', pump);

  const held =
    Number.isInteger(lastEventId) && lastEventId >= 0 ? ring.entries(lastEventId) : ring.entries().filter((e) => matchesTrace(filter, e));
  const replay = Number.isInteger(lastEventId) ? held : held.slice(Math.max(0, held.length - history));
  for (const entry of replay) send(entry);

  const unlisten = ring.listen(send);
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const close = (): void => {
    unlisten();
    clearInterval(keepalive);
  };
  response.on('close', close);
  request.on('close', close);
}

function readHistory(value: string | null): number {
  if (value === null || value === '' || value === 'all') return Number.MAX_SAFE_INTEGER;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new TraceFilterError('history', `must be a whole number or 'all', got '${value}'`);
  return n;
}
