import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttp } from '../connections/lazy-builtins.js';
import { gemCapabilitiesOf } from '../gem/gem-capabilities.js';
import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import { parseS1F4, parseS1F12, S1F3, S1F11 } from '../secs/catalogue/index.js';
import { printItemSml } from '../protocol/sml/sml-item-printer.js';
import { printMessageSml } from '../protocol/sml/sml-message-printer.js';
import { parseSml } from '../protocol/sml/sml-message-parser.js';
import { ConsoleAccess, generateConsoleToken } from './console-access.js';
import { HsmsConsoleHttpError, HsmsConsoleListenError, httpErrorOf } from './console-errors.js';
import { type HsmsConsoleOptions, type ResolvedConsoleOptions, resolveConsoleOptions } from './console-options.js';
import { loadStaticFiles, type StaticFile } from './console-static.js';
import { type ConsoleStatusVariable, PeerActivity } from './peer-activity.js';
import { type ConsolePeerView, peerView } from './peer-view.js';
import { TraceRecorder } from './trace-recorder.js';
import { streamTrace } from './trace-stream.js';

// The SML a user types is small; a megabyte is plenty and bounds what one request can make us hold.
const MAX_REQUEST_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // the page loads only its own script and style: no CDN, no inline code
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

/**
 * The live web console over an HsmsConnectionManager, on node:http: the page, GET /api/peers,
 * GET /api/trace (server-sent events), POST /api/peers/:name/send (SML in, SML out) and, for GEM
 * peers, POST /api/peers/:name/status-variables. Sends need the token; reads are open to loopback
 * clients (see HsmsConsoleOptions). Nest-free: HsmsConsoleModule runs one inside a Nest app.
 */
export class HsmsConsoleServer {
  readonly options: ResolvedConsoleOptions;
  /** The token sends need: the configured one, or one generated at construction. */
  readonly token: string;
  /** Whether `token` was generated here (so the caller should print it). */
  readonly tokenGenerated: boolean;
  private readonly access: ConsoleAccess;
  private readonly recorder: TraceRecorder;
  private readonly activity: PeerActivity;
  private readonly files: ReadonlyMap<string, StaticFile>;
  private server: Server | undefined;

  /** Throws HsmsOptionError naming the first bad option ('console.port'). */
  constructor(
    private readonly manager: HsmsConnectionManager,
    options: HsmsConsoleOptions = {},
  ) {
    this.options = resolveConsoleOptions(options);
    this.tokenGenerated = this.options.token === undefined;
    this.token = this.options.token ?? generateConsoleToken();
    this.access = new ConsoleAccess(this.token, this.options.remoteReads);
    this.recorder = new TraceRecorder(manager, this.options.traceSize, {
      print: { maxLength: this.options.maxSmlLength, maxValues: this.options.maxSmlValues },
      maxBodyBytes: this.options.maxTraceBodyBytes,
    });
    this.activity = new PeerActivity(manager);
    this.files = loadStaticFiles();
  }

