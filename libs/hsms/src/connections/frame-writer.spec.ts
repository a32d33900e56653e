import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RawPeer, type RawPeerServer } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { FrameWriter } from './frame-writer.js';

let server: RawPeerServer | undefined;
let socket: Socket | undefined;

afterEach(async () => {
  socket?.destroy();
  await server?.close();
  server = socket = undefined;
});

/** A real loopback socket to a raw peer that decodes what arrives. */
async function socketToPeer(): Promise<{ socket: Socket; peer: RawPeer }> {
  server = await RawPeer.listen();
  const s = connect({ host: '127.0.0.1', port: server.port });
  socket = s;
  await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('error', reject));
  return { socket: s, peer: await server.nextPeer() };
}

/**
 * Makes the peer stop reading and writes 256 KiB frames (systems 0, 1, ...) until the kernel's
 * buffers are full and the socket itself holds bytes. Returns the next free system number.
 */
async function congest(socket: Socket, peer: RawPeer): Promise<number> {
  peer.socket.pause();
  const big = Buffer.alloc(256 * 1024, 1);
  // bounded: loopback kernel buffers hold a few MiB at most, far below 256 x 256 KiB
  for (let system = 0; system < 256; system++) {
    socket.write(HsmsPacket.dataMessage(0, 6, 11, false, system, big).encode());
    await new Promise((resolve) => setImmediate(resolve)); // lets a write the kernel took complete
    if (socket.writableLength > 64 * 1024) return system + 1;
  }
  throw new Error('the socket never filled up');
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

describe('FrameWriter', () => {
  it('combines the frames queued in one tick into a single socket write', async () => {
    const { socket, peer } = await socketToPeer();
    const write = vi.spyOn(socket, 'write');
    const writer = new FrameWriter(socket);
    for (let i = 0; i < 100; i++) writer.queue(HsmsPacket.dataMessage(0, 1, 1, true, i, Buffer.from([0x01, 0x00])));
    expect(writer.pendingBytes).toBe(100 * 16);
    expect(write).not.toHaveBeenCalled();
    await nextTick();
    expect(write).toHaveBeenCalledTimes(1);
    expect(writer.pendingBytes).toBe(0);
    await peer.waitFor((p) => p.system === 99);
    expect(peer.received.map((p) => p.system)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('encodes data frames from their fields, tick after tick in the same slab, and a frame larger than a slab whole', async () => {
    const { socket, peer } = await socketToPeer();
    const write = vi.spyOn(socket, 'write');
    const writer = new FrameWriter(socket);
    const texts: Buffer[] = [];
    // 3 ticks of frames of many sizes: about 100 KiB, so a slab (64 KiB) fills and the next one starts mid-tick
    for (let tick = 0; tick < 3; tick++) {
      for (let i = 0; i < 40; i++) {
        const system = tick * 40 + i;
        const text = Buffer.alloc((system * 37) % 2000, system & 0xff);
        texts.push(text);
        writer.queueData(7, 6, 11, system % 2 === 0, system, text);
      }
      await nextTick();
    }
    const big = Buffer.alloc(60 * 1024, 0xab); // under the pass-through size, over what is left of a slab
    writer.queueData(7, 1, 3, true, 120, big);
    texts.push(big);
    await nextTick();
    expect(write.mock.calls.length).toBeGreaterThanOrEqual(4);
    await peer.waitFor((p) => p.system === 120);
    expect(peer.received.map((p) => p.system)).toEqual(Array.from({ length: 121 }, (_, i) => i));
    for (const [i, p] of peer.received.entries()) {
      expect(p.header.sessionId).toBe(7);
      expect(p.header.requireResponse).toBe(i === 120 || i % 2 === 0);
      expect([p.header.stream, p.header.function]).toEqual(i === 120 ? [1, 3] : [6, 11]);
      expect(p.data.equals(texts[i]!)).toBe(true);
    }
  });

  it('hands a large text to the socket without copying it, between the frames around it', async () => {
    const { socket, peer } = await socketToPeer();
    const write = vi.spyOn(socket, 'write');
    const writer = new FrameWriter(socket);
    const text = Buffer.alloc(200_000, 7);
    writer.queue(HsmsPacket.linktestReq(1));
    writer.queue(HsmsPacket.dataMessage(0, 6, 11, false, 2, text));
    writer.queue(HsmsPacket.linktestReq(3));
    writer.flush();
    expect(write).toHaveBeenCalledTimes(3);
    expect(write.mock.calls[1]![0]).toBe(text);
    await peer.waitFor((p) => p.system === 3, 5000);
    expect(peer.received.map((p) => p.system)).toEqual([1, 2, 3]);
    expect(peer.received[1]!.data.equals(text)).toBe(true);
  });

  it('holds later batches while the socket waits for drain, counts them, and writes them in order after drain', async () => {
    const { socket, peer } = await socketToPeer();
    const writer = new FrameWriter(socket);
    let system = await congest(socket, peer);
    const write = vi.spyOn(socket, 'write');
    writer.queue(HsmsPacket.dataMessage(0, 1, 1, true, system++, Buffer.from([0x01, 0x00])));
    expect(writer.flush()).toBe(false); // handed over; the socket said "wait for drain"
    expect(writer.waitingForDrain).toBe(true);
    expect(write).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) writer.queue(HsmsPacket.dataMessage(0, 1, 1, true, system++, Buffer.from([0x01, 0x00])));
    expect(writer.flush()).toBe(false);
    expect(write).toHaveBeenCalledTimes(1); // held, not written
    expect(writer.pendingBytes).toBe(10 * 16);
    write.mockRestore();

    peer.socket.resume();
    const last = system - 1;
    await peer.waitFor((p) => p.system === last, 10_000);
    expect(peer.received.map((p) => p.system)).toEqual(Array.from({ length: system }, (_, i) => i));
    expect(writer.pendingBytes).toBe(0);
    expect(writer.waitingForDrain).toBe(false);
  });

  it('flushAll hands held frames to the socket at once, without waiting for drain', async () => {
    const { socket, peer } = await socketToPeer();
    const writer = new FrameWriter(socket);
    const system = await congest(socket, peer);
    writer.queue(HsmsPacket.linktestReq(system));
    writer.flush();
    writer.queue(HsmsPacket.separateReq(system + 1));
    writer.flush();
    expect(writer.pendingBytes).toBe(14);
    const before = socket.writableLength;
    writer.flushAll();
    expect(writer.pendingBytes).toBe(0);
    expect(socket.writableLength).toBe(before + 14);
    peer.socket.resume();
    expect((await peer.waitFor((p) => p.system === system + 1, 10_000)).sType).toBe(9);
  });

  it('drops what is queued when the socket is already destroyed, without throwing', async () => {
    const { socket } = await socketToPeer();
    const writer = new FrameWriter(socket);
    writer.queue(HsmsPacket.linktestReq(1));
    socket.destroy();
    expect(writer.flush()).toBe(false);
    expect(writer.pendingBytes).toBe(0);
  });
});
