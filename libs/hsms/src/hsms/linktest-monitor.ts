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
 * probe is followed by the next one at once, so a dead peer is found within
 * 1.25 x period + failureLimit x T6. Anything received meanwhile clears the failure count.
 *
 * noteReceived() only counts packets: it runs for every packet, and a clock read there cost about
 * 15% of a pipelined message's CPU time (bench/hsms.bench.ts). The timer reads the clock instead,
 * every quarter period at most, and a check that sees new packets counts the link as busy until
 * then. So a probe comes at least a full period after the last packet, and at most a quarter
 * period later than that: detection takes at most 1.25 x period + failureLimit x T6 after the last
 * packet. (The timer used to wait a whole period after start and after each answered probe, so a
 * packet just after that was only seen a period later: 2 x period + T6, issue 11.)
 */
export class LinktestMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private probing = false;
  private failures = 0;
  /** Packets received so far. */
  private received = 0;
  /** `received` at the last check. */
  private receivedAtCheck = 0;
  /** performance.now() by which the last packet had surely arrived (the last check that saw one, or the start). */
  private activeAt = 0;
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
    this.markActive();
    this.arm(this.checkMs); // never wait longer than a quarter period to look: see the class comment
  }

  /** Stops probing (deselected or closed); an outstanding probe's result is ignored. */
  stop(): void {
    this.running = false;
    this.probing = false;
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Any received packet: the link is not idle. Only a count, because it runs for every packet. */
  noteReceived(): void {
    this.received++;
  }

  private get checkMs(): number {
    return this.periodMs / 4;
  }

  /** The link was busy until now. */
  private markActive(): void {
    this.activeAt = performance.now();
    this.receivedAtCheck = this.received;
  }

  private arm(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, delayMs));
  }

  private onTimer(): void {
    this.timer = undefined;
    if (!this.running || this.probing) return;
    if (this.received !== this.receivedAtCheck) this.markActive();
    const idle = performance.now() - this.activeAt;
    if (idle < this.periodMs) return this.arm(Math.min(this.periodMs - idle, this.checkMs));
    this.sendProbe();
  }

  private sendProbe(): void {
    this.probing = true;
    const receivedBefore = this.received;
    const generation = this.generation;
    this.target.probe().then(
      () => this.settle(generation, true, receivedBefore),
      (error: unknown) => this.settle(generation, this.target.isTimeout(error) ? false : undefined, receivedBefore),
    );
  }

  /** ok: answered; false: T6 ran out; undefined: the link closed (the monitor is being stopped). */
  private settle(generation: number, ok: boolean | undefined, receivedBefore: number): void {
    if (generation !== this.generation || !this.running) return;
    this.probing = false;
    if (ok === undefined) return this.arm(this.checkMs);
    if (ok || this.received !== receivedBefore) {
      this.failures = 0;
      this.markActive(); // the answer (or what came meanwhile) just arrived
      return this.arm(this.checkMs);
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
