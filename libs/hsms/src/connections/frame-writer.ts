import type { Socket } from 'node:net';
import { FRAME_HEAD_LENGTH, writeFrameHead } from '../protocol/hsms/header-fields.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PTYPE_SECS2, SType } from '../protocol/hsms/s-type.js';
import { NO_BYTES } from '../protocol/no-bytes.js';

/**
 * Texts at least this long are handed to the socket as they are (a writev segment) instead of
 * being copied into the batch buffer: a 16 MiB message is not copied once more on its way out.
 */
const PASS_THROUGH_TEXT = 64 * 1024;

/** Small frames are encoded into slabs of this size (a larger frame gets a slab of its own size). */
const SLAB_BYTES = 64 * 1024;

/** When a slab fills, a tick's bytes up to this size are copied into the next slab rather than written as a segment of their own. */
const CARRY_REGION = 16 * 1024;

/**
 * Batches the frames sent during one tick into a single socket write. One write per message costs
 * a syscall each; a pipelined sender then reaches a fraction of what the socket can do (issue 3's
 * measurements). Frames are encoded when they are queued, straight into a slab: the bytes of one
 * tick are a region of it, written as one view, and the next tick's frames follow in the same slab
 * (the socket keeps the written region alive; nothing is written twice into it). So a message
 * costs no packet object, no batch array slot and no buffer of its own (issue 10: each was
 * measurable per message). Large texts ride along as their own segments under cork/uncork, which
 * Node turns into one writev: a 16 MiB message is not copied once more on its way out.
 *
 * Backpressure: once socket.write() returns false (the socket holds more than its high-water
 * mark because the peer reads slower than we write), later batches are still encoded each tick
 * but held here, not written, until the socket's 'drain'; then they leave in one corked write.
 * What is held is counted in pendingBytes, so the connection's queuedBytes (this plus the socket's
 * writableLength) is everything unsent, and its maxQueuedBytes check bounds the memory a peer
 * that stops reading can make us hold. Held frames are encoded bytes, so the bytes counted are
 * the bytes held.
 */
export class FrameWriter {
  private slab: Buffer = NO_BYTES;
  /** Start of this tick's frames in the slab. */
  private regionStart = 0;
  /** End of the encoded bytes in the slab. */
  private at = 0;
  /** Segments of this tick before the current region (a passed-through text, a full slab). */
  private segments: Buffer[] = [];
  private segmentBytes = 0;
  /** Encoded frames waiting for 'drain', oldest first. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private waiting = false;
  private scheduled = false;
  /** Between beginRead() and endRead(). */
  private reading = false;
  /** Something was queued while reading: endRead() flushes. */
  private flushAfterRead = false;
  private readonly flushCallback = (): void => {
    this.flush();
  };
  private readonly onDrain = (): void => {
    this.waiting = false;
    this.release();
  };

  constructor(private readonly socket: Socket) {}

  /** Bytes queued or held here and not yet handed to the socket. */
  get pendingBytes(): number {
    return this.at - this.regionStart + this.segmentBytes + this.heldBytes;
  }

  /** True from a write() that returned false until the socket's 'drain'. */
  get waitingForDrain(): boolean {
    return this.waiting;
  }

  /** Queues a frame; it goes out with the others of this tick. The packet is encoded now. */
  queue(packet: HsmsPacket): void {
    this.queueFrame(packet.sessionId, packet.byte2, packet.byte3, packet.pType, packet.sType, packet.system, packet.data);
  }

  /**
   * Queues a data message from its fields, with no packet object: the hot path of requests and
   * replies. `text` is the encoded SECS-II body (not to be changed afterwards).
   */
  queueData(sessionId: number, stream: number, fn: number, wBit: boolean, system: number, text: Buffer): void {
    this.queueFrame(sessionId, (wBit ? 0x80 : 0) | (stream & 0x7f), fn & 0xff, PTYPE_SECS2, SType.DataMessage, system, text);
  }

  /** Encodes a frame into the slab (a large text stays a segment of its own, uncopied) and schedules the flush. */
  private queueFrame(sessionId: number, byte2: number, byte3: number, pType: number, sType: number, system: number, text: Buffer): void {
    if (text.length >= PASS_THROUGH_TEXT) {
      const at = this.reserve(FRAME_HEAD_LENGTH);
      writeFrameHead(this.slab, at, text.length, sessionId, byte2, byte3, pType, sType, system);
      this.passThrough(text);
    } else {
      const at = this.reserve(FRAME_HEAD_LENGTH + text.length);
      writeFrameHead(this.slab, at, text.length, sessionId, byte2, byte3, pType, sType, system);
      if (text.length > 0) this.slab.set(text, at + FRAME_HEAD_LENGTH); // TypedArray#set: no view, half the time of a byte loop or Buffer#copy for small texts
    }
    this.schedule();
  }

