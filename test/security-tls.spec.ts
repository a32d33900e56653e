// HSMS over TLS (node:tls), both directions, over real loopback sockets. The certificates are
// committed test fixtures (test/fixtures/tls/generate.sh): a CA, a server certificate for
// 127.0.0.1 (subjectAltName IP), a client certificate, and an unrelated "wrong" CA.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsActiveConnection,
  type HsmsActiveOptions,
  type HsmsLogLevel,
  HsmsMultiPassiveServer,
  type HsmsMultiPassiveServerOptions,
  HsmsPacket,
  HsmsPassiveConnection,
  type HsmsPassiveOptions,
  type HsmsTlsOptions,
} from '../libs/hsms/src/core.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { RecordingDelegate } from '../libs/hsms/src/connections/testing/recording-delegate.js';
import { RawPeer } from './support/raw-peer.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/tls');
const file = (name: string) => join(FIXTURES, name);
const pem = (name: string) => readFileSync(file(name), 'utf8');

/** The listening side's identity, from files as a config would give it. */
const SERVER_TLS: HsmsTlsOptions = { certFile: file('server.pem'), keyFile: file('server.key') };
/** A connecting side that trusts our test CA, given inline as PEM text. */
const CLIENT_TLS: HsmsTlsOptions = { ca: pem('ca.pem') };

const timers = { t5: 0.1, t6: 0.5, t8: 1, connectTimeout: 2 };
const undo: Array<() => unknown> = [];

afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
});

