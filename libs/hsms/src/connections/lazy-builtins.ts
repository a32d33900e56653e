import type * as Crypto from 'node:crypto';
import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import type * as Tls from 'node:tls';

// Node built-ins that only some processes use, loaded on first use instead of at import: TLS
// (tls, crypto for its certificates), the console's HTTP server and its access token. A host or
// equipment on plain TCP never touches them, and loading node:tls, node:crypto and node:http at
// import was ~1.9 MiB of a core-only process's peak RSS (bench/hsms.bench.ts, issue 10).
const requireBuiltin = createRequire(import.meta.url);

let tls: typeof Tls | undefined;
let crypto: typeof Crypto | undefined;
let http: typeof Http | undefined;

/** node:tls, loaded by the first TLS connection, listener or option check. */
export function nodeTls(): typeof Tls {
  tls ??= requireBuiltin('node:tls') as typeof Tls;
  return tls;
}

/** node:crypto, loaded by the first certificate check or console token. */
export function nodeCrypto(): typeof Crypto {
  crypto ??= requireBuiltin('node:crypto') as typeof Crypto;
  return crypto;
}

/** node:http, loaded when a console server starts. */
export function nodeHttp(): typeof Http {
  http ??= requireBuiltin('node:http') as typeof Http;
  return http;
}