  /**
   * From here until endRead() frames are not flushed on the next tick but by endRead(): the
   * connection brackets the decoding of a received chunk with these, so the answers to that chunk
   * leave in one write as soon as it is decoded, with no nextTick (the bare pair's way; a tick per
   * reply was measurable when requests come one at a time).
   */
  beginRead(): void {
    this.reading = true;
  }

  /** Ends beginRead(): flushes what the chunk's handlers queued (answers given later wait for their own tick). */
  endRead(): void {
    this.reading = false;
    if (this.flushAfterRead) {
      this.flushAfterRead = false;
      if (!this.scheduled) this.flush();
    }
  }

  /**
   * Encodes everything queued and writes it, or holds it while waiting for 'drain'. Returns
   * false when the socket is gone (what was queued is dropped) or is waiting for 'drain'.
   */
  flush(): boolean {
    this.scheduled = false;
    if (!this.usable()) return false;
    if (this.at === this.regionStart && this.segments.length === 0) return !this.waiting;
    const segments = this.takeBatch();
    if (this.waiting) this.hold(segments);
    else this.write(segments);
    return !this.waiting;
  }

  /** Writes everything queued and held now, drain or not: the last frames before a close (Separate.req). */
  flushAll(): void {
    this.flush();
    if (this.waiting) this.socket.off('drain', this.onDrain);
    this.waiting = false;
    this.release();
  }

  /** Forgets everything queued and held (a connection closing because its peer stopped reading). */
  discard(): void {
    this.slab = NO_BYTES;
    this.regionStart = this.at = 0;
    this.segments = [];
    this.held = [];
    this.segmentBytes = this.heldBytes = 0;
  }

  private schedule(): void {
    if (this.reading) {
      this.flushAfterRead = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    // nextTick runs after the current callback (a data event, a timer) and before I/O: every
    // send of this callback is in the batch and no latency is added.
    process.nextTick(this.flushCallback);
  }

  /** Makes room for `bytes` in the slab (a new slab when this one is full), advances past them and returns where they start. */
  private reserve(bytes: number): number {
    if (this.at + bytes > this.slab.length) {
      const region = this.at - this.regionStart;
      const slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes + (region <= CARRY_REGION ? region : 0)));
      if (region <= CARRY_REGION) {
        // a small start of this tick moves to the new slab: the tick stays one segment (no writev)
        if (region > 0) slab.set(this.slab.subarray(this.regionStart, this.at), 0);
        this.at = region;
      } else {
        this.closeRegion();
        this.at = 0;
      }
      this.slab = slab;
      this.regionStart = 0;
    }
    const at = this.at;
    this.at += bytes;
    return at;
  }

  /** Ends the current region as a segment of this tick (before a passed-through text or a new slab). */
  private closeRegion(): void {
    if (this.at === this.regionStart) return;
    const region = this.slab.subarray(this.regionStart, this.at);
    this.segments.push(region);
    this.segmentBytes += region.length;
    this.regionStart = this.at;
  }

  private passThrough(text: Buffer): void {
    this.closeRegion();
    this.segments.push(text);
    this.segmentBytes += text.length;
  }

  /** This tick's bytes as segments for one write; the slab's next frames start after them. */
  private takeBatch(): Buffer[] {
    this.closeRegion();
    const segments = this.segments;
    this.segments = [];
    this.segmentBytes = 0;
    return segments;
  }

  /** False once the socket can take no more bytes; everything queued is dropped then. */
  private usable(): boolean {
    if (!this.socket.destroyed && this.socket.writable) return true;
    this.discard();
    return false;
  }

  private hold(segments: Buffer[]): void {
    for (const segment of segments) {
      this.held.push(segment);
      this.heldBytes += segment.length;
    }
  }

  /** Hands the held frames to the socket (after 'drain', or at a close). */
  private release(): void {
    if (this.held.length === 0 || !this.usable()) return;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.write(held);
  }

  private write(segments: Buffer[]): void {
    let ok: boolean;
    if (segments.length === 1) {
      ok = this.socket.write(segments[0]!);
    } else {
      this.socket.cork();
      ok = true;
      for (const segment of segments) ok = this.socket.write(segment) && ok;
      this.socket.uncork();
    }
    if (ok || this.waiting) return;
    this.waiting = true;
    this.socket.once('drain', this.onDrain);
  }
}
