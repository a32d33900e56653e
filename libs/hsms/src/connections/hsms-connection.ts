import type { Socket } from 'node:net';
import { FrameDecoder } from '../protocol/hsms/frame-decoder.js';
import { FRAME_HEAD_LENGTH } from '../protocol/hsms/header-fields.js';
import { FrameTooLongError, FrameTooShortError } from '../protocol/hsms/frame-errors.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { HsmsSendQueueFullError } from './connection-errors.js';
import { FairReader } from './fair-reader.js';
import { FrameWriter } from './frame-writer.js';
import type { HsmsCloseCause, HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import { LeveledLogger } from './hsms-logger.js';
import { readPort, readSessionId } from '../protocol/option-checks.js';
import {
  type HsmsCommonOptions,
  HsmsOptionError,
  resolveMaxQueuedBytes,
  resolveTimerOptions,
  type ResolvedTimerOptions,
} from './hsms-options.js';
import { type HsmsQueueFullPolicy, type HsmsSendQueueOptions, resolveQueueFullPolicy } from './send-queue-options.js';
import { endSocket } from './socket-shutdown.js';
import { resolveTraceOptions, type ResolvedTraceOptions } from './trace-options.js';

/** TCP keep-alive probes start after this idle time: catches dead peers even with linktest off. */
const KEEPALIVE_DELAY_MS = 10_000;

/** The close cause of onQueueFull 'close'. */
const QUEUE_FULL_CLOSE_CAUSE: HsmsCloseCause = 'queue-full';

/** How the session on an ended socket went: it selected, T7 closed it, or neither. */
export type HsmsSessionOutcome = 'selected' | 't7' | 'other';

type DelegateEvent = 'onConnectionEstablished' | 'onConnectionBeforeClosed' | 'onConnectionClosed';

/**
 * One HSMS TCP connection at a time: framing (FrameDecoder in, FrameWriter out), E37 T8, the
 * delegate calls and the close sequence. Subclasses decide where sockets come from (connect,
 * listen, a shared multi-passive port) and hand each one to attachSocket().
 *
 * Per TCP connection the delegate sees: established, packet* and oversize* (arrival order), before-closed (the
 * socket still takes send(); lastCloseCause already tells why), closed. A delegate that throws or
 * rejects is logged and the connection carries on.
 */
export abstract class HsmsConnection {
  readonly address: string;
  readonly port: number;
  readonly sessionId: number;
  delegate: HsmsConnectionDelegate<HsmsConnection> | undefined;
  /** True on the side that connects (E37: it sends Select.req). */
  abstract readonly isActive: boolean;
  readonly options: ResolvedTimerOptions;
  readonly logger: LeveledLogger;
  readonly maxQueuedBytes: number;
  readonly onQueueFull: HsmsQueueFullPolicy;
  /** The caps of the verbose message trace (options.trace with defaults). */
  readonly trace: ResolvedTraceOptions;

  protected isEnabled = false;
  private socket: Socket | undefined;
  private decoder: FrameDecoder | undefined;
  private writer: FrameWriter | undefined;
  private reader: FairReader | undefined;
  private t8Timer: NodeJS.Timeout | undefined;
  private closing = false;
  /** Set by the first send refused for a full queue; cleared by the next send that fits (logged once each way). */
  private congestion: { refused: number } | undefined;
  private closeCause: HsmsCloseCause | undefined;
  /** What the HSMS layer told about the session on the current socket (noteSelected, noteT7Expired). */
  private sessionOutcome: HsmsSessionOutcome = 'other';
  private readonly closingSockets = new Set<Promise<void>>();
  private readonly receive = (packet: HsmsPacket): void => {
    this.reader?.spend(); // undefined once a delegate closed the connection mid-slice
    this.deliver(packet);
  };
  private readonly oversize = (header: HsmsHeader, length: number): void => this.deliverOversize(header, length);

  constructor(
    address: string,
    port: number,
    sessionId: number,
    delegate?: HsmsConnectionDelegate<HsmsConnection>,
    options: HsmsCommonOptions & HsmsSendQueueOptions = {},
  ) {
    if (typeof address !== 'string' || address.trim() === '')
      throw new HsmsOptionError('address', `must be a host address, got '${String(address)}'`);
    this.address = address;
    this.port = readPort('port', port, true);
    this.sessionId = readSessionId('sessionId', sessionId);
    this.delegate = delegate;
    this.options = resolveTimerOptions(options);
    this.maxQueuedBytes = resolveMaxQueuedBytes(options.maxQueuedBytes);
    this.onQueueFull = resolveQueueFullPolicy(options.onQueueFull);
    this.trace = resolveTraceOptions(options.trace);
    this.logger = new LeveledLogger(options.logger, options.logLevel, `Hsms ${address}:${port}`);
  }

  /** Starts connecting, listening or accepting, depending on the kind of connection. */
  abstract enable(): void;
  /** Stops for good (until enable()): closes the socket; resolves once it is gone, in bounded time. */
  abstract disable(): Promise<void>;

  get connected(): boolean {
    return this.socket !== undefined;
  }
  get enabled(): boolean {
    return this.isEnabled;
  }
  get remoteAddress(): string | undefined {
    return this.socket?.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.socket?.remotePort;
  }
  /** Why the last TCP connection closed; set before onConnectionBeforeClosed is called. */
  get lastCloseCause(): HsmsCloseCause | undefined {
    return this.closeCause;
  }
  /** Bytes sent but not yet taken by the kernel (this tick's batch, frames held until 'drain', the socket's buffer). */
  get queuedBytes(): number {
    return (this.writer?.pendingBytes ?? 0) + (this.socket?.writableLength ?? 0);
  }

  /**
   * Queues a frame; frames sent in one tick leave in one socket write. Returns false (nothing
   * sent) when no socket is up. The packet's text must not be changed afterwards (large texts are
   * written without a copy). A frame that would take queuedBytes past maxQueuedBytes is not
   * queued at all (never half-written): HsmsSendQueueFullError is thrown, and with onQueueFull
   * 'close' the connection closes first.
   */
  send(packet: HsmsPacket): boolean {
    const writer = this.admit(packet.frameLength);
    if (!writer) return false;
    writer.queue(packet);
    return true;
  }

  /**
   * send() for a data message given by its fields: the same checks and the same batch, with no
   * packet object (the session's hot path when nothing observes sent packets). `text` is the
   * encoded SECS-II body and must not be changed afterwards.
   */
  sendData(sessionId: number, stream: number, fn: number, wBit: boolean, system: number, text: Buffer): boolean {
    const writer = this.admit(FRAME_HEAD_LENGTH + text.length);
    if (!writer) return false;
    writer.queueData(sessionId, stream, fn, wBit, system, text);
    return true;
  }

  /** The writer a frame of `frameLength` bytes may be queued to; undefined without a socket; refuse() throws when it does not fit. */
  private admit(frameLength: number): FrameWriter | undefined {
    const writer = this.writer;
    if (!writer || !this.socket!.writable) return undefined;
    const queued = this.queuedBytes + frameLength;
    if (queued > this.maxQueuedBytes) this.refuse(queued);
    if (this.congestion) this.endCongestion();
    return writer;
  }

  /** Closes the current TCP connection now (no-op without one). An enabled active side reconnects after T5. */
  close(cause: HsmsCloseCause = 'local'): void {
    const socket = this.socket;
    if (!socket || this.closing) return;
    this.closing = true;
    this.closeCause = cause;
    this.stopT8();
    this.logger.debug(`TCP connection to ${socket.remoteAddress}:${socket.remotePort} closing (${cause})`);
    this.notify('onConnectionBeforeClosed');
    this.writer!.flushAll(); // whatever before-closed sent (Separate.req) leaves before our FIN, drain or not
    this.socket = this.decoder = this.writer = this.reader = undefined;
    this.closing = false;
    const outcome = this.sessionOutcome;
    this.sessionOutcome = 'other';
    this.socketEnded(socket.remoteAddress, outcome);
    this.track(endSocket(socket, this.closeGraceMs()));
    this.notify('onConnectionClosed');
    this.afterClose(cause);
  }

  /** Called after onConnectionClosed; the active side schedules its next attempt here. */
  protected afterClose(_cause: HsmsCloseCause): void {}

  /**
   * The HSMS layer tells the connection its session on this socket reached SELECTED: a listening
   * side then does not count the socket against its address (notSelectedBackoff).
   */
  noteSelected(): void {
    this.sessionOutcome = 'selected';
  }

  /** The HSMS layer closes this socket because it stayed NOT SELECTED past T7 (notSelectedBackoff counts these). */
  noteT7Expired(): void {
    if (this.sessionOutcome !== 'selected') this.sessionOutcome = 't7';
  }

  /** Called when a socket ends, with its peer address and how its session went (listening sides feed their gate). */
  protected socketEnded(_address: string | undefined, _outcome: HsmsSessionOutcome): void {}

  /** Resolves when every socket this connection closed has finished closing. */
  protected async socketsClosed(): Promise<void> {
    while (this.closingSockets.size > 0) await Promise.all([...this.closingSockets]);
  }

  /**
   * Adopts a connected socket: options, listeners, then onConnectionEstablished. With
   * `readsBorrowed` the socket reads through onread (its subclass created it so) and hands its
   * bytes to readBorrowed(); otherwise they come as 'data' chunks.
   */
  protected attachSocket(socket: Socket, readsBorrowed = false): void {
    socket.setNoDelay(true);
    socket.setKeepAlive(true, KEEPALIVE_DELAY_MS);
    this.socket = socket;
    this.decoder = new FrameDecoder({ maxMessageLength: this.options.maxMessageLength });
    this.writer = new FrameWriter(socket);
    this.reader = new FairReader(socket, (slice, borrowed) => this.decode(socket, slice, borrowed));
    this.congestion = undefined;
    if (!readsBorrowed) {
      socket.on('data', (chunk: Buffer) => {
        if (socket === this.socket) this.reader!.take(chunk, false);
      });
    }
    socket.on('end', () => this.onGone(socket, 'remote'));
    socket.on('close', () => this.onGone(socket, 'remote'));
    socket.on('error', (error: Error) => {
      if (socket !== this.socket) return;
      this.logger.warn(`socket error from ${socket.remoteAddress}:${socket.remotePort}: ${error.message}`);
      this.onGone(socket, 'error');
    });
    this.logger.debug(`TCP connection to ${socket.remoteAddress}:${socket.remotePort} established`);
    this.notify('onConnectionEstablished');
  }

  /**
   * An onread socket's bytes, in a buffer the next read overwrites (sharedReadBuffer): decoded now,
   * and whatever must wait (a partial frame, the rest of a paced read) is copied. Always true: the
   * socket is paused by FairReader when it must wait, not by this return value.
   */
  protected readBorrowed(socket: Socket, buffer: Buffer, length: number): boolean {
    if (socket === this.socket) this.reader!.take(buffer.subarray(0, length), true);
    return true;
  }

  /** Decodes one slice of received bytes (FairReader paces them); false once this socket is no longer ours. */
  private decode(socket: Socket, slice: Buffer, borrowed: boolean): boolean {
    if (socket !== this.socket) return false;
    const decoder = this.decoder!;
    const writer = this.writer!;
    writer.beginRead(); // the answers to this slice leave in one write once it is decoded
    try {
      decoder.pushEach(slice, this.receive, this.oversize, borrowed);
    } catch (error) {
      if (socket === this.socket) this.protocolError(error); // else closed by a delegate while this slice was decoded
      return false;
    } finally {
      writer.endRead();
    }
    if (socket !== this.socket) return false;
    if (decoder.partial) this.runT8();
    else this.stopT8();
    return true;
  }

  /** A send that does not fit: report the congestion once, close under 'close', and throw. */
  private refuse(queued: number): never {
    const error = new HsmsSendQueueFullError(queued, this.maxQueuedBytes);
    // A frame larger than the whole limit never fits, however fast the peer reads: not congestion.
    if (this.queuedBytes === 0) throw error;
    if (this.congestion) {
      this.congestion.refused++;
    } else {
      this.congestion = { refused: 1 };
      const then = this.onQueueFull === 'close' ? 'closing the connection' : 'sends fail until it reads';
      this.logger.warn(
        `${this.remoteAddress}:${this.remotePort} is not reading: ${this.queuedBytes} bytes queued, maxQueuedBytes ${this.maxQueuedBytes}; ${then}`,
      );
    }
    if (this.onQueueFull === 'close') {
      this.writer!.discard(); // nothing more is going to reach a peer that does not read
      this.close(QUEUE_FULL_CLOSE_CAUSE);
    }
    throw error;
  }

  private endCongestion(): void {
    this.logger.log(`${this.remoteAddress}:${this.remotePort} reads again: ${this.congestion!.refused} send(s) were refused meanwhile`);
    this.congestion = undefined;
  }

  private protocolError(error: unknown): void {
    if (error instanceof FrameTooShortError || error instanceof FrameTooLongError) {
      this.logger.error(`malformed frame from ${this.remoteAddress}:${this.remotePort}: ${error.message}`);
    } else {
      this.logger.error(`cannot read the stream from ${this.remoteAddress}:${this.remotePort}`, error);
    }
    this.close('protocol');
  }

  private onGone(socket: Socket, cause: HsmsCloseCause): void {
    if (socket === this.socket) this.close(cause);
  }

  private deliver(packet: HsmsPacket): void {
    // Packets after a close within the same chunk belong to a connection that no longer exists.
    if (this.closing || !this.socket) return;
    const handler = this.delegate?.onConnectionPacketReceived;
    if (!handler) return;
    try {
      this.watch(handler.call(this.delegate, this, packet), 'onConnectionPacketReceived');
    } catch (error) {
      // An answer (Reject.req, Linktest.rsp) that did not fit the send queue: refuse() reported the congestion once.
      if (error instanceof HsmsSendQueueFullError) return;
      this.logger.error('delegate onConnectionPacketReceived threw', error);
    }
  }

  /** E5: a message over maxMessageLength is dropped, not fatal; the delegate (the SECS layer) answers S9F11. */
  private deliverOversize(header: HsmsHeader, length: number): void {
    if (this.closing || !this.socket) return;
    const handler = this.delegate?.onConnectionOversizeMessage;
    if (!handler) {
      this.logger.warn(
        `dropped a message of ${length} bytes, over maxMessageLength ${this.options.maxMessageLength}: ${header.toString()}`,
      );
      return;
    }
    try {
      this.watch(handler.call(this.delegate, this, header, length), 'onConnectionOversizeMessage');
    } catch (error) {
      this.logger.error('delegate onConnectionOversizeMessage threw', error);
    }
  }

  private notify(event: DelegateEvent): void {
    const handler = this.delegate?.[event];
    if (!handler) return;
    try {
      this.watch(handler.call(this.delegate, this), event);
    } catch (error) {
      this.logger.error(`delegate ${event} threw`, error);
    }
  }

  /** An async delegate method returns a promise: its rejection is logged, never left unhandled. */
  private watch(result: unknown, event: string): void {
    if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) => this.logger.error(`delegate ${event} rejected`, error));
    }
  }

  /** E37 T8: the longest gap between two chunks of one message. */
  private runT8(): void {
    if (this.t8Timer) {
      this.t8Timer.refresh();
      return;
    }
    this.t8Timer = setTimeout(() => {
      this.t8Timer = undefined;
      this.logger.warn(`T8 (${this.options.t8} s) expired with ${this.decoder?.bufferedBytes ?? 0} bytes of a message received`);
      this.close('t8');
    }, this.options.t8 * 1000);
  }

  private stopT8(): void {
    if (!this.t8Timer) return;
    clearTimeout(this.t8Timer);
    this.t8Timer = undefined;
  }

  private track(closed: Promise<void>): void {
    this.closingSockets.add(closed);
    void closed.then(() => this.closingSockets.delete(closed));
  }

  /** How long a closed socket may wait for the peer's FIN: T6-ish, within 0.2..1 s. */
  private closeGraceMs(): number {
    return Math.min(1000, Math.max(200, this.options.t6 * 1000));
  }
}
