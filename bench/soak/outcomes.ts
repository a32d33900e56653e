// Every request of the soak settles exactly once, with a reply or a named error: this counts each
// outcome by name and keeps the ones still open, so "replies lost" is a number, not a guess.

export class Outcomes {
  counts: Record<string, number> = {};
  sent = 0;
  private open = 0;

  /** Tracks one request; its settling is counted under 'reply' or the error's class name. */
  track(request: Promise<unknown>): void {
    this.sent++;
    this.open++;
    request.then(
      () => this.settle('reply'),
      (error: unknown) => this.settle(error instanceof Error ? error.constructor.name : typeof error),
    );
  }

  /** Requests sent and not yet settled. */
  get inFlight(): number {
    return this.open;
  }

  get replies(): number {
    return this.counts['reply'] ?? 0;
  }

  /** Zeroes the counts (not the open requests, which still settle into the new counts). */
  reset(): void {
    this.counts = {};
    this.sent = 0;
  }

  private settle(name: string): void {
    this.open--;
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
}
