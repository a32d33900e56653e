// Drives an action at a steady rate over a list of targets: every tick it runs as many actions as
// the rate owes since the last tick, round-robin over the targets, so load is spread evenly in
// time instead of arriving in one burst per second.

export class SteadyRate<T> {
  private timer: NodeJS.Timeout | undefined;
  private owed = 0;
  private next = 0;
  private last = 0;

  /** `perSecond`: actions per second over all targets; `action` runs for one target. */
  constructor(
    private readonly targets: () => readonly T[],
    private readonly perSecond: number,
    private readonly action: (target: T) => void,
    private readonly tickMs = 10,
  ) {}

  start(): void {
    if (this.timer || this.perSecond <= 0) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.owed = 0;
  }

  private tick(): void {
    const now = performance.now();
    // at most one second owed (one action for rates under 1/s): after a stall the rate resumes instead of bursting to catch up
    this.owed = Math.min(Math.max(1, this.perSecond), this.owed + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    const targets = this.targets();
    if (targets.length === 0) return;
    for (; this.owed >= 1; this.owed--) this.action(targets[this.next++ % targets.length]!);
  }
}
