import { afterEach, describe, expect, it } from 'vitest';
import { RawPeer, withTimeout } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { HsmsDuplicateConnectionError } from './connection-errors.js';
import { HsmsActiveConnection } from './hsms-active-connection.js';
import { HsmsMultiPassiveServer } from './hsms-multi-passive-server.js';
import { CaptureLogger } from './testing/capture-logger.js';
import { RecordingDelegate } from './testing/recording-delegate.js';

const timers = { t5: 0.05, t6: 0.2, t8: 0.5 };
const servers: HsmsMultiPassiveServer[] = [];
const actives: HsmsActiveConnection[] = [];
const peers: RawPeer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  await Promise.all(actives.splice(0).map((c) => c.disable()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function startServer(maxMessageLength?: number) {
  const logger = new CaptureLogger();
  const server = new HsmsMultiPassiveServer(0, { ...timers, bindAddress: '127.0.0.1', logger, maxMessageLength });
  servers.push(server);
  const port = await server.start();
  return { server, port, logger };
}

/** A server-side connection for `address`, enabled, recording its delegate calls. */
function peerConnection(server: HsmsMultiPassiveServer, address: string, sessionId = 0) {
  const rec = new RecordingDelegate();
  const conn = server.createConnection(address, server.listeningPort!, sessionId, rec);
  conn.enable();
  return { conn, rec };
}

async function connectFrom(localAddress: string, port: number, allowHalfOpen = false): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress, allowHalfOpen });
  peers.push(peer);
  return peer;
}

function lengthField(length: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(length);
  return b;
}

