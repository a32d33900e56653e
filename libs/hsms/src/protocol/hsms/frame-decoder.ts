import { FrameDecoderFailedError, FrameDecoderOptionError, FrameTooLongError, FrameTooShortError } from './frame-errors.js';
import { HEADER_LENGTH, HsmsHeader } from './hsms-header.js';
import { HsmsPacket } from './hsms-packet.js';

/** E37 frames start with a 4-byte big-endian length of header + text. */
const LENGTH_FIELD = 4;

/** Default largest accepted length field: 16 MiB, as design/protocol.md and HsmsTimerOptions say. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

/** Frames up to this size get their buffer as soon as their first bytes arrive (cheap, bounded). */
const EAGER_FRAME_BYTES = 64 * 1024;

/**
 * A larger frame collects views of the chunks it arrives in and copies them once when it is
 * complete. A peer dribbling tiny chunks would make that list huge, so beyond this many views the
 * frame buffer is allocated (the length was already checked against the maximum) and filled directly.
 */
const MAX_PENDING_VIEWS = 1024;

export interface FrameDecoderOptions {
  /** Largest accepted length field (header + text) in bytes. Default 16 MiB. */
  maxMessageLength?: number;
}

/**
 * Turns a TCP byte stream into HsmsPackets. Bytes may come in any chunking (one at a time, many
 * frames per chunk, a frame split over many chunks): the packets are the same. Cost is linear in
 * the bytes: a chunk is never concatenated with earlier ones; each completed frame is copied once
 * into its own buffer, which the packet's header and text view.
 *
 * A length field below 10 or above `maxMessageLength` throws FrameTooShortError/FrameTooLongError
 * before anything of that size is allocated. After any error the decoder stays failed: the stream
 * position is lost, so the connection must close (E37: a malformed frame is a protocol error).
 *
 * The decoder keeps views of pushed chunks until their frame completes, so a caller must not reuse
 * a chunk's memory after pushing it (socket 'data' chunks are fresh buffers).
 */
export class FrameDecoder {
  readonly maxMessageLength: number;
  private readonly lengthField = Buffer.alloc(LENGTH_FIELD);
  private lengthFilled = 0;
  /** Length field of the frame being received (header + text), or -1 while between frames. */
  private frameLength = -1;
  /** Bytes of the current frame (after its length field) received so far. */
  private received = 0;
  /** The current frame's buffer once allocated; until then its bytes sit in `views`. */
  private frame: Buffer | undefined;
  private views: Buffer[] = [];
  private failure: Error | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    if (!Number.isInteger(max) || max < HEADER_LENGTH || max > 0xffffffff) throw new FrameDecoderOptionError(max);
    this.maxMessageLength = max;
  }

  /** True while a frame has started but not completed (E37 T8 runs only then). */
  get partial(): boolean {
    return this.lengthFilled > 0 || this.frameLength >= 0;
  }

  /** Bytes of the incomplete frame held so far (length field included). */
  get bufferedBytes(): number {
    return this.frameLength >= 0 ? LENGTH_FIELD + this.received : this.lengthFilled;
  }

  /** True once an error was thrown; every later push() throws FrameDecoderFailedError. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Feeds one chunk and returns the packets it completed, in order. */
  push(chunk: Buffer): HsmsPacket[] {
    const out: HsmsPacket[] = [];
    this.pushEach(chunk, (packet) => out.push(packet));
    return out;
  }

  /**
   * Feeds one chunk and hands each completed packet to `onPacket` as soon as it is complete, so
   * packets before a malformed frame in the same chunk are still delivered before the throw.
   * If `onPacket` throws, the rest of the chunk is lost and the decoder fails with that error.
   */
  pushEach(chunk: Buffer, onPacket: (packet: HsmsPacket) => void): void {
    if (this.failure) throw new FrameDecoderFailedError(this.failure);
    let offset = 0;
    while (offset < chunk.length) {
      if (this.frameLength < 0) {
        offset = this.readLengthField(chunk, offset);
        if (this.frameLength < 0) return;
      }
      const need = this.frameLength - this.received;
      const available = chunk.length - offset;
      if (available < need) {
        this.store(chunk.subarray(offset));
        return;
      }
      const frame = this.complete(chunk.subarray(offset, offset + need));
      offset += need;
      this.deliver(new HsmsPacket(HsmsHeader.decode(frame, 0), frame.subarray(HEADER_LENGTH)), onPacket);
    }
  }

  /** Reads (the rest of) the 4-byte length field; sets frameLength once it is whole and valid. */
  private readLengthField(chunk: Buffer, offset: number): number {
    let length: number;
    if (this.lengthFilled === 0 && chunk.length - offset >= LENGTH_FIELD) {
      length = chunk.readUInt32BE(offset);
      offset += LENGTH_FIELD;
    } else {
      const take = Math.min(LENGTH_FIELD - this.lengthFilled, chunk.length - offset);
      chunk.copy(this.lengthField, this.lengthFilled, offset, offset + take);
      this.lengthFilled += take;
      offset += take;
      if (this.lengthFilled < LENGTH_FIELD) return offset;
      length = this.lengthField.readUInt32BE(0);
      this.lengthFilled = 0;
    }
    // E37: length counts header + text, so it is at least 10; check before allocating anything.
    if (length < HEADER_LENGTH) this.fail(new FrameTooShortError(length));
    if (length > this.maxMessageLength) this.fail(new FrameTooLongError(length, this.maxMessageLength));
    this.frameLength = length;
    return offset;
  }

  /** Keeps bytes of the current frame that do not complete it. */
  private store(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (!this.frame && (this.frameLength <= EAGER_FRAME_BYTES || this.views.length >= MAX_PENDING_VIEWS)) {
      this.frame = this.gatherViews();
    }
    if (this.frame) bytes.copy(this.frame, this.received);
    else this.views.push(bytes);
    this.received += bytes.length;
  }

  /** Returns the finished frame (header + text) in its own buffer and resets for the next one. */
  private complete(last: Buffer): Buffer {
    const frame = this.frame ?? this.gatherViews();
    last.copy(frame, this.received);
    this.frame = undefined;
    this.frameLength = -1;
    this.received = 0;
    return frame;
  }

  /** Allocates the current frame's buffer and copies the collected views into it. */
  private gatherViews(): Buffer {
    const frame = Buffer.allocUnsafe(this.frameLength);
    let at = 0;
    for (const view of this.views) {
      view.copy(frame, at);
      at += view.length;
    }
    this.views = [];
    return frame;
  }

  private deliver(packet: HsmsPacket, onPacket: (packet: HsmsPacket) => void): void {
    try {
      onPacket(packet);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }

  private fail(error: Error): never {
    this.failure = error;
    this.views = [];
    this.frame = undefined;
    throw error;
  }
}
