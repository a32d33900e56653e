import { afterEach, describe, expect, it } from 'vitest';
import { RawPeer, withTimeout } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { HsmsNotListeningError } from './connection-errors.js';
import { HsmsPassiveConnection, type HsmsPassiveOptions } from './hsms-passive-connection.js';
import { CaptureLogger } from './testing/capture-logger.js';
import { RecordingDelegate } from './testing/recording-delegate.js';

const timers = { t5: 0.05, t6: 0.2, t8: 0.5 };
const opened: HsmsPassiveConnection[] = [];
const peers: RawPeer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  await Promise.all(opened.splice(0).map((c) => c.disable()));
});

async function passive(expected: string, delegate: RecordingDelegate, options: HsmsPassiveOptions = {}) {
  const logger = new CaptureLogger();
  const conn = new HsmsPassiveConnection(expected, 0, 0, delegate, { ...timers, bindAddress: '127.0.0.1', logger, ...options });
  opened.push(conn);
  conn.enable();
  const port = await conn.whenListening();
  return { conn, port, logger };
}

async function connectFrom(localAddress: string, port: number, allowHalfOpen = false): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress, allowHalfOpen });
  peers.push(peer);
  return peer;
}

describe('HsmsPassiveConnection', () => {
  it('turns away a peer from an unexpected address at once and logs it, then accepts the expected one', async () => {
    const rec = new RecordingDelegate();
    const { conn, port, logger } = await passive('127.0.0.2', rec);
    const stranger = await connectFrom('127.0.0.5', port);
    await stranger.waitForClose();
    expect(logger.find('warn', /refused a connection from 127\.0\.0\.5:\d+: expecting 127\.0\.0\.2/)).toHaveLength(1);
    expect(rec.events).toHaveLength(0);

    await connectFrom('127.0.0.2', port);
    await rec.next('established');
    expect(conn.remoteAddress).toBe('127.0.0.2');
  });

  it('turns away a second concurrent connection without disturbing the first', async () => {
    const rec = new RecordingDelegate();
    const { conn, port, logger } = await passive('127.0.0.2', rec);
    const first = await connectFrom('127.0.0.2', port);
    await rec.next('established');
    const firstPort = conn.remotePort;
    const second = await connectFrom('127.0.0.2', port);
    await second.waitForClose();
    expect(logger.find('warn', /refused a second connection/)).toHaveLength(1);

    first.send(HsmsPacket.linktestReq(5));
    expect((await rec.next('packet')).packet!.system).toBe(5);
    expect(conn.send(HsmsPacket.linktestRsp(5))).toBe(true);
    expect((await first.waitFor()).system).toBe(5);
    expect(conn.remotePort).toBe(firstPort);
    expect(rec.kinds).toEqual(['established', 'packet']);
  });

  it('accepts the next connection once the first has closed', async () => {
    const rec = new RecordingDelegate();
    const { port } = await passive('127.0.0.2', rec);
    (await connectFrom('127.0.0.2', port)).end();
    await rec.next('closed');
    await connectFrom('127.0.0.2', port);
    await rec.next('established', 2);
    expect(rec.kinds).toEqual(['established', 'before-closed', 'closed', 'established']);
  });

  it('matches an IPv4-mapped IPv6 peer address (::ffff:127.0.0.2) to 127.0.0.2', async () => {
    const rec = new RecordingDelegate();
    const { conn, port } = await passive('127.0.0.2', rec, { bindAddress: '::ffff:127.0.0.1' });
    await connectFrom('127.0.0.2', port);
    await rec.next('established');
    expect(conn.remoteAddress).toBe('::ffff:127.0.0.2');
  });

  it("accepts any peer when the expected address is '*'", async () => {
    const rec = new RecordingDelegate();
    const { port } = await passive('*', rec);
    await connectFrom('127.0.0.9', port);
    await rec.next('established');
  });

  it('reports the bound port of port 0 and stops listening on disable()', async () => {
    const { conn, port } = await passive('127.0.0.2', new RecordingDelegate());
    expect(port).toBeGreaterThan(0);
    expect(conn.listeningPort).toBe(port);
    await conn.disable();
    expect(conn.listeningPort).toBeUndefined();
    await expect(conn.whenListening()).rejects.toBeInstanceOf(HsmsNotListeningError);
    await expect(RawPeer.connect(port, { localAddress: '127.0.0.2' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports a port in use to whenListening() and listens once it is free, retrying every T5', async () => {
    const squatter = await RawPeer.listen();
    const logger = new CaptureLogger();
    const conn = new HsmsPassiveConnection('127.0.0.2', squatter.port, 0, undefined, { ...timers, bindAddress: '127.0.0.1', logger });
    opened.push(conn);
    conn.enable();
    await expect(conn.whenListening()).rejects.toThrow(/EADDRINUSE/);
    expect(logger.find('error', new RegExp(`cannot listen on 127\\.0\\.0\\.1:${squatter.port}`)).length).toBeGreaterThanOrEqual(1);
    await squatter.close();
    let port: number | undefined;
    for (let i = 0; i < 40 && port === undefined; i++) port = await conn.whenListening().catch(() => undefined);
    expect(port).toBe(squatter.port);
  });

  it('rejects a whenListening() waiter when disabled before listening', async () => {
    const conn = new HsmsPassiveConnection('127.0.0.2', 0, 0, undefined, { bindAddress: '127.0.0.1' });
    opened.push(conn);
    conn.enable();
    const waiting = conn.whenListening();
    const disabled = conn.disable();
    await expect(waiting).rejects.toThrow(/closed before it was listening/);
    await disabled;
  });

  it('finishes disable() in bounded time when the peer has vanished, and repeats it harmlessly', async () => {
    const rec = new RecordingDelegate();
    const { conn, port } = await passive('127.0.0.2', rec);
    const peer = await connectFrom('127.0.0.2', port, true);
    await rec.next('established');
    peer.socket.pause(); // never reads, never sends FIN
    const started = performance.now();
    await withTimeout(Promise.all([conn.disable(), conn.disable()]), 3000, 'disable() did not finish');
    await withTimeout(conn.disable(), 3000, 'a third disable() did not finish');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(rec.kinds).toEqual(['established', 'before-closed', 'closed']);
    expect(conn.enabled).toBe(false);
  });
});