describe('HsmsMultiPassiveServer', () => {
  it('serves two peers connecting at the same time from 127.0.0.2 and 127.0.0.3, each on its own connection', async () => {
    const { server, port } = await startServer();
    const two = peerConnection(server, '127.0.0.2', 2);
    const three = peerConnection(server, '127.0.0.3', 3);
    const fromTwo = new RecordingDelegate();
    const fromThree = new RecordingDelegate();
    for (const [local, rec] of [
      ['127.0.0.2', fromTwo],
      ['127.0.0.3', fromThree],
    ] as const) {
      const conn = new HsmsActiveConnection('127.0.0.1', port, 0, rec, { ...timers, localAddress: local });
      actives.push(conn);
      conn.enable();
    }
    await Promise.all([
      two.rec.next('established'),
      three.rec.next('established'),
      fromTwo.next('established'),
      fromThree.next('established'),
    ]);
    expect(two.conn.remoteAddress).toBe('127.0.0.2');
    expect(three.conn.remoteAddress).toBe('127.0.0.3');

    actives[0]!.send(HsmsPacket.dataMessage(2, 1, 1, true, 22, Buffer.alloc(0)));
    actives[1]!.send(HsmsPacket.dataMessage(3, 1, 1, true, 33, Buffer.alloc(0)));
    expect((await two.rec.next('packet')).packet!.system).toBe(22);
    expect((await three.rec.next('packet')).packet!.system).toBe(33);
    two.conn.send(HsmsPacket.dataMessage(2, 1, 2, false, 22));
    three.conn.send(HsmsPacket.dataMessage(3, 1, 2, false, 33));
    expect((await fromTwo.next('packet')).packet!.system).toBe(22);
    expect((await fromThree.next('packet')).packet!.system).toBe(33);
    expect(two.rec.count('packet')).toBe(1);
    expect(three.rec.count('packet')).toBe(1);
  });

  it('closes a socket from an unknown address at once and logs it', async () => {
    const { server, port, logger } = await startServer();
    const { rec } = peerConnection(server, '127.0.0.2');
    const stranger = await connectFrom('127.0.0.4', port);
    await stranger.waitForClose();
    expect(logger.find('warn', /refused a connection from unknown peer 127\.0\.0\.4:\d+/)).toHaveLength(1);
    expect(rec.events).toHaveLength(0);
  });

  it('closes a socket for a disabled connection, and a second one for a connection that is up', async () => {
    const { server, port, logger } = await startServer();
    server.createConnection('127.0.0.5', port, 0); // never enabled
    const disabledPeer = await connectFrom('127.0.0.5', port);
    await disabledPeer.waitForClose();
    expect(logger.find('warn', /127\.0\.0\.5:\d+: its connection is disabled/)).toHaveLength(1);

    const { conn, rec } = peerConnection(server, '127.0.0.6');
    const first = await connectFrom('127.0.0.6', port);
    await rec.next('established');
    await (await connectFrom('127.0.0.6', port)).waitForClose();
    expect(logger.find('warn', /127\.0\.0\.6:\d+: its connection is already up/)).toHaveLength(1);
    first.send(HsmsPacket.linktestReq(6));
    expect((await rec.next('packet')).packet!.system).toBe(6);
    expect(conn.connected).toBe(true);
  });

  it('refuses a second connection for the same address, IPv4-mapped or not, with HsmsDuplicateConnectionError', async () => {
    const { server, port } = await startServer();
    server.createConnection('127.0.0.2', port, 0);
    expect(() => server.createConnection('127.0.0.2', port, 1)).toThrow(HsmsDuplicateConnectionError);
    expect(() => server.createConnection('::ffff:127.0.0.2', port, 1)).toThrow(/already has a connection for ::ffff:127\.0\.0\.2/);
    expect(server.connections).toHaveLength(1);
  });

  it('closes a peer that sends a length of 4 with cause protocol while another peer keeps working', async () => {
    const [length, logged] = [4, /length 4 is below/];
    const { server, port, logger } = await startServer(1_000_000);
    const bad = peerConnection(server, '127.0.0.2');
    const good = peerConnection(server, '127.0.0.3');
    const badPeer = await connectFrom('127.0.0.2', port);
    const goodPeer = await connectFrom('127.0.0.3', port);
    await Promise.all([bad.rec.next('established'), good.rec.next('established')]);

    badPeer.sendRaw(Buffer.concat([lengthField(length), Buffer.alloc(10)]));
    expect((await bad.rec.next('closed')).cause).toBe('protocol');
    await badPeer.waitForClose();
    expect(logger.find('error', logged)).toHaveLength(1);

    goodPeer.send(HsmsPacket.linktestReq(7));
    expect((await good.rec.next('packet')).packet!.system).toBe(7);
    expect(good.conn.send(HsmsPacket.linktestRsp(7))).toBe(true);
    expect((await goodPeer.waitFor()).system).toBe(7);
    expect(good.rec.kinds).toEqual(['established', 'packet']);
  });

  it('keeps a peer that sends a message over maxMessageLength: the delegate hears of it and the next message arrives', async () => {
    const { server, port } = await startServer(1_000_000);
    const big = peerConnection(server, '127.0.0.2');
    const bigPeer = await connectFrom('127.0.0.2', port);
    await big.rec.next('established');
    const header = HsmsPacket.dataMessage(0, 7, 3, true, 11, Buffer.alloc(0)).header;
    const lengthField = Buffer.alloc(4);
    lengthField.writeUInt32BE(1_000_001);
    // Only the header and the first text bytes are sent: the rest is never needed to hear of it.
    bigPeer.sendRaw(Buffer.concat([lengthField, header.encode(), Buffer.alloc(100)]));
    const oversize = await big.rec.next('oversize');
    expect(oversize.oversize?.length).toBe(1_000_001);
    expect(oversize.oversize?.header.system).toBe(11);
    bigPeer.sendRaw(Buffer.alloc(1_000_001 - 110));
    bigPeer.send(HsmsPacket.linktestReq(12));
    expect((await big.rec.next('packet')).packet!.system).toBe(12);
    expect(big.conn.connected).toBe(true);
  });

  it('forgets a removed connection: its socket closes, its address is turned away and can be created again', async () => {
    const { server, port } = await startServer();
    const { conn, rec } = peerConnection(server, '127.0.0.2');
    const peer = await connectFrom('127.0.0.2', port);
    await rec.next('established');
    await conn.dispose();
    await peer.waitForClose();
    expect(rec.kinds).toEqual(['established', 'before-closed', 'closed']);
    expect(server.getConnection('127.0.0.2')).toBeUndefined();
    await (await connectFrom('127.0.0.2', port)).waitForClose();
    expect(rec.count('established')).toBe(1);
    expect(() => server.createConnection('127.0.0.2', port, 0)).not.toThrow();
  });

  it('finishes stop() in bounded time with a vanished peer, repeats it harmlessly, and can start again', async () => {
    const { server, port } = await startServer();
    const { conn, rec } = peerConnection(server, '127.0.0.2');
    const peer = await connectFrom('127.0.0.2', port, true);
    await rec.next('established');
    peer.socket.pause();
    const started = performance.now();
    await withTimeout(Promise.all([server.stop(), server.stop()]), 3000, 'stop() did not finish');
    await withTimeout(server.stop(), 3000, 'a third stop() did not finish');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.listening).toBe(false);
    expect(conn.connected).toBe(false);
    expect(rec.events.at(-1)).toMatchObject({ kind: 'closed', cause: 'local' });

    const again = await server.start();
    await connectFrom('127.0.0.2', again);
    await rec.next('established', 2);
  });

  it('rejects start() on a port in use, and a later start() listens once the port is free', async () => {
    const squatter = await RawPeer.listen();
    const server = new HsmsMultiPassiveServer(squatter.port, { bindAddress: '127.0.0.1' });
    servers.push(server);
    await expect(server.start()).rejects.toThrow(/EADDRINUSE/);
    expect(server.listening).toBe(false);
    await squatter.close();
    expect(await server.start()).toBe(squatter.port);
  });

  it('settles a pending start() when stop() comes first', async () => {
    const server = new HsmsMultiPassiveServer(0, { bindAddress: '127.0.0.1' });
    servers.push(server);
    const starting = server.start();
    await server.stop();
    await expect(starting).rejects.toThrow(/closed before it was listening/);
    expect(server.listening).toBe(false);
  });

  it('matches 100 peers from distinct loopback addresses to their own connections', async () => {
    const { server, port } = await startServer();
    const addresses = Array.from({ length: 100 }, (_, i) => `127.0.1.${i + 1}`);
    const expected = addresses.map((a) => peerConnection(server, a));
    await Promise.all(addresses.map((a) => connectFrom(a, port)));
    await Promise.all(expected.map((e) => e.rec.next('established')));
    expected.forEach((e, i) => {
      expect(e.conn.remoteAddress).toBe(addresses[i]);
    });
  });
});
