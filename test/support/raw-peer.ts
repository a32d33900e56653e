// A raw-socket HSMS peer for tests: it speaks bytes, not protocol, so a test can send exactly what
// it wants (half frames, bad lengths, control messages at the wrong time) and look at exactly what
// came back. Real TCP sockets on loopback only; every wait is bounded by a timeout.
//
//   const server = await RawPeer.listen();                  // 127.0.0.1, a free port
//   const conn = new HsmsActiveConnection('127.0.0.1', server.port, 0, delegate, { t5: 0.05 });
//   conn.enable();
//   const peer = await server.nextPeer();                   // the socket our connection opened
//   peer.send(HsmsPacket.selectReq(1));
//   const rsp = await peer.waitFor((p) => p.sType === SType.SelectRsp);
//
//   const peer = await RawPeer.connect(port, { localAddress: '127.0.0.2' });  // as a distinct peer
//   peer.sendRaw(Buffer.from([0, 0, 0, 4]));               // a malformed length
//   await peer.waitForClose();
import { connect, createServer, type Server, type Socket } from 'node:net';
import { FrameDecoder } from '../../libs/hsms/src/protocol/hsms/frame-decoder.js';
import type { HsmsPacket } from '../../libs/hsms/src/protocol/hsms/hsms-packet.js';

export const LOOPBACK = '127.0.0.1';
const DEFAULT_WAIT_MS = 2000;

export interface RawPeerConnectOptions {
  /** Address to connect to. Default 127.0.0.1. Keep it on loopback. */
  host?: string;
  /** Address to connect from, to look like another host (127.0.0.2, 127.0.0.3, ...). */
  localAddress?: string;
  /** Bound on the connect itself. Default 2000 ms. */
  timeoutMs?: number;
  /** Keep our side open after the other side's FIN, as a peer that vanished would. Default false. */
  allowHalfOpen?: boolean;
}

export interface RawPeerListenOptions {
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a free one, read back from `port`). */
  port?: number;
  /** As in RawPeerConnectOptions, for every accepted socket. */
  allowHalfOpen?: boolean;
}

interface PacketWaiter {
  predicate: (packet: HsmsPacket) => boolean;
  resolve: (packet: HsmsPacket) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One end of a TCP connection that records every HSMS packet it receives. */
export class RawPeer {
  /** Every packet received, in order (waitFor does not remove them from here). */
  readonly received: HsmsPacket[] = [];
  /** Set when the incoming bytes were not valid framing; the peer stops decoding then. */
  decodeError: Error | undefined;
  /** performance.now() when the socket closed, once it has. */
  closedAt: number | undefined;
  private readonly decoder = new FrameDecoder({ maxMessageLength: 0xffffffff });
  private unclaimed: HsmsPacket[] = [];
  private waiters: PacketWaiter[] = [];
  private readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('error', () => {}); // resets are part of what tests provoke; 'close' follows
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.closedAt = performance.now();
        this.failWaiters(new Error('raw peer socket closed'));
        resolve();
      }),
    );
  }

  /** Connects to `port` on loopback. */
  static connect(port: number, options: RawPeerConnectOptions = {}): Promise<RawPeer> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return new Promise((resolve, reject) => {
      const socket = connect({
        host: options.host ?? LOOPBACK,
        port,
        localAddress: options.localAddress,
        allowHalfOpen: options.allowHalfOpen,
      });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`raw peer: no connection to port ${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RawPeer(socket));
      });
    });
  }

  /** Listens on loopback; resolves once the port is known. */
  static listen(options: RawPeerListenOptions = {}): Promise<RawPeerServer> {
    return RawPeerServer.start(options);
  }

  get isClosed(): boolean {
    return this.closedAt !== undefined;
  }

  send(packet: HsmsPacket): void {
    this.socket.write(packet.encode());
  }

  /** Writes bytes as they are: partial frames, bad lengths, several frames at once. */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /**
   * Resolves with the first received packet matching `predicate` that no earlier waitFor returned
   * (packets that arrived before the call count). Rejects after `timeoutMs` or when the socket closes.
   */
  waitFor(predicate: (packet: HsmsPacket) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<HsmsPacket> {
    const index = this.unclaimed.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.unclaimed.splice(index, 1)[0]!);
    if (this.isClosed) return Promise.reject(new Error('raw peer socket closed'));
    return new Promise((resolve, reject) => {
      const waiter: PacketWaiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`raw peer: no matching packet within ${timeoutMs} ms (received ${this.received.length})`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves when the socket has closed; rejects if it is still open after `timeoutMs`. */
  waitForClose(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return withTimeout(this.closed, timeoutMs, `raw peer: socket still open after ${timeoutMs} ms`);
  }

  /** Sends FIN (a polite close). */
  end(): void {
    this.socket.end();
  }

  /** Drops the socket at once. */
  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.decodeError) return;
    try {
      this.decoder.pushEach(chunk, (packet) => this.onPacket(packet));
    } catch (error) {
      this.decodeError = error as Error;
    }
  }

  private onPacket(packet: HsmsPacket): void {
    this.received.push(packet);
    const waiter = this.waiters.find((w) => w.predicate(packet));
    if (!waiter) {
      this.unclaimed.push(packet);
      return;
    }
    this.waiters = this.waiters.filter((w) => w !== waiter);
    clearTimeout(waiter.timer);
    waiter.resolve(packet);
  }

  private failWaiters(error: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters = [];
  }
}

/** A loopback listener whose accepted sockets become RawPeers. */
export class RawPeerServer {
  /** Every accepted peer, in order. */
  readonly accepted: RawPeer[] = [];
  /** performance.now() of each accept, in order (to measure reconnect spacing such as T5). */
  readonly acceptTimes: number[] = [];
  private claimed = 0;
  private arrivals: Array<() => void> = [];

  private constructor(
    readonly server: Server,
    readonly port: number,
  ) {}

  static start(options: RawPeerListenOptions = {}): Promise<RawPeerServer> {
    return new Promise((resolve, reject) => {
      const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false });
      server.once('error', reject);
      server.listen({ host: options.host ?? LOOPBACK, port: options.port ?? 0 }, () => {
        const address = server.address();
        const peerServer = new RawPeerServer(server, typeof address === 'object' && address ? address.port : 0);
        server.on('connection', (socket) => peerServer.onConnection(socket));
        resolve(peerServer);
      });
    });
  }

  /** Resolves with the next accepted peer not yet returned by nextPeer (earlier arrivals count). */
  async nextPeer(timeoutMs = DEFAULT_WAIT_MS): Promise<RawPeer> {
    const deadline = performance.now() + timeoutMs;
    while (this.accepted.length <= this.claimed) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`raw peer server: no connection on port ${this.port} within ${timeoutMs} ms`);
      await withTimeout(new Promise<void>((resolve) => this.arrivals.push(resolve)), left, '').catch(() => undefined);
    }
    return this.accepted[this.claimed++]!;
  }

  /** Drops every accepted socket and stops listening. */
  async close(): Promise<void> {
    for (const peer of this.accepted) peer.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: Socket): void {
    this.acceptTimes.push(performance.now());
    this.accepted.push(new RawPeer(socket));
    const arrivals = this.arrivals;
    this.arrivals = [];
    for (const wake of arrivals) wake();
  }
}

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
