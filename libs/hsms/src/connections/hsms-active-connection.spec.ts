import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawPeer, type RawPeerServer, withTimeout } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { HsmsActiveConnection } from './hsms-active-connection.js';
import { PACKETS_PER_TURN } from './fair-reader.js';
import { HsmsOptionError } from './hsms-options.js';
import { CaptureLogger } from './testing/capture-logger.js';
import { RecordingDelegate } from './testing/recording-delegate.js';

const T5_MS = 100;
/** Timer granularity and the spacing between two accept callbacks on a busy machine. */
const TOLERANCE_MS = 10;
const timers = { t5: T5_MS / 1000, t6: 0.2, t8: 0.5 };
const opened: HsmsActiveConnection[] = [];
const servers: RawPeerServer[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.disable()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function listen(options: { allowHalfOpen?: boolean } = {}): Promise<RawPeerServer> {
  const server = await RawPeer.listen(options);
  servers.push(server);
  return server;
}

function active(port: number, delegate?: RecordingDelegate, logger?: CaptureLogger): HsmsActiveConnection {
  const conn = new HsmsActiveConnection('127.0.0.1', port, 0, delegate, { ...timers, logger, logLevel: 'debug' });
  opened.push(conn);
  return conn;
}

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('HsmsActiveConnection', () => {
  it('reconnects after the peer closes, starting attempts at least T5 apart, until disabled', async () => {
    const server = await listen();
    const rec = new RecordingDelegate();
    const conn = active(server.port, rec);
    conn.enable();
    for (let i = 0; i < 4; i++) (await server.nextPeer()).end();
    await rec.next('closed', 4);
    for (const gap of gaps(server.acceptTimes.slice(0, 4))) expect(gap).toBeGreaterThanOrEqual(T5_MS - TOLERANCE_MS);
    expect(rec.events.filter((e) => e.kind === 'closed').map((e) => e.cause)).toEqual(['remote', 'remote', 'remote', 'remote']);

    await conn.disable();
    const accepts = server.accepted.length;
    // Absence of an attempt can only be shown over a window: three T5 periods.
    await expect(server.nextPeer(3 * T5_MS)).rejects.toThrow(/no connection/);
    expect(server.accepted.length).toBe(accepts);
    expect(conn.enabled).toBe(false);
    expect(conn.connecting).toBe(false);
  });

  it('reconnects T5 after close() while enabled', async () => {
    const server = await listen();
    const rec = new RecordingDelegate();
    const conn = active(server.port, rec);
    conn.enable();
    await server.nextPeer();
    await rec.next('established');
    const closedAt = performance.now();
    conn.close();
    expect(conn.lastCloseCause).toBe('local');
    await server.nextPeer();
    expect(server.acceptTimes[1]! - closedAt).toBeGreaterThanOrEqual(T5_MS - TOLERANCE_MS);
    await rec.next('established', 2);
  });

  it('keeps trying a port nobody listens on, T5 apart', async () => {
    const logger = new CaptureLogger();
    const conn = active(await closedPort(), undefined, logger);
    conn.enable();
    // every attempt is logged: the first ones at log level, the rest of the minute at debug
    const attempts = () => logger.lines.filter((l) => /^connecting to/.test(l.message));
    await expect.poll(() => attempts().length, { timeout: 3000, interval: 20 }).toBeGreaterThanOrEqual(4);
    expect(logger.find('log', /connect to .* failed: .*ECONNREFUSED/).length).toBeGreaterThanOrEqual(2);
    expect(logger.find('log', /^connecting to/)).toHaveLength(3);
    for (const gap of gaps(attempts().map((l) => l.at))) expect(gap).toBeGreaterThanOrEqual(T5_MS - TOLERANCE_MS);
    expect(conn.connected).toBe(false);
  });

  it('connects from the given localAddress', async () => {
    const server = await listen();
    const conn = new HsmsActiveConnection('127.0.0.1', server.port, 0, undefined, { ...timers, localAddress: '127.0.0.3' });
    opened.push(conn);
    conn.enable();
    expect((await server.nextPeer()).socket.remoteAddress).toBe('127.0.0.3');
  });

  it('finishes disable() in bounded time when the peer never answers the close, and repeats it harmlessly', async () => {
    const server = await listen({ allowHalfOpen: true });
    const rec = new RecordingDelegate();
    const conn = active(server.port, rec);
    conn.enable();
    const peer = await server.nextPeer();
    await rec.next('established');
    peer.socket.pause(); // a peer that has stopped reading and will never send FIN
    const started = performance.now();
    await withTimeout(Promise.all([conn.disable(), conn.disable()]), 3000, 'disable() did not finish');
    await withTimeout(conn.disable(), 3000, 'a third disable() did not finish');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(rec.count('closed')).toBe(1);
    expect(conn.connected).toBe(false);
  });

  it('sends nothing to a peer it is no longer connected to after disable()', async () => {
    const server = await listen();
    const conn = active(server.port);
    conn.enable();
    await server.nextPeer();
    await conn.disable();
    expect(conn.send(HsmsPacket.linktestReq(1))).toBe(false);
  });

  it('reads through the shared onread buffer: a 1 MiB message spanning many reads arrives intact', async () => {
    const server = await listen();
    const rec = new RecordingDelegate();
    active(server.port, rec).enable();
    const peer = await server.nextPeer();
    await rec.next('established');
    const big = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 13 + 5) & 0xff;
    peer.send(HsmsPacket.dataMessage(0, 6, 11, false, 0xfffffffe, big)); // kept as copies of each read until it completes
    const got = (await rec.next('packet', 1, 10_000)).packet!;
    expect(got.system).toBe(0xfffffffe);
    expect(got.data.equals(big)).toBe(true);
  });

  it('reads through the shared onread buffer: two connections flooding past the per-turn budget at once lose nothing', async () => {
    // The rest of a read that waits a turn must be a copy: the other connection's reads overwrite the shared buffer meanwhile.
    const floods = [0, 1].map((n) =>
      Array.from({ length: PACKETS_PER_TURN * 4 }, (_, i) => HsmsPacket.dataMessage(0, 1, 2, false, i, Buffer.from([n, i & 0xff, i >> 8]))),
    );
    const servers = await Promise.all([listen(), listen()]);
    const recs = [new RecordingDelegate(), new RecordingDelegate()];
    servers.forEach((server, n) => {
      active(server.port, recs[n]).enable();
    });
    const peers = await Promise.all(servers.map((server) => server.nextPeer()));
    await Promise.all(recs.map((rec) => rec.next('established')));
    peers.forEach((peer, n) => {
      peer.sendRaw(Buffer.concat(floods[n]!.map((p) => p.encode())));
    });
    await Promise.all(recs.map((rec, n) => rec.next('packet', floods[n]!.length, 10_000)));
    recs.forEach((rec, n) => {
      const got = rec.packets;
      expect(got.map((p) => p.system)).toEqual(floods[n]!.map((p) => p.system));
      expect(got.every((p, i) => p.data.equals(floods[n]![i]!.data))).toBe(true);
    });
  });

  it('refuses a peer port of 0, a session id over 65535 and a negative T5, naming the option', () => {
    expect(() => new HsmsActiveConnection('127.0.0.1', 0, 0)).toThrow(HsmsOptionError);
    expect(() => new HsmsActiveConnection('127.0.0.1', 0, 0)).toThrow(/^port:/);
    expect(() => new HsmsActiveConnection('127.0.0.1', 5000, 70000)).toThrow(/^sessionId: .*70000/);
    expect(() => new HsmsActiveConnection('127.0.0.1', 5000, 0, undefined, { t5: -1 })).toThrow(/^t5: .*-1/);
    expect(() => new HsmsActiveConnection('127.0.0.1', 5000, 0, undefined, { maxQueuedBytes: 10 })).toThrow(/^maxQueuedBytes: .*10/);
  });
});
