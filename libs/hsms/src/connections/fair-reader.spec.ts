import { afterEach, describe, expect, it } from 'vitest';
import { RawPeer, withTimeout } from '../../../../test/support/raw-peer.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PACKETS_PER_TURN, READ_SLICE } from './fair-reader.js';
import type { HsmsConnection } from './hsms-connection.js';
import type { HsmsConnectionDelegate } from './hsms-connection-delegate.js';
import { HsmsMultiPassiveServer } from './hsms-multi-passive-server.js';

const FRAME = 14; // a control message: length field + header
const SLICE_PACKETS = Math.ceil(READ_SLICE / FRAME);

let server: HsmsMultiPassiveServer | undefined;
const peers: RawPeer[] = [];
let turnClock: LoopTurnClock | undefined;

afterEach(async () => {
  turnClock?.stop();
  for (const peer of peers.splice(0)) peer.destroy();
  await server?.stop();
  server = turnClock = undefined;
});

/** Counts event-loop turns on its own (one setImmediate per turn), independent of the code under test. */
class LoopTurnClock {
  turn = 0;
  private running = true;
  constructor() {
    const tick = (): void => {
      this.turn++;
      if (this.running) setImmediate(tick);
    };
    setImmediate(tick);
  }
  stop(): void {
    this.running = false;
  }
}

interface Delivery {
  from: string;
  system: number;
  turn: number;
}

/** What the connections handed up, and a bounded wait for the n-th packet (resolved by the delegate, not by polling). */
class Deliveries {
  readonly list: Delivery[] = [];
  private waiter: { count: number; resolve: () => void } | undefined;

  add(delivery: Delivery): void {
    this.list.push(delivery);
    if (this.waiter && this.list.length >= this.waiter.count) this.waiter.resolve();
  }

  until(count: number, timeoutMs = 5000): Promise<void> {
    if (this.list.length >= count) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => (this.waiter = { count, resolve })),
      timeoutMs,
      `fewer than ${count} packets within ${timeoutMs} ms`,
    );
  }
}

/** A multi-passive server with one connection per address, recording each delivered packet with its loop turn. */
async function serverFor(
  addresses: string[],
  clock: LoopTurnClock,
): Promise<{ port: number; deliveries: Deliveries; connections: HsmsConnection[] }> {
  const deliveries = new Deliveries();
  server = new HsmsMultiPassiveServer(0, { bindAddress: '127.0.0.1', t8: 3 });
  const connections = addresses.map((address) => {
    const delegate: HsmsConnectionDelegate<HsmsConnection> = {
      onConnectionPacketReceived: (_c, packet) => deliveries.add({ from: address, system: packet.system, turn: clock.turn }),
    };
    const connection = server!.createConnection(address, 0, 0, delegate);
    connection.enable();
    return connection;
  });
  return { port: await server.start(), deliveries, connections };
}

async function rawPeerFrom(port: number, localAddress: string): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress });
  peers.push(peer);
  return peer;
}

/** `count` Linktest.req frames with systems start, start+1, ... in one buffer. */
function linktestFlood(count: number, start = 0): Buffer {
  return Buffer.concat(Array.from({ length: count }, (_, i) => HsmsPacket.linktestReq(start + i).encode()));
}

describe('FairReader: a per-turn packet budget per connection', () => {
  it('hands up at most the budget plus one slice of packets per loop turn from a flooding peer, all of them in order', async () => {
    turnClock = new LoopTurnClock();
    const { port, deliveries } = await serverFor(['127.0.0.2'], turnClock);
    const flooder = await rawPeerFrom(port, '127.0.0.2');
    const total = 20_000;
    flooder.sendRaw(linktestFlood(total));
    await deliveries.until(total);

    expect(deliveries.list.map((d) => d.system)).toEqual(Array.from({ length: total }, (_, i) => i));
    const perTurn = new Map<number, number>();
    for (const d of deliveries.list) perTurn.set(d.turn, (perTurn.get(d.turn) ?? 0) + 1);
    // One Node read is 64 KiB = 4681 of these frames; without the budget a turn takes several reads.
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(PACKETS_PER_TURN - 1 + SLICE_PACKETS);
    expect(perTurn.size).toBeGreaterThanOrEqual(Math.ceil(total / (PACKETS_PER_TURN + SLICE_PACKETS)));
  });

  it("handles another peer's packet after at most a few turns' budget of a flood that is still being read", async () => {
    turnClock = new LoopTurnClock();
    const { port, deliveries, connections } = await serverFor(['127.0.0.2', '127.0.0.3'], turnClock);
    const flooder = await rawPeerFrom(port, '127.0.0.2');
    const other = await rawPeerFrom(port, '127.0.0.3');
    // The other peer sends as soon as the flood is being read: its packet is in the kernel from then on.
    const inner = connections[0]!.delegate!;
    connections[0]!.delegate = {
      onConnectionPacketReceived: (c, packet) => {
        if (packet.system === 0) other.send(HsmsPacket.linktestReq(0xfeed));
        inner.onConnectionPacketReceived!(c, packet);
      },
    };
    const total = 40_000;
    flooder.sendRaw(linktestFlood(total));
    await deliveries.until(total + 1);
    const position = deliveries.list.findIndex((d) => d.from === '127.0.0.3');
    // Without the budget Node reads up to 32 x 64 KiB of the flood in that turn (13,000+ packets here) first.
    expect(position).toBeLessThan(3 * (PACKETS_PER_TURN + SLICE_PACKETS));
  });

  it('keeps a 1 MiB message intact though its chunks are decoded slice by slice', async () => {
    turnClock = new LoopTurnClock();
    const { port, deliveries, connections } = await serverFor(['127.0.0.2'], turnClock);
    const texts: Buffer[] = [];
    const inner = connections[0]!.delegate!;
    connections[0]!.delegate = {
      onConnectionPacketReceived: (c, packet) => {
        texts.push(packet.data);
        inner.onConnectionPacketReceived!(c, packet);
      },
    };
    const peer = await rawPeerFrom(port, '127.0.0.2');
    const text = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < text.length; i++) text[i] = (i * 7) & 0xff;
    peer.sendRaw(Buffer.concat([HsmsPacket.dataMessage(0, 6, 11, false, 1, text).encode(), linktestFlood(3000, 2)]));
    await deliveries.until(3001);
    expect(texts[0]!.equals(text)).toBe(true);
    expect(deliveries.list.map((d) => d.system)).toEqual(Array.from({ length: 3001 }, (_, i) => i + 1));
  });
});
