import { afterEach, describe, expect, it } from 'vitest';
import { RawPeer, type RawPeerServer } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { SType } from '../protocol/hsms/s-type.js';
import { HsmsSendQueueFullError } from './connection-errors.js';
import { HsmsActiveConnection } from './hsms-active-connection.js';
import type { HsmsConnection } from './hsms-connection.js';
import { HsmsPassiveConnection } from './hsms-passive-connection.js';
import { CaptureLogger } from './testing/capture-logger.js';
import { RecordingDelegate } from './testing/recording-delegate.js';
import type { HsmsQueueFullPolicy } from './send-queue-options.js';

const timers = { t5: 0.05, t6: 0.2, t8: 0.1 };
const opened: HsmsConnection[] = [];
const servers: RawPeerServer[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.disable()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function track<C extends HsmsConnection>(connection: C): C {
  opened.push(connection);
  return connection;
}

/** A passive connection on a free loopback port expecting 127.0.0.2, and an active one connecting from there. */
async function pair(passiveDelegate: RecordingDelegate, activeDelegate: RecordingDelegate, logger = new CaptureLogger()) {
  const passive = track(
    new HsmsPassiveConnection('127.0.0.2', 0, 0, passiveDelegate, { ...timers, bindAddress: '127.0.0.1', logger, logLevel: 'verbose' }),
  );
  passive.enable();
  const port = await passive.whenListening();
  const active = track(new HsmsActiveConnection('127.0.0.1', port, 0, activeDelegate, { ...timers, localAddress: '127.0.0.2' }));
  active.enable();
  await Promise.all([passiveDelegate.next('established'), activeDelegate.next('established')]);
  return { passive, active, logger };
}

/** An active connection to a raw peer listening on loopback. */
async function activeToRawPeer(
  delegate: RecordingDelegate,
  options: { maxQueuedBytes?: number; maxMessageLength?: number; onQueueFull?: HsmsQueueFullPolicy } = {},
) {
  const server = await RawPeer.listen();
  servers.push(server);
  const logger = new CaptureLogger();
  // T5 of 2 s: these tests look at one TCP connection, not at reconnects.
  const conn = track(
    new HsmsActiveConnection('127.0.0.1', server.port, 0, delegate, { ...timers, t5: 2, ...options, logger, logLevel: 'verbose' }),
  );
  conn.enable();
  const peer = await server.nextPeer();
  await delegate.next('established');
  return { conn, peer, logger };
}

function expectSamePacket(actual: HsmsPacket | undefined, expected: HsmsPacket): void {
  expect(actual).toBeDefined();
  expect(actual!.header.equals(expected.header)).toBe(true);
  expect(actual!.data.equals(expected.data)).toBe(true);
}

describe('HsmsConnection between an active and a passive side', () => {
  it('calls established, packet, before-closed and closed in order on both sides and carries a packet each way', async () => {
    const passiveRec = new RecordingDelegate();
    const activeRec = new RecordingDelegate();
    const { passive, active } = await pair(passiveRec, activeRec);
    expect(active.isActive).toBe(true);
    expect(passive.isActive).toBe(false);
    expect(passive.remoteAddress).toBe('127.0.0.2');

    const request = HsmsPacket.dataMessage(0, 1, 1, true, 7, Buffer.from([0x01, 0x00]));
    expect(active.send(request)).toBe(true);
    expectSamePacket((await passiveRec.next('packet')).packet, request);
    const reply = HsmsPacket.dataMessage(0, 1, 2, false, 7, Buffer.from([0x01, 0x02, 0x41, 0x00, 0x41, 0x00]));
    expect(passive.send(reply)).toBe(true);
    expectSamePacket((await activeRec.next('packet')).packet, reply);

    await active.disable();
    await passiveRec.next('closed');
    expect(activeRec.kinds).toEqual(['established', 'packet', 'before-closed', 'closed']);
    expect(passiveRec.kinds).toEqual(['established', 'packet', 'before-closed', 'closed']);
    expect(activeRec.events[2]).toMatchObject({ cause: 'local', connected: true });
    expect(activeRec.events[3]).toMatchObject({ cause: 'local', connected: false });
    expect(passiveRec.events[3]).toMatchObject({ cause: 'remote', connected: false });
    expect(passive.lastCloseCause).toBe('remote');
  });

  it('delivers a 16 MiB message over a real socket intact', async () => {
    const passiveRec = new RecordingDelegate();
    const { active } = await pair(passiveRec, new RecordingDelegate());
    const text = Buffer.alloc(16 * 1024 * 1024 - 10);
    for (let i = 0; i < text.length; i += 4093) text[i] = (i >>> 12) & 0xff;
    const big = HsmsPacket.dataMessage(0, 6, 11, false, 99, text);
    expect(active.send(big)).toBe(true);
    const got = (await passiveRec.next('packet', 1, 10_000)).packet;
    expectSamePacket(got, big);
  }, 20_000);

  it('lets onConnectionBeforeClosed send a last message that reaches the peer before the close', async () => {
    const rec = new RecordingDelegate({ onConnectionBeforeClosed: (c) => c.send(HsmsPacket.separateReq(42)) });
    const { conn, peer } = await activeToRawPeer(rec);
    conn.close();
    const separate = await peer.waitFor((p) => p.sType === SType.SeparateReq);
    expect(separate.system).toBe(42);
    await peer.waitForClose();
    expect(rec.kinds).toEqual(['established', 'before-closed', 'closed']);
  });

  it('keeps the connection when every delegate method throws, and logs each error', async () => {
    const boom = () => {
      throw new Error('delegate bug');
    };
    const rec = new RecordingDelegate({ onConnectionEstablished: boom, onConnectionPacketReceived: boom });
    const { conn, peer, logger } = await activeToRawPeer(rec);
    peer.send(HsmsPacket.linktestReq(1));
    peer.send(HsmsPacket.linktestReq(2));
    await rec.next('packet', 2);
    expect(conn.connected).toBe(true);
    expect(conn.send(HsmsPacket.linktestRsp(2))).toBe(true);
    expect((await peer.waitFor()).system).toBe(2);
    expect(logger.find('error', /onConnectionEstablished threw/)).toHaveLength(1);
    expect(logger.find('error', /onConnectionPacketReceived threw/)).toHaveLength(2);
  });

  it('logs a rejected promise from an async delegate method instead of leaving it unhandled', async () => {
    const rec = new RecordingDelegate({
      onConnectionPacketReceived: (async () => {
        throw new Error('async delegate bug');
      }) as () => void,
    });
    const { conn, peer, logger } = await activeToRawPeer(rec);
    peer.send(HsmsPacket.linktestReq(1));
    await rec.next('packet');
    await expect.poll(() => logger.find('error', /onConnectionPacketReceived rejected/).length).toBe(1);
    expect(conn.connected).toBe(true);
  });

  it('drops the rest of a chunk once a delegate closes the connection on a packet', async () => {
    const rec = new RecordingDelegate({ onConnectionPacketReceived: (c) => c.close() });
    const { peer } = await activeToRawPeer(rec);
    peer.sendRaw(Buffer.concat([HsmsPacket.separateReq(1).encode(), HsmsPacket.linktestReq(2).encode()]));
    await rec.next('closed');
    expect(rec.kinds).toEqual(['established', 'packet', 'before-closed', 'closed']);
  });

  it('returns false from send() without a socket, before enable and after close', async () => {
    const idle = new HsmsActiveConnection('127.0.0.1', 1, 0);
    expect(idle.send(HsmsPacket.linktestReq(1))).toBe(false);
    const rec = new RecordingDelegate();
    const { conn } = await activeToRawPeer(rec);
    conn.close();
    expect(conn.send(HsmsPacket.linktestReq(1))).toBe(false);
  });

  it('throws HsmsSendQueueFullError naming the bytes when a send would pass maxQueuedBytes', async () => {
    const { conn } = await activeToRawPeer(new RecordingDelegate(), { maxQueuedBytes: 4096 });
    expect(conn.send(HsmsPacket.dataMessage(0, 6, 11, false, 1, Buffer.alloc(4000)))).toBe(true);
    let thrown: unknown;
    try {
      conn.send(HsmsPacket.dataMessage(0, 6, 11, false, 2, Buffer.alloc(100)));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HsmsSendQueueFullError);
    expect((thrown as Error).message).toMatch(/4128 bytes, over maxQueuedBytes 4096/);
    expect(conn.connected).toBe(true);
  });

  it('refuses sends once a peer that stopped reading fills maxQueuedBytes, never holding more, and accepts them again once it reads', async () => {
    const max = 1024 * 1024;
    const { conn, peer, logger } = await activeToRawPeer(new RecordingDelegate(), { maxQueuedBytes: max });
    peer.socket.pause();
    const text = Buffer.alloc(64 * 1024, 3);
    const { accepted, refused, highest } = await sendUntilRefused(conn, text, 3);
    expect(refused).toBeInstanceOf(HsmsSendQueueFullError);
    expect(highest).toBeLessThanOrEqual(max);
    expect(highest).toBeGreaterThan(max - 2 * (text.length + 14)); // it filled up to near the limit, not less
    expect(conn.connected).toBe(true);
    expect(logger.find('warn', /is not reading: \d+ bytes queued, maxQueuedBytes 1048576; sends fail until it reads/)).toHaveLength(1);

    peer.socket.resume();
    await peer.waitFor((p) => p.system === accepted - 1, 10_000);
    expect(conn.send(HsmsPacket.linktestReq(0xbeef))).toBe(true);
    expect((await peer.waitFor((p) => p.system === 0xbeef)).sType).toBe(SType.LinktestReq);
    expect(logger.find('log', /reads again: 3 send\(s\) were refused meanwhile/)).toHaveLength(1);
    expect(conn.queuedBytes).toBe(0);
  });

  it("closes the connection under onQueueFull 'close' and throws HsmsSendQueueFullError for the send that did not fit", async () => {
    const rec = new RecordingDelegate();
    const { conn, peer } = await activeToRawPeer(rec, { maxQueuedBytes: 1024 * 1024, onQueueFull: 'close' });
    peer.socket.pause();
    const { refused } = await sendUntilRefused(conn, Buffer.alloc(64 * 1024), 1);
    expect(refused).toBeInstanceOf(HsmsSendQueueFullError);
    expect(conn.connected).toBe(false);
    expect(conn.queuedBytes).toBe(0);
    expect((await rec.next('closed')).cause).toBe('queue-full');
    expect(conn.send(HsmsPacket.linktestReq(1))).toBe(false);
  });

  it("refuses a frame larger than maxQueuedBytes on an idle link without closing it, even under onQueueFull 'close'", async () => {
    const rec = new RecordingDelegate();
    const { conn, peer, logger } = await activeToRawPeer(rec, { maxQueuedBytes: 64 * 1024, onQueueFull: 'close' });
    expect(() => conn.send(HsmsPacket.dataMessage(0, 6, 11, false, 1, Buffer.alloc(100 * 1024)))).toThrow(HsmsSendQueueFullError);
    expect(conn.connected).toBe(true);
    expect(logger.find('warn', /is not reading/)).toHaveLength(0);
    expect(conn.send(HsmsPacket.linktestReq(2))).toBe(true);
    expect((await peer.waitFor()).system).toBe(2);
  });

  it('does not log each answer refused for a full queue as a delegate error', async () => {
    const big = Buffer.alloc(64 * 1024);
    const rec = new RecordingDelegate({
      onConnectionPacketReceived: (c, p) => void c.send(HsmsPacket.dataMessage(0, 6, 11, false, p.system, big)),
    });
    const { peer, logger } = await activeToRawPeer(rec, { maxQueuedBytes: 256 * 1024 });
    peer.socket.pause(); // it still sends: 200 requests, each answered with 64 KiB it never reads
    peer.sendRaw(Buffer.concat(Array.from({ length: 200 }, (_, i) => HsmsPacket.linktestReq(i).encode())));
    await rec.next('packet', 200);
    expect(logger.find('error', /threw/)).toHaveLength(0);
    expect(logger.find('warn', /is not reading/)).toHaveLength(1);
  });

  it('names onQueueFull when it is neither reject nor close', () => {
    const options = { t5: 1, onQueueFull: 'drop' as HsmsQueueFullPolicy };
    expect(() => new HsmsActiveConnection('127.0.0.1', 5000, 0, undefined, options)).toThrow(
      /^onQueueFull: must be one of 'reject', 'close', got the string "drop"/,
    );
  });

  it('closes with cause t8 when a frame stops halfway', async () => {
    const rec = new RecordingDelegate();
    const { conn, peer } = await activeToRawPeer(rec);
    const sentAt = performance.now();
    peer.sendRaw(HsmsPacket.linktestReq(1).encode().subarray(0, 7));
    const closed = await rec.next('closed');
    expect(closed.cause).toBe('t8');
    expect(closed.at - sentAt).toBeGreaterThanOrEqual(timers.t8 * 1000 - 5);
    expect(conn.lastCloseCause).toBe('t8');
    await peer.waitForClose();
  });

  it('closes with cause protocol on a length field of 4 and logs the number', async () => {
    const rec = new RecordingDelegate();
    const { peer, logger } = await activeToRawPeer(rec, { maxMessageLength: 65536 });
    peer.sendRaw(Buffer.concat([lengthField(4), Buffer.alloc(10)]));
    expect((await rec.next('closed')).cause).toBe('protocol');
    expect(logger.find('error', /length 4 is below/)).toHaveLength(1);
    await peer.waitForClose();
  });

  it('tells the delegate the header and length of a message over maxMessageLength, drops its bytes and stays connected', async () => {
    const rec = new RecordingDelegate();
    const { conn, peer } = await activeToRawPeer(rec, { maxMessageLength: 1024 });
    const big = HsmsPacket.dataMessage(3, 6, 11, true, 0xabcdef01, Buffer.alloc(70_000, 7));
    // In pieces, as a large message arrives; the next message follows in the last piece.
    const bytes = Buffer.concat([big.encode(), HsmsPacket.linktestReq(9).encode()]);
    for (let at = 0; at < bytes.length; at += 16_384) peer.sendRaw(bytes.subarray(at, at + 16_384));
    const packet = await rec.next('packet');
    expect(packet.packet!.system).toBe(9);
    const oversize = rec.events.find((e) => e.kind === 'oversize');
    expect(oversize?.oversize?.header.equals(big.header)).toBe(true);
    expect(oversize?.oversize?.length).toBe(70_010);
    expect(rec.kinds).toEqual(['established', 'oversize', 'packet']);
    expect(conn.connected).toBe(true);
    expect(conn.send(HsmsPacket.linktestRsp(9))).toBe(true);
    expect((await peer.waitFor()).system).toBe(9);
  });

  it('logs a warning and drops a message over maxMessageLength when the delegate has no oversize method', async () => {
    const rec = new RecordingDelegate();
    const plain = {
      onConnectionPacketReceived: rec.onConnectionPacketReceived.bind(rec),
      onConnectionEstablished: rec.onConnectionEstablished.bind(rec),
    };
    const { conn, peer, logger } = await activeToRawPeer(rec, { maxMessageLength: 1024 });
    conn.delegate = plain;
    peer.sendRaw(
      Buffer.concat([HsmsPacket.dataMessage(0, 6, 11, false, 1, Buffer.alloc(2000)).encode(), HsmsPacket.linktestReq(2).encode()]),
    );
    expect((await rec.next('packet')).packet!.system).toBe(2);
    expect(logger.find('warn', /dropped a message of 2010 bytes, over maxMessageLength 1024/)).toHaveLength(1);
    expect(conn.connected).toBe(true);
  });

  it('closes with cause t8 when a message over maxMessageLength stops halfway', async () => {
    const rec = new RecordingDelegate();
    const { peer } = await activeToRawPeer(rec, { maxMessageLength: 1024 });
    peer.sendRaw(HsmsPacket.dataMessage(0, 6, 11, false, 1, Buffer.alloc(5000)).encode().subarray(0, 3000));
    expect((await rec.next('closed')).cause).toBe('t8');
    expect(rec.kinds).toEqual(['established', 'oversize', 'before-closed', 'closed']);
    await peer.waitForClose();
  });
});

/**
 * Sends `text` as S6F11 frames (systems 0, 1, ...), one per loop turn so each batch reaches the
 * socket, until a send throws; then tries `extra` more sends (each must throw too). Bounded by 1000
 * sends. Returns how many were accepted, the first refusal, and the highest queuedBytes seen.
 */
async function sendUntilRefused(
  conn: HsmsConnection,
  text: Buffer,
  extra: number,
): Promise<{ accepted: number; refused: unknown; highest: number }> {
  let highest = 0;
  for (let system = 0; system < 1000; system++) {
    try {
      conn.send(HsmsPacket.dataMessage(0, 6, 11, false, system, text));
    } catch (refused) {
      for (let i = 0; i < extra - 1; i++)
        expect(() => conn.send(HsmsPacket.dataMessage(0, 6, 11, false, system, text))).toThrow(HsmsSendQueueFullError);
      return { accepted: system, refused, highest };
    }
    highest = Math.max(highest, conn.queuedBytes);
    await new Promise((resolve) => setImmediate(resolve)); // the batch is written; the kernel takes what it can
  }
  throw new Error('1000 sends of 64 KiB to a peer that does not read were all accepted');
}

function lengthField(length: number): Buffer {
  const field = Buffer.alloc(4);
  field.writeUInt32BE(length);
  return field;
}
