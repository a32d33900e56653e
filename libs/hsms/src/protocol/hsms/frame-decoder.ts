import { HsmsOptionError } from '../hsms-error.js';
import { copyBytes } from './copy-bytes.js';
import { LENGTH_FIELD_LENGTH } from './header-fields.js';
import { FrameDecoderFailedError, FrameTooLongError, FrameTooShortError } from './frame-errors.js';
import { HEADER_LENGTH, HsmsHeader } from './hsms-header.js';
import { HsmsPacket } from './hsms-packet.js';
import { NO_BYTES } from '../no-bytes.js';

/** E37 frames start with a 4-byte big-endian length of header + text. */

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

/** Told about a frame longer than maxMessageLength: its header and its length field (header + text). */
export type OversizeFrameHandler = (header: HsmsHeader, length: number) => void;

/**
 * Turns a TCP byte stream into HsmsPackets. Bytes may come in any chunking (one at a time, many
 * frames per chunk, a frame split over many chunks): the packets are the same. Cost is linear in
 * the bytes: a chunk is never concatenated with earlier ones; each completed frame is copied once
 * into its own buffer, which the packet's header and text view.
 *
 * A length field below 10 throws FrameTooShortError. A length field above `maxMessageLength`
 * throws FrameTooLongError before anything of that size is allocated, unless the caller passes
 * `onOversize` to pushEach: then the frame is not an error (E5: the equipment answers S9F11 and
 * carries on) and its 10 header bytes are read and handed to `onOversize`, while the rest of its
 * bytes are dropped as they arrive, never buffered; decoding goes on with the next frame. After
 * any error the decoder stays failed: the stream position is lost, so the connection must close
 * (E37: a malformed frame is a protocol error).
 *
 * The decoder keeps views of pushed chunks until their frame completes, so a caller must not reuse
 * a chunk's memory after pushing it (socket 'data' chunks are fresh buffers), unless it says so:
 * pushEach(..., borrowed = true) copies whatever it keeps (an onread buffer reused by the next read).
 */
/**
 * bytes[start, end) in a buffer of their own. Buffer.from(subarray) makes a view object besides
 * the copy; copyBytes makes none for the small texts of most messages (issue 10: measured per
 * received message in an allocation profile).
 */
function copyOf(bytes: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  copyBytes(bytes, out, 0, start, end);
  return out;
}

/** Texts shorter than half of this are copied into a shared, append-only pool (Node's Buffer pool rule). */
const TEXT_POOL_BYTES = 8 * 1024;

