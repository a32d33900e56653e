import { isIP } from 'node:net';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { describeValue, optionPath, readBoolean, readInteger, rejectUnknownKeys, requireObject } from '../protocol/option-checks.js';

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

const KNOWN: ReadonlyArray<keyof HsmsConsoleOptions> = [
  'enabled',
  'port',
  'host',
  'token',
  'remoteReads',
  'traceSize',
  'maxSmlLength',
  'maxSmlValues',
  'maxTraceBodyBytes',
];

/**
 * Checks every option and fills in the defaults; throws HsmsOptionError naming the first bad one
 * by its path under `at` ('console.port': the sample's config section and the module's name for it).
 */
export function resolveConsoleOptions(options: HsmsConsoleOptions = {}, at = 'console'): ResolvedConsoleOptions {
  const raw = requireObject(at, options);
  rejectUnknownKeys(at, raw, KNOWN);
  const path = (key: keyof HsmsConsoleOptions): string => optionPath(at, key);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '')
    throw new HsmsOptionError(path('host'), `must be an interface address or host name, got ${describeValue(host)}`);
  const token = options.token;
  if (token !== undefined && (typeof token !== 'string' || token.length < 16)) {
    throw new HsmsOptionError(path('token'), 'must be a string of at least 16 characters (leave it out to have one generated)');
  }
  return {
    enabled: readBoolean(path('enabled'), options.enabled, true),
    port: readInteger(path('port'), options.port, 0, 65535, 3000),
    host,
    token,
    remoteReads: readBoolean(path('remoteReads'), options.remoteReads, false),
    traceSize: readInteger(path('traceSize'), options.traceSize, 1, 1_000_000, 1000),
    maxSmlLength: readInteger(path('maxSmlLength'), options.maxSmlLength, 100, 10_000_000, 20_000),
    maxSmlValues: readInteger(path('maxSmlValues'), options.maxSmlValues, 1, 10_000_000, 200),
    maxTraceBodyBytes: readInteger(path('maxTraceBodyBytes'), options.maxTraceBodyBytes, 0, 2 ** 32, 256 * 1024),
  };
}

/** Whether `host` is a loopback interface (the console's default exposure). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
