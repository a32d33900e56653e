import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { nodeCrypto } from '../connections/lazy-builtins.js';

/** A fresh token: 32 random bytes as base64url (43 characters). */
export function generateConsoleToken(): string {
  return nodeCrypto().randomBytes(32).toString('base64url');
}

/**
 * Who may do what on the console. Sends always need the token; reads need it only from clients
 * that are not on this machine, unless `remoteReads` is set.
 */
export class ConsoleAccess {
  private readonly digest: Buffer;

  constructor(
    readonly token: string,
    private readonly remoteReads: boolean,
  ) {
    this.digest = sha256(token);
  }

  /** The request carries the token (`Authorization: Bearer`, or `X-Hsms-Token`), compared in constant time. */
  hasToken(request: IncomingMessage): boolean {
    const given = presentedToken(request);
    // Digests of equal length, so the comparison time does not depend on where the texts differ or on the length.
    return given !== undefined && nodeCrypto().timingSafeEqual(sha256(given), this.digest);
  }

  /** Reads (page, peers, trace): a loopback client, or anyone with remoteReads, or the token. */
  mayRead(request: IncomingMessage): boolean {
    if (this.remoteReads) return true;
    if (isLoopbackAddress(request.socket.remoteAddress) && isLocalHostHeader(request.headers.host)) return true;
    return this.hasToken(request);
  }
}

function presentedToken(request: IncomingMessage): string | undefined {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1];
  }
  const header = request.headers['x-hsms-token'];
  return typeof header === 'string' ? header : undefined;
}

function sha256(text: string): Buffer {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest();
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * The Host header names this machine (localhost, 127.x, [::1]). A web page elsewhere that makes
 * the browser resolve its own name to 127.0.0.1 (DNS rebinding) sends its own name here, and is
 * treated as remote.
 */
function isLocalHostHeader(host: string | undefined): boolean {
  if (host === undefined) return true; // HTTP/1.0 clients send none; the address check already passed
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || isLoopbackAddress(name);
}
