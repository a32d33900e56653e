// The bare node:net pair of the benchmark: HSMS framing (4-byte length + 10-byte header + text)
// and nothing else, no library code. It is the limit for any HSMS library on Node: what the
// sockets and the event loop cost with no protocol work at all.
import type { Socket } from 'node:net';

const LENGTH_FIELD = 4;
const HEADER = 10;

/** <L [2] <A "MDLN"> <A "SOFTREV">>: the S1F2 body every peer of the benchmark answers with. */
export const S1F2_TEXT = Buffer.from([0x01, 0x02, 0x41, 0x04, ...Buffer.from('MDLN'), 0x41, 0x07, ...Buffer.from('SOFTREV')]);

/** Writes S1F1 W (session 0, no text) with `system` at `offset`; returns the frame's length. */
function writeS1F1(target: Buffer, offset: number, system: number): number {
  target.writeUInt32BE(HEADER, offset);
  target.writeUInt16BE(0, offset + 4); // session id
  target[offset + 6] = 0x81; // W-bit + stream 1
  target[offset + 7] = 1;
  target[offset + 8] = 0; // PType
  target[offset + 9] = 0; // SType: data message
  target.writeUInt32BE(system >>> 0, offset + 10);
  return LENGTH_FIELD + HEADER;
}

/** Writes S1F2 with S1F2_TEXT, answering `system`, at `offset`; returns the frame's length. */
function writeS1F2(target: Buffer, offset: number, system: number): number {
  target.writeUInt32BE(HEADER + S1F2_TEXT.length, offset);
  target.writeUInt16BE(0, offset + 4);
  target[offset + 6] = 1;
  target[offset + 7] = 2;
  target[offset + 8] = 0;
  target[offset + 9] = 0;
  target.writeUInt32BE(system >>> 0, offset + 10);
  S1F2_TEXT.copy(target, offset + LENGTH_FIELD + HEADER);
  return LENGTH_FIELD + HEADER + S1F2_TEXT.length;
}

const S1F1_FRAME = LENGTH_FIELD + HEADER;
const S1F2_FRAME = LENGTH_FIELD + HEADER + S1F2_TEXT.length;

/**
 * Cuts a byte stream into frames and calls `onFrame(chunk, headerOffset, textLength)` for each;
 * only a frame split across chunks is copied.
 */
export class BareFrameReader {
  private pending: Buffer | undefined;

  constructor(private readonly onFrame: (buffer: Buffer, headerOffset: number, textLength: number) => void) {}

  push(chunk: Buffer): void {
    let buffer = chunk;
    if (this.pending) {
      buffer = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    let at = 0;
    while (buffer.length - at >= LENGTH_FIELD) {
      const length = buffer.readUInt32BE(at);
      if (length < HEADER) throw new Error(`bare pair: frame length ${length} is below 10`);
      if (buffer.length - at < LENGTH_FIELD + length) break;
      this.onFrame(buffer, at + LENGTH_FIELD, length - HEADER);
      at += LENGTH_FIELD + length;
    }
    if (at < buffer.length) this.pending = buffer.subarray(at);
  }
}

/** Collects the frames written in one tick and hands them to the socket in one write(). */
class TickBatcher {
  private systems: number[] = [];
  private scheduled = false;
  private readonly flushNow = (): void => this.flush();

  constructor(
    private readonly socket: Socket,
    private readonly frameLength: number,
    private readonly write: (target: Buffer, offset: number, system: number) => number,
  ) {}

  queue(system: number): void {
    this.systems.push(system);
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushNow);
    }
  }

  private flush(): void {
    this.scheduled = false;
    const systems = this.systems;
    this.systems = [];
    const out = Buffer.allocUnsafe(systems.length * this.frameLength);
    let at = 0;
    for (const system of systems) at += this.write(out, at, system);
    if (!this.socket.destroyed) this.socket.write(out);
  }
}

/** The bare server: answers every S1F1 W with S1F2 (same system bytes), one write per tick. */
export function serveBare(socket: Socket): void {
  socket.setNoDelay(true);
  const replies = new TickBatcher(socket, S1F2_FRAME, writeS1F2);
  const reader = new BareFrameReader((buffer, h) => {
    if ((buffer[h + 2]! & 0x80) !== 0 && buffer[h + 5] === 0) replies.queue(buffer.readUInt32BE(h + 6));
  });
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  socket.on('error', () => socket.destroy());
}

/**
 * The measuring window of a run: open until `ms` have passed. A timer closes it, so the loops
 * read no clock per message (a clock read costs about 70 ns here, a tenth of a pipelined message).
 */
export class RunWindow {
  open = true;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.open = false;
    }, ms);
  }

  close(): void {
    clearTimeout(this.timer);
    this.open = false;
  }
}

/** The bare client: sends S1F1 W and counts S1F2 replies, one write per tick. */
export class BareClient {
  private readonly requests: TickBatcher;
  private system = 0;
  private onReply: (() => void) | undefined;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    this.requests = new TickBatcher(socket, S1F1_FRAME, writeS1F1);
    const reader = new BareFrameReader((buffer, h, textLength) => {
      if (buffer[h + 3] !== 2 || textLength !== S1F2_TEXT.length) throw new Error('bare pair: expected S1F2');
      this.onReply?.();
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
  }

  /** Keeps `depth` requests outstanding until `ms` have passed, then waits for the last replies; resolves with the count. */
  run(depth: number, ms: number): Promise<number> {
    return new Promise((resolve) => {
      const window = new RunWindow(ms);
      let replies = 0;
      let outstanding = 0;
      const send = (): void => {
        outstanding++;
        this.system = (this.system + 1) >>> 0;
        this.requests.queue(this.system);
      };
      this.onReply = () => {
        replies++;
        outstanding--;
        if (window.open) send();
        else if (outstanding === 0) {
          this.onReply = undefined;
          window.close();
          resolve(replies);
        }
      };
      for (let i = 0; i < depth; i++) send();
    });
  }
}
