import type { Socket } from 'node:net';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';

/** Frame bytes up to the end of the header: length field (4) + header (10). */
const FRAME_HEAD = 14;

/**
 * Texts at least this long are handed to the socket as they are (a writev segment) instead of
 * being copied into the batch buffer: a 16 MiB message is not copied once more on its way out.
 */
const PASS_THROUGH_TEXT = 64 * 1024;

/**
 * Batches the frames sent during one tick into a single socket write. One write per message costs
 * a syscall each; a pipelined sender then reaches a fraction of what the socket can do (issue 3's
 * measurements). Small frames are encoded straight into one buffer (no per-packet buffers, no
 * concat); large texts ride along as their own segments under cork/uncork, which Node turns into
 * one writev. Both shapes measured the same on loopback, so the simpler buffer is the default.
 *
 * Backpressure: once socket.write() returns false (the socket holds more than its high-water
 * mark because the peer reads slower than we write), later batches are still encoded each tick
 * but held here, not written, until the socket's 'drain'; then they leave in one corked write.
 * What is held is counted in pendingBytes, so the connection's queuedBytes (this plus the socket's
 * writableLength) is everything unsent, and its maxQueuedBytes check bounds the memory a peer
 * that stops reading can make us hold. Held frames are encoded buffers, not packet objects, so
 * the bytes counted are the bytes held.
 */
export class FrameWriter {
  private batch: HsmsPacket[] = [];
  private batchBytes = 0;
  /** Encoded frames waiting for 'drain', oldest first. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private waiting = false;
  private scheduled = false;
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
    return this.batchBytes + this.heldBytes;
  }

  /** True from a write() that returned false until the socket's 'drain'. */
  get waitingForDrain(): boolean {
    return this.waiting;
  }

  /** Queues a frame; it goes out with the others of this tick. */
  queue(packet: HsmsPacket): void {
    this.batch.push(packet);
    this.batchBytes += packet.frameLength;
    if (!this.scheduled) {
      this.scheduled = true;
      // nextTick runs after the current callback (a data event, a timer) and before I/O: every
      // send of this callback is in the batch and no latency is added.
      process.nextTick(this.flushCallback);
    }
  }

  /**
   * Encodes everything queued and writes it, or holds it while waiting for 'drain'. Returns
   * false when the socket is gone (what was queued is dropped) or is waiting for 'drain'.
   */
  flush(): boolean {
    this.scheduled = false;
    if (!this.usable()) return false;
    const packets = this.batch;
    if (packets.length === 0) return !this.waiting;
    this.batchBytes = 0;
    const segments = encodeSegments(packets);
    packets.length = 0; // the same array serves the next tick (encoding is synchronous): no array per batch
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
    this.batch = [];
    this.held = [];
    this.batchBytes = this.heldBytes = 0;
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

/** Encodes frames into as few buffers as possible, leaving large texts uncopied. */
function encodeSegments(packets: readonly HsmsPacket[]): Buffer[] {
  let copied = 0;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i]!;
    copied += p.data.length >= PASS_THROUGH_TEXT ? FRAME_HEAD : p.frameLength;
  }
  const out = Buffer.allocUnsafe(copied);
  const segments: Buffer[] = [];
  let at = 0;
  let segmentStart = 0;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i]!;
    if (p.data.length < PASS_THROUGH_TEXT) {
      p.encodeInto(out, at);
      at += p.frameLength;
      continue;
    }
    out.writeUInt32BE(p.frameLength - 4, at);
    p.header.encodeInto(out, at + 4);
    at += FRAME_HEAD;
    segments.push(out.subarray(segmentStart, at), p.data);
    segmentStart = at;
  }
  if (at > segmentStart) segments.push(segmentStart === 0 && at === out.length ? out : out.subarray(segmentStart, at));
  return segments;
}