  /** Starts recording and listening; resolves when the port is bound (rejects with HsmsConsoleListenError). */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = nodeHttp().createServer((request, response) => this.serve(request, response));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => reject(new HsmsConsoleListenError(this.options.host, this.options.port, error));
      server.once('error', failed);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', failed);
        resolve();
      });
    });
    this.server = server;
    this.recorder.start();
    this.activity.start();
  }

  /** Stops listening and ends every open trace stream. Idempotent. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.recorder.stop();
    this.activity.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // trace streams never end on their own
    await closed;
  }

  /** The port bound (the real one when 0 was asked for); undefined when not listening. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  /** 'http://127.0.0.1:3000/' once listening. */
  get url(): string | undefined {
    const port = this.port;
    if (port === undefined) return undefined;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host}:${port}/`;
  }

  /** The peers as GET /api/peers lists them. */
  peers(): ConsolePeerView[] {
    return this.manager.peers.map((info) => peerView(info, this.activity.of(info.name), (port) => this.manager.listeningPort(port)));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    this.route(request, response).catch((error: unknown) => this.fail(response, error));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    const method = request.method ?? 'GET';
    const send = /^\/api\/peers\/([^/]+)\/(send|status-variables)$/.exec(url.pathname);
    if (send !== null) {
      if (method !== 'POST') throw new HsmsConsoleHttpError(405, 'MethodNotAllowed', `${url.pathname} takes POST`);
      if (!this.access.hasToken(request)) throw unauthorized();
      const peer = peerName(send[1]!);
      return send[2] === 'send' ? this.sendSml(peer, await readBody(request), response) : this.readStatusVariables(peer, response);
    }
    if (method !== 'GET' && method !== 'HEAD')
      throw new HsmsConsoleHttpError(405, 'MethodNotAllowed', `${method} ${url.pathname} is not served`);
    if (!this.access.mayRead(request)) throw unauthorized();
    if (url.pathname === '/api/peers') return json(response, 200, this.peers());
    if (url.pathname === '/api/trace') return streamTrace(request, response, url, this.recorder.ring);
    const file = this.files.get(url.pathname);
    if (file === undefined) throw new HsmsConsoleHttpError(404, 'NotFound', `nothing at ${url.pathname}`);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-cache',
    });
    response.end(method === 'HEAD' ? undefined : file.body);
  }

  /** POST /api/peers/:name/send: the SML parsed, sent, and the reply printed (202 without W-bit). */
  private async sendSml(peer: string, text: string, response: ServerResponse): Promise<void> {
    const handler = this.handlerOf(peer);
    const message = parseSml(text); // SmlParseError -> 400 with line and column
    try {
      if (!message.wBit) {
        handler.sendStreamFunction(message);
        response.writeHead(202, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        response.end(`// ${message.sf} sent (no W-bit: no reply expected)\n`);
        return;
      }
      const reply = await handler.sendAndWaitForResponse(message);
      const sml = printMessageSml(reply, { maxLength: this.options.maxSmlLength, maxValues: this.options.maxSmlValues });
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Hsms-Reply': reply.sf,
      });
      response.end(`${sml}\n`);
    } catch (error) {
      this.activity.error(
        peer,
        `console send ${message.sf}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
      throw error;
    }
  }

  /**
   * POST /api/peers/:name/status-variables: a GEM host asks the equipment (S1F11 for the names,
   * S1F3 for the values); a GEM equipment reads its own definitions (no message is sent).
   */
  private async readStatusVariables(peer: string, response: ServerResponse): Promise<void> {
    const handler = this.handlerOf(peer);
    const print = (item: SecsItem | undefined): string =>
      item === undefined ? '' : printItemSml(item, 0, { maxLength: 2000, maxValues: 50 });
    const gem = gemCapabilitiesOf(handler);
    let values: ConsoleStatusVariable[];
    if (gem?.host !== undefined) {
      // as GemHostHandler's requestStatusVariableNames / requestStatusVariables, for any peer with the host capability
      const { communication } = gem;
      const { buildOptions: build, parseOptions: parse } = communication;
      const names = parseS1F12(await communication.request(S1F11([], build), 'send S1F11'), parse);
      const items = parseS1F4(
        await communication.request(
          S1F3(
            names.map((n) => n.svid),
            build,
          ),
          'send S1F3',
        ),
        parse,
      );
      values = names.map((n, i) => ({ svid: String(n.svid), name: n.svname, units: n.units, value: print(items[i]) }));
    } else if (gem?.equipment !== undefined) {
      values = [];
      for (const sv of gem.equipment.statusVariableDefinitions) {
        const item = typeof sv.value === 'function' ? await sv.value() : sv.value;
        values.push({ svid: String(sv.svid), name: sv.name, units: sv.unit ?? '', value: print(item) });
      }
    } else {
      throw new HsmsConsoleHttpError(409, 'NotGem', `peer '${peer}' runs no GEM state models: it has no status variables to read`);
    }
    const read = { time: new Date().toISOString(), values };
    this.activity.of(peer).statusVariables = read;
    json(response, 200, read);
  }

  private handlerOf(peer: string): HsmsHandler {
    const handler = this.manager.get(peer);
    if (handler === undefined) throw new HsmsConsoleHttpError(404, 'UnknownPeer', `no peer named '${peer}'`);
    return handler;
  }

  private fail(response: ServerResponse, error: unknown): void {
    const { status, body } = httpErrorOf(error);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="hsms-console"';
    json(response, status, body, headers);
  }
}

/** The :name of a path, percent-decoded; malformed escapes are the client's error (400), not ours. */
function peerName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HsmsConsoleHttpError(400, 'BadPeerName', `'${segment}' is not a valid percent-encoded peer name`);
  }
}

function unauthorized(): HsmsConsoleHttpError {
  return new HsmsConsoleHttpError(
    401,
    'Unauthorized',
    'this needs the console token: Authorization: Bearer <token> (printed at start, or console.token)',
  );
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** The request body as UTF-8 text, refused with 413 past MAX_REQUEST_BYTES. */
async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES)
      throw new HsmsConsoleHttpError(413, 'PayloadTooLarge', `the request body is over ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
