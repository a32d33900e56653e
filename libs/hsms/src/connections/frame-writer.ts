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
 */
export class FrameWriter {
  private batch: HsmsPacket[] = [];
  private batchBytes = 0;
  private scheduled = false;
  private readonly flushCallback = (): void => {
    this.flush();
  };

  constructor(private readonly socket: Socket) {}

  /** Bytes queued here and not yet handed to the socket. */
  get pendingBytes(): number {
    return this.batchBytes;
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

  /** Writes everything queued now. Returns the socket's answer (false: its buffer is full). */
  flush(): boolean {
    this.scheduled = false;
    const packets = this.batch;
    if (packets.length === 0) return true;
    this.batch = [];
    this.batchBytes = 0;
    if (this.socket.destroyed || !this.socket.writable) return false;
    const segments = encodeSegments(packets);
    if (segments.length === 1) return this.socket.write(segments[0]!);
    this.socket.cork();
    let ok = true;
    for (const segment of segments) ok = this.socket.write(segment) && ok;
    this.socket.uncork();
    return ok;
  }
}

/** Encodes frames into as few buffers as possible, leaving large texts uncopied. */
function encodeSegments(packets: readonly HsmsPacket[]): Buffer[] {
  let copied = 0;
  for (const p of packets) copied += p.data.length >= PASS_THROUGH_TEXT ? FRAME_HEAD : p.frameLength;
  const out = Buffer.allocUnsafe(copied);
  const segments: Buffer[] = [];
  let at = 0;
  let segmentStart = 0;
  for (const p of packets) {
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
  if (at > segmentStart) segments.push(out.subarray(segmentStart, at));
  return segments;
}
