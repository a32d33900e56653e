// Drives fuzz cases at a live multi-passive endpoint over real sockets (test/fuzz-*.spec.ts and
// bench/fuzz.ts): each case is a fresh connection from the next of a ring of loopback addresses,
// an optional valid select, the bad bytes in separate writes, then a barrier (Linktest.req: our
// answers leave in order, so whatever the frame got came before its Linktest.rsp) or, when the
// frame must end the link, a bounded wait for the close. No vitest here.
import type { HsmsManagerOptions } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../../libs/hsms/src/hsms/hsms-handler.events.js';
import { HsmsPacket } from '../../libs/hsms/src/protocol/hsms/hsms-packet.js';
import { SType } from '../../libs/hsms/src/protocol/hsms/s-type.js';
import { FUZZ_SYSTEM_LIMIT, splitAt } from './fuzz-frames.js';
import type { FuzzOutcome } from './fuzz-oracle.js';
import { reachState, requestSelect } from './hsms-test-kit.js';
import type { LiveEquipment, LivePeer } from './live-equipment.js';
import { RawPeer } from './raw-peer.js';

/** The fuzz peers' own options: a short T8 (a cut-off frame closes fast) and a small maximum message length. */
export interface FuzzPeerTimers {
  t8: number;
  maxMessageLength: number;
}

/**
 * Manager options for a fuzzed endpoint: the listener's connect-rate limit (a security feature with
 * its own tests) off, since every fuzz case is a new connection and a ring of a few dozen
 * addresses reconnects many times a second.
 */
export const FUZZ_MANAGER_OPTIONS: HsmsManagerOptions = { connectRateLimit: false };

/** `count` fuzz peers at 127.0.0.<first>, 127.0.0.<first+1>, ... (names 'fuzz-<n>'). */
export function fuzzPeers(count: number, first: number, options: FuzzPeerTimers): LivePeer[] {
  return Array.from({ length: count }, (_, i) => ({ name: `fuzz-${first + i}`, address: `127.0.0.${first + i}`, options }));
}

export interface FuzzCounts {
  cases: number;
  answered: number;
  closed: number;
  /** Packets our endpoint sent back, over all cases (barrier answers excluded). */
  answers: number;
}

export class FuzzTarget {
  readonly counts: FuzzCounts = { cases: 0, answered: 0, closed: 0, answers: 0 };
  private next = 0;
  /** Peers whose case is running: concurrent runs never share an address (the server would refuse the second). */
  private readonly busy = new Set<LivePeer>();
  private barrier = FUZZ_SYSTEM_LIMIT;

  /** `closeWithinMs` bounds every wait: the T8 of the fuzz peers plus slack for a loaded machine. */
  constructor(
    private readonly live: LiveEquipment,
    private readonly peers: readonly LivePeer[],
    private readonly closeWithinMs: number,
  ) {}

  /**
   * Sends `bytes` (in pieces cut at `cuts`) after an optional select. `mustClose`: wait for the
   * close instead of sending the barrier (which a cut-off frame would swallow). Otherwise the
   * barrier is sent and the outcome is its answer or a close, whichever comes; neither within the
   * bound throws.
   */
  async run(selectFirst: boolean, bytes: Buffer, cuts: readonly number[], mustClose: boolean): Promise<FuzzOutcome> {
    const peerInfo = this.lease();
    try {
      return await this.runAs(peerInfo, selectFirst, bytes, cuts, mustClose);
    } finally {
      this.busy.delete(peerInfo);
    }
  }

  /** The next peer of the ring that no running case uses. */
  private lease(): LivePeer {
    for (let tried = 0; tried < this.peers.length; tried++) {
      const candidate = this.peers[this.next++ % this.peers.length]!;
      if (this.busy.has(candidate)) continue;
      this.busy.add(candidate);
      return candidate;
    }
    throw new Error(`all ${this.peers.length} fuzz peers are busy: run fewer cases at a time`);
  }

  private async runAs(
    peerInfo: LivePeer,
    selectFirst: boolean,
    bytes: Buffer,
    cuts: readonly number[],
    mustClose: boolean,
  ): Promise<FuzzOutcome> {
    // The address's previous connection may still be closing on our side; this waits until it is gone.
    await reachState(this.live.equipment(peerInfo.name), HsmsState.NotConnected, this.closeWithinMs);
    const peer = await RawPeer.connect(this.live.port, { localAddress: peerInfo.address });
    try {
      if (selectFirst) await requestSelect(peer, 1);
      const before = peer.received.length;
      for (const piece of splitAt(bytes, cuts)) {
        peer.sendRaw(piece);
        await new Promise((resolve) => setImmediate(resolve)); // separate writes, so separate reads on our side
      }
      const outcome = mustClose ? await this.closeOf(peer, before) : await this.barrierOrClose(peer, before);
      this.count(outcome);
      return outcome;
    } finally {
      peer.destroy();
    }
  }

  private async closeOf(peer: RawPeer, before: number): Promise<FuzzOutcome> {
    await peer.waitForClose(this.closeWithinMs).catch(() => undefined);
    return { closed: peer.isClosed, answers: peer.received.slice(before) };
  }

  private async barrierOrClose(peer: RawPeer, before: number): Promise<FuzzOutcome> {
    const system = this.barrier;
    this.barrier = this.barrier >= 0xffff_fff0 ? FUZZ_SYSTEM_LIMIT : this.barrier + 1;
    peer.send(HsmsPacket.linktestReq(system));
    try {
      const rsp = await peer.waitFor((p) => p.sType === SType.LinktestRsp && p.system === system, this.closeWithinMs);
      return { closed: false, answers: peer.received.slice(before, peer.received.indexOf(rsp)) };
    } catch (error) {
      if (!peer.isClosed) throw new Error(`neither answered the barrier nor closed within ${this.closeWithinMs} ms`, { cause: error });
      return { closed: true, answers: peer.received.slice(before) };
    }
  }

  private count(outcome: FuzzOutcome): void {
    this.counts.cases++;
    this.counts.answers += outcome.answers.length;
    if (outcome.closed) this.counts.closed++;
    else this.counts.answered++;
  }
}
