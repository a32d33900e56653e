import type { KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecureContext, SecureContextOptions } from 'node:tls';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { rejectUnknownKeys } from '../protocol/option-checks.js';
import { nodeCrypto, nodeTls } from './lazy-builtins.js';

/** PEM text, as a string or the bytes of a .pem file. */
export type HsmsPem = string | Buffer;

/**
 * TLS under HSMS (node:tls), for sites that tunnel HSMS; framing is unchanged on top. Each of
 * ca, cert and key is given inline (PEM) or as a file path read at construction, not both.
 * cert/key are our identity: the server certificate when listening, the client certificate (for
 * a peer that asks for one) when connecting; ca verifies the other side.
 */
export interface HsmsTlsOptions {
  /** Certificates that may sign the peer's certificate. Default: Node's bundled public CAs. */
  ca?: HsmsPem | HsmsPem[];
  /** Path of a PEM file with the `ca` certificates. */
  caFile?: string;
  /** Our certificate chain (PEM). Required when listening. */
  cert?: HsmsPem;
  certFile?: string;
  /** Our private key (PEM). Required with cert. */
  key?: HsmsPem;
  keyFile?: string;
  /** Passphrase of an encrypted key. */
  passphrase?: string;
  /**
   * Refuse a peer whose certificate does not verify against `ca` (connecting: always; listening:
   * when requestCert asks for one). Default true; false is for lab tests only.
   */
  rejectUnauthorized?: boolean;
  /** Listening side: ask the peer for a client certificate (mutual TLS). Default false. */
  requestCert?: boolean;
  /** Connecting side: the name the server certificate must carry. Default: the peer address (an IP must be in its subjectAltName). */
  servername?: string;
}

/** Checked TLS settings, with the files already read. */
export interface ResolvedTls {
  /** One context for every connect attempt of an active connection. */
  readonly context: SecureContext;
  /** The same material for tls.createServer, which builds its own context from it (it ignores a given one). */
  readonly contextOptions: Readonly<SecureContextOptions>;
  readonly rejectUnauthorized: boolean;
  readonly requestCert: boolean;
  readonly servername: string | undefined;
}

/** 'server': we listen (a certificate and key are required). 'client': we connect. */
export type TlsRole = 'server' | 'client';

const KNOWN_KEYS = new Set([
  'ca',
  'caFile',
  'cert',
  'certFile',
  'key',
  'keyFile',
  'passphrase',
  'rejectUnauthorized',
  'requestCert',
  'servername',
]);

/**
 * Validates `value`, reads its files and builds the SecureContext; undefined means plain TCP.
 * Throws HsmsOptionError naming the field ('tls.keyFile', 'tls.cert') of the first problem:
 * an unknown key (a typo would otherwise be ignored), a file that cannot be read, PEM that does
 * not parse, a key that does not match the certificate, or a missing certificate on a listener.
 */
export function resolveTlsOptions(value: HsmsTlsOptions | undefined, role: TlsRole, option = 'tls'): ResolvedTls | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HsmsOptionError(option, `must be an object of TLS settings, got ${String(value)}`);
  rejectUnknownKeys(option, value, KNOWN_KEYS);
  const ca = pemList(value.ca, value.caFile, option, 'ca');
  const cert = pemOne(value.cert, value.certFile, option, 'cert');
  const key = pemOne(value.key, value.keyFile, option, 'key');
  const passphrase = optionalString(value.passphrase, `${option}.passphrase`);
  const servername = optionalString(value.servername, `${option}.servername`);
  if (role === 'server' && (!cert || !key))
    throw new HsmsOptionError(
      `${option}.${cert ? 'key' : 'cert'}`,
      'a listening side needs a certificate and its key (cert/certFile, key/keyFile)',
    );
  if (!cert !== !key) throw new HsmsOptionError(`${option}.${cert ? 'key' : 'cert'}`, 'cert and key go together');
  if (ca) checkCa(ca, fieldName(option, 'ca', value.caFile));
  if (cert && key) checkIdentity(cert, key, passphrase, option, value);
  const contextOptions: SecureContextOptions = { ca, cert, key, passphrase, minVersion: 'TLSv1.2' };
  return {
    context: nodeTls().createSecureContext(contextOptions),
    contextOptions,
    rejectUnauthorized: optionalBoolean(value.rejectUnauthorized, `${option}.rejectUnauthorized`) ?? true,
    requestCert: optionalBoolean(value.requestCert, `${option}.requestCert`) ?? false,
    servername,
  };
}

