// The bare node:net pair of the benchmark: HSMS framing (4-byte length + 10-byte header + text)
// and nothing else, no library code. It is the limit for any HSMS library on Node: what the
// sockets and the event loop cost with no protocol work at all. It is the strong pair issue 10
// describes, each part measured there to matter:
// - the host reads with net.connect({ onread }) into one reused buffer (no Buffer per chunk);
// - both ends setNoDelay(true);
// - plain callbacks, no Promise per request;
// - every frame produced while one chunk is parsed leaves in one socket.write at the end of that
//   chunk, and a frame sent outside the parser (the first requests of a run) on the next tick.
import { connect, type Socket } from 'node:net';

const LENGTH_FIELD = 4;
const HEADER = 10;

/** <L [2] <A "MDLN"> <A "SOFTREV">>: the S1F2 body every equipment of the benchmark answers with. */
export const S1F2_TEXT = Buffer.from([0x01, 0x02, 0x41, 0x04, ...Buffer.from('MDLN'), 0x41, 0x07, ...Buffer.from('SOFTREV')]);

const S1F1_FRAME = LENGTH_FIELD + HEADER;
const S1F2_FRAME = LENGTH_FIELD + HEADER + S1F2_TEXT.length;
const CONTROL_FRAME = LENGTH_FIELD + HEADER;
const STYPE_DATA = 0;
const STYPE_SELECT_REQ = 1;
const STYPE_SELECT_RSP = 2;
const STYPE_LINKTEST_REQ = 5;

/** Bytes the host's onread buffer holds: Node reads at most this much per callback. */
const READ_BUFFER = 64 * 1024;

/** Writes S1F1 W (session 0, no text) with `system` at `offset`. */
function writeS1F1(target: Buffer, offset: number, system: number): void {
  target.writeUInt32BE(HEADER, offset);
  target.writeUInt16BE(0, offset + 4); // session id
  target[offset + 6] = 0x81; // W-bit + stream 1
  target[offset + 7] = 1;
  target[offset + 8] = 0; // PType
  target[offset + 9] = 0; // SType: data message
  target.writeUInt32BE(system >>> 0, offset + 10);
}

/** Writes S1F2 with S1F2_TEXT, answering `system`, at `offset`. */
function writeS1F2(target: Buffer, offset: number, system: number): void {
  target.writeUInt32BE(HEADER + S1F2_TEXT.length, offset);
  target.writeUInt16BE(0, offset + 4);
  target[offset + 6] = 1;
  target[offset + 7] = 2;
  target[offset + 8] = 0;
  target[offset + 9] = 0;
  target.writeUInt32BE(system >>> 0, offset + 10);
  S1F2_TEXT.copy(target, offset + LENGTH_FIELD + HEADER);
}

/** Writes a header-only control message (session 0xffff, status 0) with `sType` and `system` at `offset`. */
function writeControl(target: Buffer, offset: number, sType: number, system: number): void {
  target.writeUInt32BE(HEADER, offset);
  target.writeUInt16BE(0xffff, offset + 4);
  target[offset + 6] = 0;
  target[offset + 7] = 0;
  target[offset + 8] = 0;
  target[offset + 9] = sType;
  target.writeUInt32BE(system >>> 0, offset + 10);
}

/**
 * Cuts a byte stream into frames and calls `onFrame(bytes, headerOffset, textLength)` for each.
 * The bytes handed in may be a reused buffer (onread), so the tail of a frame split across reads
 * is copied; whole frames are read in place.
 */
export class BareFrameReader {
  private carry: Buffer | undefined;

  constructor(private readonly onFrame: (bytes: Buffer, headerOffset: number, textLength: number) => void) {}

  push(bytes: Buffer, length: number): void {
    let buffer = bytes;
    let end = length;
    if (this.carry) {
      buffer = Buffer.concat([this.carry, bytes.subarray(0, length)]);
      end = buffer.length;
      this.carry = undefined;
    }
    let at = 0;
    while (end - at >= LENGTH_FIELD) {
      const frameLength = buffer.readUInt32BE(at);
      if (frameLength < HEADER) throw new Error(`bare pair: frame length ${frameLength} is below 10`);
      if (end - at < LENGTH_FIELD + frameLength) break;
      this.onFrame(buffer, at + LENGTH_FIELD, frameLength - HEADER);
      at += LENGTH_FIELD + frameLength;
    }
    if (at < end) this.carry = Buffer.from(buffer.subarray(at, end));
  }
}

