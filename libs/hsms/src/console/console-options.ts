import { isIP } from 'node:net';

/**
 * Options of the web console (HsmsConsoleModule.forRoot, or `console:` in the sample's config).
 * Every one has a default; the console listens on loopback unless told otherwise.
 */
export interface HsmsConsoleOptions {
  /** Serve the console. Default true (set false to keep the module imported but quiet). */
  enabled?: boolean;
  /** TCP port of the page and the API. Default 3000; 0 lets the OS pick (read it back from `url`). */
  port?: number | string;
  /** Interface to listen on. Default '127.0.0.1': only this machine can connect. */
  host?: string;
  /**
   * Bearer token every sending request needs (`Authorization: Bearer <token>`). Default: 32 random
   * bytes, generated at start and printed with the URL. At least 16 characters when given.
   */
  token?: string;
  /**
   * Let clients from other machines read (peers, trace, page) without the token. Default false:
   * reads are open to loopback clients only, others need the token like a send.
   */
  remoteReads?: boolean;
  /** Messages the server keeps for new viewers (a ring: the oldest go first). Default 1000. */
  traceSize?: number;
  /** Most characters of one message's SML in the trace. Default 20000. */
  maxSmlLength?: number;
  /** Most values per item in the trace's SML (list children, array values, text characters). Default 200. */
  maxSmlValues?: number;
  /** Bodies larger than this (bytes) are not decoded for the trace, only their size is shown. Default 262144. */
  maxTraceBodyBytes?: number;
}

/** The options with their defaults filled in. */
export interface ResolvedConsoleOptions {
  readonly enabled: boolean;
  readonly port: number;
  readonly host: string;
  /** undefined: generate one at start. */
  readonly token: string | undefined;
  readonly remoteReads: boolean;
  readonly traceSize: number;
  readonly maxSmlLength: number;
  readonly maxSmlValues: number;
  readonly maxTraceBodyBytes: number;
}

/** A console option that does not validate; `option` names it. */
export class HsmsConsoleOptionError extends Error {
  constructor(readonly option: keyof HsmsConsoleOptions, message: string) {
    super(`console option '${option}': ${message}`);
    this.name = 'HsmsConsoleOptionError';
  }
}

const KNOWN: ReadonlySet<string> = new Set<keyof HsmsConsoleOptions>([
  'enabled', 'port', 'host', 'token', 'remoteReads', 'traceSize', 'maxSmlLength', 'maxSmlValues', 'maxTraceBodyBytes',
]);

/** Checks every option and fills in the defaults; throws HsmsConsoleOptionError naming the first bad one. */
export function resolveConsoleOptions(options: HsmsConsoleOptions = {}): ResolvedConsoleOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new HsmsConsoleOptionError(key as keyof HsmsConsoleOptions, `unknown option (known: ${[...KNOWN].join(', ')})`);
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') throw new HsmsConsoleOptionError('host', `must be an interface address or host name, got ${JSON.stringify(host)}`);
  const token = options.token;
  if (token !== undefined && (typeof token !== 'string' || token.length < 16)) {
    throw new HsmsConsoleOptionError('token', 'must be a string of at least 16 characters (leave it out to have one generated)');
  }
  return {
    enabled: flag('enabled', options.enabled, true),
    port: whole('port', options.port, 3000, 0, 65535),
    host,
    token,
    remoteReads: flag('remoteReads', options.remoteReads, false),
    traceSize: whole('traceSize', options.traceSize, 1000, 1, 1_000_000),
    maxSmlLength: whole('maxSmlLength', options.maxSmlLength, 20_000, 100, 10_000_000),
    maxSmlValues: whole('maxSmlValues', options.maxSmlValues, 200, 1, 10_000_000),
    maxTraceBodyBytes: whole('maxTraceBodyBytes', options.maxTraceBodyBytes, 256 * 1024, 0, 2 ** 32),
  };
}

/** Whether `host` is a loopback interface (the console's default exposure). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function flag(option: keyof HsmsConsoleOptions, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new HsmsConsoleOptionError(option, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** A whole number in range; a numeric string (from an environment variable) is accepted. */
function whole(option: keyof HsmsConsoleOptions, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new HsmsConsoleOptionError(option, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}
