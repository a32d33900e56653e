import { performance } from 'node:perf_hooks';

/** What the monitor asks of its handler. */
export interface LinktestProbe {
  /** Sends Linktest.req; resolves on Linktest.rsp, rejects when T6 runs out or the link closes. */
  probe(): Promise<unknown>;
  /** Tells whether a probe failure was a T6 expiry (only those count as failures). */
  isTimeout(error: unknown): boolean;
  /** Called once when `failureLimit` probes in a row went unanswered. */
  dead(failures: number): void;
}

/**
 * The periodic linktest of a SELECTED link (not a SEMI timer: design/protocol.md). Only an idle link
 * is probed: "idle" means nothing was received for `periodMs`, because only received bytes prove
 * the peer is alive (a stream of our own sends on a half-dead socket must not hide it). A failed
 * probe is followed by the next one at once, so a dead peer is found after
 * period + failureLimit x T6. Anything received meanwhile clears the failure count.
 */
export class LinktestMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private probing = false;
  private failures = 0;
  private lastReceived = 0;
  /** Bumped by stop(): a probe from an earlier SELECTED period settles into nothing. */
  private generation = 0;

  constructor(
    private readonly periodMs: number,
    private readonly failureLimit: number,
    private readonly target: LinktestProbe,
  ) {}

  /** Starts probing (the link became SELECTED). A period of 0 turns the monitor off. */
  start(): void {
    if (this.running || this.periodMs <= 0) return;
    this.running = true;
    this.failures = 0;
    this.lastReceived = performance.now();
    this.arm(this.periodMs);
  }

  /** Stops probing (deselected or closed); an outstanding probe's result is ignored. */
  stop(): void {
    this.running = false;
    this.probing = false;
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Any received packet: the link is not idle. Cheap, because it runs for every packet. */
  noteReceived(): void {
    if (this.running) this.lastReceived = performance.now();
  }

  private arm(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, delayMs));
  }

  private onTimer(): void {
    this.timer = undefined;
    if (!this.running || this.probing) return;
    const idle = performance.now() - this.lastReceived;
    if (idle < this.periodMs) return this.arm(this.periodMs - idle);
    this.sendProbe();
  }

  private sendProbe(): void {
    this.probing = true;
    const sentAt = performance.now();
    const generation = this.generation;
    this.target.probe().then(
      () => this.settle(generation, true, sentAt),
      (error: unknown) => this.settle(generation, this.target.isTimeout(error) ? false : undefined, sentAt),
    );
  }

  /** ok: answered; false: T6 ran out; undefined: the link closed (the monitor is being stopped). */
  private settle(generation: number, ok: boolean | undefined, sentAt: number): void {
    if (generation !== this.generation || !this.running) return;
    this.probing = false;
    if (ok === undefined) return this.arm(this.periodMs);
    if (ok || this.lastReceived > sentAt) {
      this.failures = 0;
      return this.arm(this.periodMs);
    }
    this.failures++;
    if (this.failures >= this.failureLimit) {
      this.stop();
      this.target.dead(this.failures);
      return;
    }
    this.sendProbe();
  }
}