export class FrameDecoder {
  readonly maxMessageLength: number;
  /** Small texts are copied here, one after the other, never written over: packets refer to their range. */
  private textPool: Buffer = NO_BYTES;
  private textPoolAt = 0;
  private readonly lengthField = Buffer.alloc(LENGTH_FIELD_LENGTH);
  private lengthFilled = 0;
  /** Length field of the frame being received (header + text), or -1 while between frames. */
  private frameLength = -1;
  /** Bytes of the current frame (after its length field) received so far. */
  private received = 0;
  /** The current frame's buffer once allocated; until then its bytes sit in `views`. */
  private frame: Buffer | undefined;
  private views: Buffer[] = [];
  /** True while the current frame is over the maximum and its bytes are being dropped. */
  private discarding = false;
  /** The header of a frame being dropped, gathered before onOversize is told. */
  private readonly oversizeHeader = Buffer.alloc(HEADER_LENGTH);
  private failure: Error | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    if (!Number.isInteger(max) || max < HEADER_LENGTH || max > 0xffffffff)
      throw new HsmsOptionError('maxMessageLength', `must be an integer in ${HEADER_LENGTH}..4294967295, got ${String(max)}`);
    this.maxMessageLength = max;
  }

  /** True while a frame has started but not completed (E37 T8 runs only then). */
  get partial(): boolean {
    return this.lengthFilled > 0 || this.frameLength >= 0;
  }

  /** Bytes of the incomplete frame received so far (length field included; a dropped frame's are not held). */
  get bufferedBytes(): number {
    return this.frameLength >= 0 ? LENGTH_FIELD_LENGTH + this.received : this.lengthFilled;
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
   *
   * With `onOversize`, a frame over maxMessageLength is dropped instead of failing the decoder:
   * `onOversize` gets its header once the 10 header bytes are in (a throw fails the decoder as for
   * onPacket). A frame whose dropping started in an earlier push is dropped whatever this push passes.
   */
  pushEach(chunk: Buffer, onPacket: (packet: HsmsPacket) => void, onOversize?: OversizeFrameHandler, borrowed = false): void {
    if (this.failure) throw new FrameDecoderFailedError(this.failure);
    let offset = 0;
    while (offset < chunk.length) {
      if (this.frameLength < 0) {
        offset = this.readLengthField(chunk, offset, onOversize !== undefined);
        if (this.frameLength < 0) return;
      }
      if (this.discarding) {
        offset = this.discard(chunk, offset, onOversize);
        continue;
      }
      const need = this.frameLength - this.received;
      const available = chunk.length - offset;
      if (available < need) {
        this.store(chunk.subarray(offset), borrowed);
        return;
      }
      if (this.received === 0) {
        // The whole frame is in this chunk (the common case for small messages): read the header
        // in place and copy only the text, so header-only frames allocate nothing.
        const packet = need === HEADER_LENGTH ? HsmsPacket.fromHeaderBytes(chunk, offset, NO_BYTES) : this.keepText(chunk, offset, need);
        this.frameLength = -1;
        offset += need;
        this.deliver(packet, onPacket);
        continue;
      }
      const frame = this.complete(chunk.subarray(offset, offset + need));
      offset += need;
      this.deliver(HsmsPacket.fromHeaderBytes(frame, 0, frame.subarray(HEADER_LENGTH)), onPacket);
    }
  }

  /**
   * The packet of a whole frame at `offset` (header, then need - 10 bytes of text): a small text is
   * copied into the receive pool and the packet refers to it there, so no Buffer is made for it
   * unless someone reads `data` (a large one gets a Buffer of its own). A pool is 8 KiB and a text
   * keeps at most its pool alive, as a slice of Node's own Buffer pool would.
   */
  private keepText(chunk: Buffer, offset: number, need: number): HsmsPacket {
    const start = offset + HEADER_LENGTH;
    const length = need - HEADER_LENGTH;
    if (length >= TEXT_POOL_BYTES >>> 1) return HsmsPacket.fromHeaderBytes(chunk, offset, copyOf(chunk, start, start + length));
    if (this.textPoolAt + length > this.textPool.length) {
      this.textPool = Buffer.allocUnsafeSlow(TEXT_POOL_BYTES);
      this.textPoolAt = 0;
    }
    const at = this.textPoolAt;
    copyBytes(chunk, this.textPool, at, start, start + length);
    this.textPoolAt = at + length;
    return HsmsPacket.fromHeaderBytesAndText(chunk, offset, this.textPool, at, length);
  }

  /** Reads (the rest of) the 4-byte length field; sets frameLength once it is whole and valid. */
  private readLengthField(chunk: Buffer, offset: number, mayDiscard: boolean): number {
    let length: number;
    if (this.lengthFilled === 0 && chunk.length - offset >= LENGTH_FIELD_LENGTH) {
      length = chunk.readUInt32BE(offset);
      offset += LENGTH_FIELD_LENGTH;
    } else {
      const take = Math.min(LENGTH_FIELD_LENGTH - this.lengthFilled, chunk.length - offset);
      chunk.copy(this.lengthField, this.lengthFilled, offset, offset + take);
      this.lengthFilled += take;
      offset += take;
      if (this.lengthFilled < LENGTH_FIELD_LENGTH) return offset;
      length = this.lengthField.readUInt32BE(0);
      this.lengthFilled = 0;
    }
    // E37: length counts header + text, so it is at least 10; check before allocating anything.
    if (length < HEADER_LENGTH) this.fail(new FrameTooShortError(length));
    if (length > this.maxMessageLength) {
      if (!mayDiscard) this.fail(new FrameTooLongError(length, this.maxMessageLength));
      this.discarding = true;
    }
    this.frameLength = length;
    return offset;
  }

  /**
   * Consumes bytes of an oversize frame: the first 10 into oversizeHeader (then onOversize is
   * told), the rest only counted. Returns the offset after the bytes this frame took.
   */
  private discard(chunk: Buffer, offset: number, onOversize: OversizeFrameHandler | undefined): number {
    const end = offset + Math.min(chunk.length - offset, this.frameLength - this.received);
    if (this.received < HEADER_LENGTH) {
      const take = Math.min(HEADER_LENGTH - this.received, end - offset);
      chunk.copy(this.oversizeHeader, this.received, offset, offset + take);
      this.received += take;
      offset += take;
      if (this.received === HEADER_LENGTH && onOversize) this.reportOversize(onOversize);
    }
    this.received += end - offset;
    if (this.received === this.frameLength) {
      this.discarding = false;
      this.frameLength = -1;
      this.received = 0;
    }
    return end;
  }

  private reportOversize(onOversize: OversizeFrameHandler): void {
    try {
      onOversize(HsmsHeader.decode(this.oversizeHeader, 0), this.frameLength);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }

  /** Keeps bytes of the current frame that do not complete it (a copy of them when the chunk is `borrowed`). */
  private store(bytes: Buffer, borrowed: boolean): void {
    if (bytes.length === 0) return;
    if (!this.frame && (this.frameLength <= EAGER_FRAME_BYTES || this.views.length >= MAX_PENDING_VIEWS)) {
      this.frame = this.gatherViews();
    }
    if (this.frame) bytes.copy(this.frame, this.received);
    else this.views.push(borrowed ? Buffer.from(bytes) : bytes);
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