/** A CaptureLogger that can wait for its n-th line of a level matching a pattern. */
class WaitingLogger extends CaptureLogger {
  private waiters: Array<() => void> = [];
  override warn(message: unknown): void {
    super.warn(message);
    for (const wake of this.waiters.splice(0)) wake();
  }
  async nth(level: HsmsLogLevel, pattern: RegExp, n = 1, timeoutMs = 4000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.find(level, pattern).length < n) {
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`fewer than ${n} ${level} lines matching ${pattern}: ${JSON.stringify(this.lines.map((l) => l.message))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

async function tlsPassive(address: string, options: HsmsPassiveOptions = {}) {
  const rec = new RecordingDelegate();
  const logger = new WaitingLogger();
  const conn = new HsmsPassiveConnection(address, 0, 0, rec, { ...timers, bindAddress: '127.0.0.1', logger, tls: SERVER_TLS, ...options });
  undo.push(() => conn.disable());
  conn.enable();
  const port = await conn.whenListening();
  return { conn, rec, port, logger };
}

function tlsActive(port: number, options: HsmsActiveOptions = {}) {
  const rec = new RecordingDelegate();
  const logger = new WaitingLogger();
  const conn = new HsmsActiveConnection('127.0.0.1', port, 0, rec, { ...timers, logger, tls: CLIENT_TLS, ...options });
  undo.push(() => conn.disable());
  conn.enable();
  return { conn, rec, logger };
}

async function raw(localAddress: string, port: number): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress });
  undo.push(() => peer.destroy());
  return peer;
}

describe('HSMS over TLS', () => {
  it('connects active to passive over TLS with a CA-signed server certificate for 127.0.0.1 and round-trips packets', async () => {
    const server = await tlsPassive('127.0.0.2');
    const client = tlsActive(server.port, { localAddress: '127.0.0.2' });
    await Promise.all([server.rec.next('established'), client.rec.next('established')]);
    expect(server.conn.tls).toBe(true);
    expect(client.conn.tls).toBe(true);
    expect(server.conn.remoteAddress).toBe('127.0.0.2');

    client.conn.send(HsmsPacket.selectReq(1));
    expect((await server.rec.next('packet')).packet!.toString()).toBe(HsmsPacket.selectReq(1).toString());
    server.conn.send(HsmsPacket.selectRsp(1));
    expect((await client.rec.next('packet')).packet!.system).toBe(1);

    // A message larger than a TLS record (16 KiB) arrives whole: framing sees the decrypted stream.
    const text = Buffer.alloc(200_000, 0x5a);
    client.conn.send(HsmsPacket.dataMessage(0, 6, 11, true, 2, text));
    const big = (await server.rec.next('packet', 2)).packet!;
    expect(big.system).toBe(2);
    expect(big.data.equals(text)).toBe(true);
  });

  it('fails the handshake with a client that trusts the wrong CA, logs it on both sides, and retries after T5', async () => {
    const server = await tlsPassive('127.0.0.1');
    const client = tlsActive(server.port, { tls: { caFile: file('other-ca.pem') } });
    // the reason is the certificate check, not some other handshake problem
    const failed = /^TLS handshake with 127\.0\.0\.1:\d+ failed: unable to verify the first certificate; retrying after T5$/;
    await client.logger.nth('warn', failed, 2);
    // E37 T5 separates connect ATTEMPTS; the failures' log lines also carry each handshake's own length
    const [first, second] = client.logger.find('log', /^connecting to 127\.0\.0\.1:\d+$/);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(timers.t5 * 1000 - 5);
    await server.logger.nth('warn', /^TLS handshake with 127\.0\.0\.1:\d+ failed: socket hang up$/); // TLS 1.3: the client just leaves
    expect(client.rec.events).toEqual([]);
    expect(server.rec.events).toEqual([]);
    expect(client.conn.connected).toBe(false);
  });

  it('closes a plain TCP client that speaks HSMS to a TLS listener, without it reaching the connection', async () => {
    const server = await tlsPassive('127.0.0.2');
    const plain = await raw('127.0.0.2', server.port);
    plain.send(HsmsPacket.selectReq(1));
    await plain.waitForClose();
    expect(plain.received).toEqual([]);
    expect(server.rec.events).toEqual([]);
    await server.logger.nth('warn', /^TLS handshake with 127\.0\.0\.2:\d+ failed: /);
  });

  it('serves two peers from 127.0.0.2 and 127.0.0.3 on one multi-passive TLS port', async () => {
    const logger = new CaptureLogger();
    const options: HsmsMultiPassiveServerOptions = {
      ...timers,
      bindAddress: '127.0.0.1',
      logger,
      tls: { cert: pem('server.pem'), key: pem('server.key') },
    };
    const server = new HsmsMultiPassiveServer(0, options);
    undo.push(() => server.stop());
    const port = await server.start();
    expect(server.tls).toBe(true);
    const peers = ['127.0.0.2', '127.0.0.3'].map((address, i) => {
      const rec = new RecordingDelegate();
      const conn = server.createConnection(address, port, i + 2, rec);
      conn.enable();
      return { conn, rec, client: tlsActive(port, { localAddress: address }) };
    });
    await Promise.all(peers.flatMap((p) => [p.rec.next('established'), p.client.rec.next('established')]));
    expect(peers.map((p) => p.conn.remoteAddress)).toEqual(['127.0.0.2', '127.0.0.3']);

    for (const [i, p] of peers.entries()) p.client.conn.send(HsmsPacket.dataMessage(i + 2, 1, 1, true, 40 + i));
    for (const [i, p] of peers.entries()) {
      expect((await p.rec.next('packet')).packet!.system).toBe(40 + i);
      p.conn.send(HsmsPacket.dataMessage(i + 2, 1, 2, false, 40 + i));
      expect((await p.client.rec.next('packet')).packet!.system).toBe(40 + i);
    }
    expect(peers.map((p) => p.rec.count('packet'))).toEqual([1, 1]);
  });

  it('with requestCert, takes a client certificate from the CA and refuses none or one from another CA', async () => {
    const server = await tlsPassive('127.0.0.1', { tls: { ...SERVER_TLS, caFile: file('ca.pem'), requestCert: true } });
    const anonymous = tlsActive(server.port);
    await server.logger.nth('warn', /^TLS handshake with 127\.0\.0\.1:\d+ failed: .*peer did not return a certificate/);
    await anonymous.conn.disable();

    const stranger = tlsActive(server.port, { tls: { ...CLIENT_TLS, cert: pem('other-client.pem'), key: pem('other-client.key') } });
    await server.logger.nth('warn', /^TLS handshake with 127\.0\.0\.1:\d+ failed: UNABLE_TO_VERIFY_LEAF_SIGNATURE$/);
    await stranger.conn.disable();
    expect(server.rec.events).toEqual([]);

    const member = tlsActive(server.port, { tls: { ...CLIENT_TLS, certFile: file('client.pem'), keyFile: file('client.key') } });
    await Promise.all([server.rec.next('established'), member.rec.next('established')]);
  });

  it('logs each failed handshake with its own address and reason when two peers fail side by side', async () => {
    const logger = new WaitingLogger();
    const server = new HsmsMultiPassiveServer(0, {
      ...timers,
      bindAddress: '127.0.0.1',
      logger,
      tls: { ...SERVER_TLS, caFile: file('ca.pem'), requestCert: true },
    });
    undo.push(() => server.stop());
    const port = await server.start();
    for (const address of ['127.0.0.2', '127.0.0.3']) server.createConnection(address, port, 0).enable();
    tlsActive(port, { localAddress: '127.0.0.2' }); // no client certificate
    tlsActive(port, { localAddress: '127.0.0.3', tls: { ...CLIENT_TLS, cert: pem('other-client.pem'), key: pem('other-client.key') } });
    await logger.nth('warn', /127\.0\.0\.2:\d+ failed/, 2);
    await logger.nth('warn', /127\.0\.0\.3:\d+ failed/, 2);
    /** The distinct reasons logged for `address` (OpenSSL's long text for a missing certificate shortened). */
    const reasons = (address: string) => {
      const lines = logger.find('warn', new RegExp(`^TLS handshake with ${address.replace(/\./g, '\\.')}:\\d+ failed: `));
      return new Set(
        lines.map((l) => l.message.replace(/^.* failed: /, '').replace(/^.*peer did not return a certificate.*$/, 'no certificate')),
      );
    };
    expect(reasons('127.0.0.2')).toEqual(new Set(['no certificate']));
    expect(reasons('127.0.0.3')).toEqual(new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE']));
  });

  it('applies the allow list before the handshake: an outside address is closed without one', async () => {
    const server = await tlsPassive('*', { allow: ['127.0.0.2'] });
    const outsider = await raw('127.0.0.5', server.port);
    await outsider.waitForClose();
    expect(server.logger.find('warn', /127\.0\.0\.5:\d+: not in the allow list/)).toHaveLength(1);
    expect(server.logger.find('warn', /TLS handshake/)).toEqual([]);
  });

  it('bounds a handshake that never comes by connectTimeout', async () => {
    const server = await tlsPassive('127.0.0.2', { connectTimeout: 0.2 });
    const silent = await raw('127.0.0.2', server.port);
    const opened = performance.now();
    await silent.waitForClose(3000);
    expect(performance.now() - opened).toBeGreaterThanOrEqual(150);
    await server.logger.nth('warn', /^TLS handshake with 127\.0\.0\.2:\d+ failed: TLS handshake timeout$/);
    expect(server.rec.events).toEqual([]);
  });

  it('ends a handshake in progress when the listener is disabled', async () => {
    const server = await tlsPassive('127.0.0.2');
    const silent = await raw('127.0.0.2', server.port);
    await new Promise((resolve) => setImmediate(resolve)); // let the listener accept it
    await server.conn.disable();
    await silent.waitForClose(1000);
  });

  it("bounds the active side's handshake by connectTimeout and tries again, attempts starting at least T5 apart", async () => {
    const mute = await RawPeer.listen(); // accepts TCP, never answers the ClientHello
    undo.push(() => mute.close());
    const client = tlsActive(mute.port, { connectTimeout: 0.2 });
    await client.logger.nth(
      'warn',
      /^TLS handshake with 127\.0\.0\.1:\d+ failed: no answer within connectTimeout 0\.2 s; retrying after T5$/,
    );
    await mute.nextPeer();
    await mute.nextPeer(); // the second attempt
    expect(mute.acceptTimes[1]! - mute.acceptTimes[0]!).toBeGreaterThanOrEqual(200 - 5); // the timed-out handshake, which is more than T5
    expect(client.rec.events).toEqual([]);
  });

  it('checks TLS options when a connection or server is built, naming the field', () => {
    const missing = file('missing.pem');
    expect(() => new HsmsActiveConnection('127.0.0.1', 5000, 0, undefined, { tls: { caFile: missing } })).toThrow(
      `tls.caFile: cannot read '${missing}' (ENOENT)`,
    );
    expect(() => new HsmsPassiveConnection('*', 0, 0, undefined, { tls: { caFile: file('ca.pem') } })).toThrow(
      /^tls\.cert: a listening side needs a certificate and its key/,
    );
    expect(() => new HsmsMultiPassiveServer(0, { tls: { cert: pem('server.pem'), key: pem('client.key') } })).toThrow(
      /^tls\.key: does not belong to the certificate/,
    );
  });
});
