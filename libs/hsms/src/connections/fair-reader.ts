import type { Socket } from 'node:net';

/**
 * Packets one connection hands up before its socket waits for the next event-loop turn. Node reads a busy socket up to 32 x 64 KiB per turn: a peer flooding tiny packets (S9,
 * Reject.req, unknown STypes: 14-26 bytes each) would otherwise hold the loop for a hundred
 * thousand packets per turn while every other peer's data waits behind it.
 */
export const PACKETS_PER_TURN = 512;

/** Chunks are decoded in slices of this size, so the budget is checked within a 64 KiB chunk too. */
export const READ_SLICE = 16 * 1024;

/**
 * Feeds one socket's chunks to the decoder, a slice at a time, and yields the loop after every
 * PACKETS_PER_TURN packets handed up: the socket is paused and the rest of the chunk waits for the
 * next turn (setImmediate), so other connections' data of this turn is handled first. Order is
 * kept: nothing new is read while a rest waits. The count is not reset per turn (that would cost
 * a timer every turn); a trickling peer just yields once per PACKETS_PER_TURN packets, for nothing.
 * A large message is few packets, so it hardly ever pauses.
 */
export class FairReader {
  private spent = 0;
  private rest: Buffer | undefined;
  private waiting = false;
  private readonly next = (): void => this.continueTurn();

  /**
   * `decode` takes one slice and returns false once the connection is gone (stop feeding); its
   * `borrowed` flag says the slice's memory is reused after the call (an onread buffer).
   */
  constructor(
    private readonly socket: Socket,
    private readonly decode: (slice: Buffer, borrowed: boolean) => boolean,
  ) {}

  /** Counts one packet handed up. */
  spend(): void {
    this.spent++;
  }

  /**
   * A chunk from the socket's 'data' event (or the rest of one, a turn later). `borrowed`: the
   * chunk's memory is reused once this returns (an onread buffer), so a rest kept for the next
   * turn is copied.
   */
  take(chunk: Buffer, borrowed: boolean): void {
    let at = 0;
    while (at < chunk.length) {
      const end = Math.min(chunk.length, at + READ_SLICE);
      if (!this.decode(at === 0 && end === chunk.length ? chunk : chunk.subarray(at, end), borrowed)) return;
      at = end;
      if (this.spent >= PACKETS_PER_TURN) {
        const rest = at < chunk.length ? chunk.subarray(at) : undefined;
        return this.waitForNextTurn(rest !== undefined && borrowed ? Buffer.from(rest) : rest);
      }
    }
  }

  private waitForNextTurn(rest: Buffer | undefined): void {
    this.rest = rest;
    if (this.waiting) return;
    this.waiting = true;
    this.socket.pause(); // at most one more chunk is buffered by the socket, then TCP pushes back
    setImmediate(this.next);
  }

  private continueTurn(): void {
    this.waiting = false;
    this.spent = 0;
    const rest = this.rest;
    this.rest = undefined;
    if (rest) {
      this.take(rest, false); // a copy, or a 'data' chunk: ours to keep
      if (this.waiting) return;
    }
    // resumed even after the connection closed: its close waits for the peer's FIN, which a paused socket never reads
    if (!this.socket.destroyed) this.socket.resume();
  }
}