/** The bare equipment: answers every S1F1 W with S1F2 (same system bytes); the answers to one chunk leave in one write. */
export function serveBareEquipment(socket: Socket): void {
  socket.setNoDelay(true);
  let out: Buffer | undefined;
  let outAt = 0;
  const reader = new BareFrameReader((buffer, h) => {
    const sType = buffer[h + 5]!;
    if (sType === STYPE_DATA) {
      if ((buffer[h + 2]! & 0x80) === 0) return;
      writeS1F2(out!, outAt, buffer.readUInt32BE(h + 6));
      outAt += S1F2_FRAME;
    } else if (sType === STYPE_SELECT_REQ || sType === STYPE_LINKTEST_REQ) {
      // a library host selects first and may probe an idle link: the minimum E37 answers
      writeControl(out!, outAt, sType + 1, buffer.readUInt32BE(h + 6));
      outAt += CONTROL_FRAME;
    }
  });
  socket.on('data', (chunk: Buffer) => {
    // At most one reply per 14 bytes received (an S1F1 is 14 bytes), plus one for a carried frame.
    out = Buffer.allocUnsafe((Math.floor(chunk.length / S1F1_FRAME) + 1) * S1F2_FRAME);
    outAt = 0;
    reader.push(chunk, chunk.length);
    if (outAt > 0 && !socket.destroyed) socket.write(outAt === out.length ? out : out.subarray(0, outAt));
    out = undefined;
  });
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

/** The bare host: sends S1F1 W and counts S1F2 replies; callbacks only, one Promise per run. */
export class BareHost {
  private system = 0;
  /** System bytes of the requests to send at the end of this chunk (or on the next tick). */
  private queued: number[] = [];
  private parsing = false;
  private scheduled = false;
  private onReply: (() => void) | undefined;
  private readonly flushSoon = (): void => {
    this.scheduled = false;
    this.flush();
  };

  private constructor(private readonly socket: Socket) {}

  /** Connects and selects (Select.req: a library equipment rejects data until then). */
  static connect(port: number): Promise<BareHost> {
    let host: BareHost | undefined;
    let selected: (() => void) | undefined;
    const reader = new BareFrameReader((buffer, h, textLength) => {
      const sType = buffer[h + 5]!;
      if (sType === STYPE_DATA) {
        if (buffer[h + 3] !== 2 || textLength !== S1F2_TEXT.length) throw new Error('bare pair: expected S1F2');
        host!.onReply?.();
      } else if (sType === STYPE_SELECT_RSP) {
        if (buffer[h + 3] !== 0) throw new Error(`bare pair: Select.rsp status ${buffer[h + 3]}`);
        selected?.();
      } else if (sType === STYPE_LINKTEST_REQ) {
        host!.sendControl(sType + 1, buffer.readUInt32BE(h + 6));
      }
    });
    const socket = connect({
      host: '127.0.0.1',
      port,
      onread: {
        buffer: Buffer.allocUnsafe(READ_BUFFER),
        callback: (length: number, buffer: Buffer): boolean => {
          host!.parsing = true;
          reader.push(buffer, length);
          host!.parsing = false;
          host!.flush();
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    host = new BareHost(socket);
    return new Promise((resolve, reject) => {
      selected = () => {
        selected = undefined;
        resolve(host!);
      };
      socket.once('connect', () => host!.sendControl(STYPE_SELECT_REQ, 0x5e1ec7)).once('error', reject);
    });
  }

  /** A control message, written at once (rare: select, linktest answers). */
  private sendControl(sType: number, system: number): void {
    const frame = Buffer.allocUnsafe(CONTROL_FRAME);
    writeControl(frame, 0, sType, system);
    this.socket.write(frame);
  }

  /** Keeps `depth` requests outstanding until `ms` have passed, then waits for the last replies; resolves with the count. */
  run(depth: number, ms: number): Promise<number> {
    return new Promise((resolve) => {
      const window = new RunWindow(ms);
      let replies = 0;
      let outstanding = 0;
      this.onReply = () => {
        replies++;
        outstanding--;
        if (window.open) {
          outstanding++;
          this.send();
        } else if (outstanding === 0) {
          this.onReply = undefined;
          window.close();
          resolve(replies);
        }
      };
      for (let i = 0; i < depth; i++) {
        outstanding++;
        this.send();
      }
    });
  }

  /**
   * For the Promise floor row (bare-promise-side.ts): a function that sends one S1F1 W and returns
   * a Promise of its S1F2, resolved in arrival order (the bare equipment answers in order). The
   * least a Promise API can do per request: one promise, its settle functions, one ring slot.
   */
  promiseRequests(): () => Promise<void> {
    const waiting = new PromiseRing();
    this.onReply = () => waiting.settleOldest();
    return () => {
      const promise = waiting.open();
      this.send();
      return promise;
    };
  }

  private send(): void {
    this.system = (this.system + 1) >>> 0;
    this.queued.push(this.system);
    if (!this.parsing && !this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushSoon);
    }
  }

  private flush(): void {
    const systems = this.queued;
    if (systems.length === 0) return;
    this.queued = [];
    const out = Buffer.allocUnsafe(systems.length * S1F1_FRAME);
    for (let i = 0; i < systems.length; i++) writeS1F1(out, i * S1F1_FRAME, systems[i]!);
    if (!this.socket.destroyed) this.socket.write(out);
  }
}

/** One executor for every ring promise (no closure per request), as the library does. */
let nextSettle: (() => void) | undefined;
function captureSettle(resolve: () => void): void {
  nextSettle = resolve;
}

/** Settle functions of the open requests, oldest first, in a fixed ring (no growth, no Map). */
class PromiseRing {
  private readonly slots: ((() => void) | undefined)[] = new Array<undefined>(1024).fill(undefined);
  private head = 0;
  private count = 0;

  open(): Promise<void> {
    if (this.count === this.slots.length) throw new Error('bare pair: more than 1024 requests in flight');
    const promise = new Promise<void>(captureSettle);
    this.slots[(this.head + this.count++) % this.slots.length] = nextSettle;
    nextSettle = undefined;
    return promise;
  }

  settleOldest(): void {
    if (this.count === 0) throw new Error('bare pair: a reply to no request');
    const settle = this.slots[this.head]!;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
    settle();
  }
}
