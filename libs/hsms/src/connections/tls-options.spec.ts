import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HsmsOptionError } from './hsms-options.js';
import { type HsmsTlsOptions, resolveTlsOptions, type TlsRole } from './tls-options.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/tls');
const fixture = (name: string) => join(FIXTURES, name);
const pem = (name: string) => readFileSync(fixture(name), 'utf8');

const scratch = mkdtempSync(join(tmpdir(), 'hsms-tls-options-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The option an HsmsOptionError names, or a failure message when something else happened. */
function refusal(value: unknown, role: TlsRole = 'server'): { option: string; message: string } {
  try {
    resolveTlsOptions(value as HsmsTlsOptions, role);
  } catch (error) {
    if (error instanceof HsmsOptionError) return { option: error.path, message: error.message };
    throw error;
  }
  throw new Error('resolveTlsOptions accepted it');
}

describe('resolveTlsOptions', () => {
  it('is off (plain TCP) when not given', () => {
    expect(resolveTlsOptions(undefined, 'server')).toBeUndefined();
    expect(resolveTlsOptions(undefined, 'client')).toBeUndefined();
  });

  it('builds one context from inline PEM, verifying peers by default', () => {
    const tls = resolveTlsOptions({ ca: pem('ca.pem'), cert: pem('server.pem'), key: pem('server.key') }, 'server')!;
    expect(tls.context).toBeDefined();
    expect(tls.rejectUnauthorized).toBe(true);
    expect(tls.requestCert).toBe(false);
    expect(tls.servername).toBeUndefined();
  });

  it('reads caFile, certFile and keyFile, and takes Buffers and a list of CAs', () => {
    const fromFiles = resolveTlsOptions(
      { caFile: fixture('ca.pem'), certFile: fixture('server.pem'), keyFile: fixture('server.key'), requestCert: true },
      'server',
    )!;
    expect(fromFiles.requestCert).toBe(true);
    const fromBuffers = resolveTlsOptions(
      { ca: [readFileSync(fixture('ca.pem')), pem('other-ca.pem')], rejectUnauthorized: false, servername: 'tool-1' },
      'client',
    )!;
    expect(fromBuffers.rejectUnauthorized).toBe(false);
    expect(fromBuffers.servername).toBe('tool-1');
  });

  it('takes an encrypted key with its passphrase, and names the key when the passphrase is wrong', () => {
    const encrypted = createPrivateKey(pem('server.key')).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'right',
    });
    expect(resolveTlsOptions({ cert: pem('server.pem'), key: encrypted, passphrase: 'right' }, 'server')).toBeDefined();
    const wrong = refusal({ cert: pem('server.pem'), key: encrypted, passphrase: 'wrong' });
    expect(wrong.option).toBe('tls.key');
    expect(wrong.message).toContain('passphrase');
  });

  it('lets a connecting side go without a certificate of its own', () => {
    expect(resolveTlsOptions({ ca: pem('ca.pem') }, 'client')).toBeDefined();
    expect(resolveTlsOptions({}, 'client')).toBeDefined();
  });

  it('names a file that cannot be read, with its path and the reason', () => {
    const missing = join(scratch, 'nope.pem');
    for (const field of ['caFile', 'certFile', 'keyFile'] as const) {
      const options: HsmsTlsOptions = { certFile: fixture('server.pem'), keyFile: fixture('server.key'), [field]: missing };
      const { option, message } = refusal(options);
      expect(option).toBe(`tls.${field}`);
      expect(message).toBe(`tls.${field}: cannot read '${missing}' (ENOENT)`);
    }
  });

  it('names the file field when the file holds something that is not PEM', () => {
    const junk = join(scratch, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    expect(refusal({ caFile: junk, certFile: fixture('server.pem'), keyFile: fixture('server.key') }).option).toBe('tls.caFile');
    expect(refusal({ certFile: junk, keyFile: fixture('server.key') }).option).toBe('tls.certFile');
    expect(refusal({ certFile: fixture('server.pem'), keyFile: junk }).option).toBe('tls.keyFile');
  });

  // [options, role, the field named, text in the message]
  const bad: Array<[unknown, TlsRole, string, string]> = [
    [{ ca: pem('ca.pem') }, 'server', 'tls.cert', 'needs a certificate and its key'],
    [{ cert: pem('server.pem') }, 'server', 'tls.key', 'needs a certificate and its key'],
    [{ cert: pem('client.pem') }, 'client', 'tls.key', 'go together'],
    [{ key: pem('client.key') }, 'client', 'tls.cert', 'go together'],
    [{ cert: pem('server.pem'), key: pem('client.key') }, 'server', 'tls.key', 'does not belong to the certificate'],
    [{ cert: 'junk', key: pem('server.key') }, 'server', 'tls.cert', 'is not a PEM certificate'],
    [{ cert: pem('server.pem'), key: 'junk' }, 'server', 'tls.key', 'is not a PEM private key'],
    [{ ca: 'junk' }, 'client', 'tls.ca', 'is not a PEM certificate list'],
    [{ ca: [] }, 'client', 'tls.ca', 'non-empty list'],
    [{ ca: [pem('ca.pem'), 42] }, 'client', 'tls.ca', 'non-empty list'],
    [{ cert: 42, key: pem('server.key') }, 'server', 'tls.cert', 'must be PEM text'],
    [{ ca: pem('ca.pem'), caFile: fixture('ca.pem') }, 'client', 'tls.caFile', 'not both'],
    [{ caFile: '' }, 'client', 'tls.caFile', 'must be a file path'],
    [{ caFile: 7 }, 'client', 'tls.caFile', 'must be a file path'],
    [{ cafile: fixture('ca.pem') }, 'client', 'tls.cafile', "unknown option 'cafile' (did you mean 'caFile'?)"],
    [{ rejectUnauthorized: 'false' }, 'client', 'tls.rejectUnauthorized', 'must be true or false'],
    [{ requestCert: 1, cert: pem('server.pem'), key: pem('server.key') }, 'server', 'tls.requestCert', 'must be true or false'],
    [{ servername: '' }, 'client', 'tls.servername', 'non-empty string'],
    [{ passphrase: 5 }, 'client', 'tls.passphrase', 'non-empty string'],
    [true, 'client', 'tls', 'must be an object'],
    [null, 'client', 'tls', 'must be an object'],
    [['x'], 'client', 'tls', 'must be an object'],
  ];

  it.each(bad)('refuses %j (%s) naming %s', (options, role, field, text) => {
    const { option, message } = refusal(options, role);
    expect(option).toBe(field);
    expect(message).toContain(text);
  });
});
