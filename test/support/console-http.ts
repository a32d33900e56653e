// Plain node:http requests to the console (fetch would refuse a forged Host header), and a reader
// of its server-sent events with a bounded wait.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { WAIT_MS } from './hsms-test-kit.js';

export interface HttpAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

export function http(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, timeout: WAIT_MS * 2 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in time`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Opens `url` as an event stream and resolves with the first `count` events that `keep` accepts
 * (then closes it); rejects after `timeoutMs` with what it saw.
 */
export function readEvents(
  url: string,
  count: number,
  keep: (e: SseEvent) => boolean = () => true,
  timeoutMs = WAIT_MS * 2,
): Promise<{ events: SseEvent[]; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    let buffer = '';
    const req = httpRequest(url, (res) => {
      const contentType = res.headers['content-type'];
      if (res.statusCode !== 200) {
        req.destroy();
        reject(new Error(`trace answered HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon === 0) continue; // comment
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') {
              event.data += (hasData ? '\n' : '') + value;
              hasData = true;
            } else if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
          }
          if (hasData && keep(event)) events.push(event);
          if (events.length >= count) {
            clearTimeout(timer);
            req.destroy();
            resolve({ events, contentType });
            return;
          }
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`only ${events.length} of ${count} events from ${url} in ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => {
      if (events.length < count) {
        clearTimeout(timer);
        reject(error);
      }
    });
    req.end();
  });
}