/** The field an error names: the file field when the PEM came from a file. */
function fieldName(option: string, field: string, file: string | undefined): string {
  return `${option}.${file === undefined ? field : `${field}File`}`;
}

function pemOne(inline: unknown, file: unknown, option: string, field: string): HsmsPem | undefined {
  if (inline !== undefined && file !== undefined)
    throw new HsmsOptionError(`${option}.${field}File`, `give ${field} or ${field}File, not both`);
  if (file !== undefined) return readPem(file, `${option}.${field}File`);
  if (inline === undefined) return undefined;
  if (!isPem(inline)) throw new HsmsOptionError(`${option}.${field}`, 'must be PEM text (a string or a Buffer)');
  return inline;
}

function pemList(inline: unknown, file: unknown, option: string, field: string): HsmsPem | HsmsPem[] | undefined {
  if (Array.isArray(inline) && file === undefined) {
    if (inline.length === 0 || !inline.every(isPem))
      throw new HsmsOptionError(`${option}.${field}`, 'must be PEM text or a non-empty list of PEM texts');
    return inline as HsmsPem[];
  }
  return pemOne(inline, file, option, field);
}

function isPem(value: unknown): value is HsmsPem {
  return (typeof value === 'string' && value.trim() !== '') || (Buffer.isBuffer(value) && value.length > 0);
}

/** Reads a PEM file now (start-up), so a missing file stops the app with the field's name. */
function readPem(path: unknown, field: string): Buffer {
  if (typeof path !== 'string' || path.trim() === '') throw new HsmsOptionError(field, `must be a file path, got ${String(path)}`);
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new HsmsOptionError(field, `cannot read '${path}' (${code})`);
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** node:tls skips CA text that is not PEM without a word, leaving every peer unverifiable: parse each certificate here. */
function checkCa(ca: HsmsPem | HsmsPem[], field: string): void {
  for (const text of (Array.isArray(ca) ? ca : [ca]).map(String)) {
    const blocks = text.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) throw new HsmsOptionError(field, 'is not a PEM certificate list: no BEGIN CERTIFICATE block');
    for (const block of blocks) {
      try {
        new (nodeCrypto().X509Certificate)(block);
      } catch (error) {
        throw new HsmsOptionError(field, `is not a PEM certificate list: ${(error as Error).message}`);
      }
    }
  }
}

/** Parses cert and key apart so the error names the one that is wrong, then checks they match. */
function checkIdentity(cert: HsmsPem, key: HsmsPem, passphrase: string | undefined, option: string, value: HsmsTlsOptions): void {
  const certField = fieldName(option, 'cert', value.certFile);
  const keyField = fieldName(option, 'key', value.keyFile);
  let x509: X509Certificate;
  let keyObject: KeyObject;
  try {
    x509 = new (nodeCrypto().X509Certificate)(cert);
  } catch (error) {
    throw new HsmsOptionError(certField, `is not a PEM certificate: ${(error as Error).message}`);
  }
  try {
    keyObject = nodeCrypto().createPrivateKey({ key, passphrase, format: 'pem' });
  } catch (error) {
    throw new HsmsOptionError(keyField, `is not a PEM private key, or the passphrase is wrong: ${(error as Error).message}`);
  }
  if (!x509.checkPrivateKey(keyObject))
    throw new HsmsOptionError(keyField, `does not belong to the certificate (subject ${x509.subject.replace(/\n/g, ', ')})`);
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new HsmsOptionError(field, `must be a non-empty string, got ${String(value)}`);
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new HsmsOptionError(field, `must be true or false, got ${String(value)}`);
  return value;
}
