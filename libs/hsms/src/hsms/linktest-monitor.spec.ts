import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { LinktestMonitor, type LinktestProbe } from './linktest-monitor.js';

class ProbeTimeout extends Error {}

/** A probe target whose answers the test scripts: 'answer', 'timeout' or 'closed', one per probe. */
class ScriptedTarget implements LinktestProbe {
  readonly probeTimes: number[] = [];
  deadAfter: number | undefined;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private deadWaiters: Array<() => void> = [];

  constructor(
    private readonly answers: Array<'answer' | 'timeout' | 'closed'>,
    private readonly delayMs = 5,
  ) {}

  probe(): Promise<unknown> {
    this.probeTimes.push(performance.now());
    const answer = this.answers[this.probeTimes.length - 1] ?? 'answer';
    this.waiters = this.waiters.filter((w) => {
      if (this.probeTimes.length < w.count) return true;
      w.resolve();
      return false;
    });
    return new Promise((resolve, reject) =>
      setTimeout(
        () => (answer === 'answer' ? resolve(undefined) : reject(answer === 'timeout' ? new ProbeTimeout() : new Error('closed'))),
        this.delayMs,
      ),
    );
  }
  isTimeout(error: unknown): boolean {
    return error instanceof ProbeTimeout;
  }
  dead(failures: number): void {
    this.deadAfter = failures;
    for (const resolve of this.deadWaiters) resolve();
  }
  probes(count: number): Promise<void> {
    if (this.probeTimes.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
  died(): Promise<void> {
    return this.deadAfter !== undefined ? Promise.resolve() : new Promise((resolve) => this.deadWaiters.push(resolve));
  }
}

const monitors: LinktestMonitor[] = [];
function monitor(periodMs: number, limit: number, target: LinktestProbe): LinktestMonitor {
  const m = new LinktestMonitor(periodMs, limit, target);
  monitors.push(m);
  return m;
}
afterEach(() => {
  for (const m of monitors.splice(0)) m.stop();
});

describe('LinktestMonitor', () => {
  it('probes an idle link once per period while probes are answered', async () => {
    const target = new ScriptedTarget([]);
    const started = performance.now();
    monitor(30, 1, target).start();
    await target.probes(3);
    expect(target.probeTimes[0]! - started).toBeGreaterThanOrEqual(29);
    expect(target.probeTimes[2]! - target.probeTimes[1]!).toBeGreaterThanOrEqual(29);
    expect(target.deadAfter).toBeUndefined();
  });

  it('probes only after a full period with nothing received', async () => {
    const target = new ScriptedTarget([]);
    const m = monitor(60, 1, target);
    m.start();
    const feeds: number[] = [performance.now()];
    const feeder = setInterval(() => {
      feeds.push(performance.now());
      m.noteReceived();
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 150));
    clearInterval(feeder);
    await target.probes(1);
    // whatever the scheduler did, each probe came a full period after the last packet before it
    for (const at of target.probeTimes) {
      const lastFeed = Math.max(...feeds.filter((f) => f <= at));
      expect(at - lastFeed).toBeGreaterThanOrEqual(59);
    }
  });

  it('probes within a quarter period more than a full period after the last packet (packets are only counted)', async () => {
    const target = new ScriptedTarget([]);
    const m = monitor(80, 1, target);
    m.start();
    const feeder = setInterval(() => m.noteReceived(), 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    clearInterval(feeder);
    const lastFeed = performance.now();
    await target.probes(1);
    const quiet = target.probeTimes[0]! - lastFeed;
    expect(quiet).toBeGreaterThanOrEqual(79 - 10); // the last feed may have come up to one interval before lastFeed
    expect(quiet).toBeLessThan(80 * 1.25 + 60); // + scheduler slack
  });

  it('declares the link dead after linktestFailures timeouts in a row, probing back to back', async () => {
    const target = new ScriptedTarget(['timeout', 'timeout', 'timeout'], 10);
    monitor(300, 3, target).start();
    await target.died();
    expect(target.deadAfter).toBe(3);
    expect(target.probeTimes).toHaveLength(3);
    // each retry follows the previous probe's timeout (10 ms), not another idle period (300 ms)
    expect(target.probeTimes[2]! - target.probeTimes[0]!).toBeLessThan(250);
  });

  it('clears the failure count when a probe is answered', async () => {
    const target = new ScriptedTarget(['timeout', 'answer', 'timeout', 'answer']);
    monitor(15, 2, target).start();
    await target.probes(5);
    expect(target.deadAfter).toBeUndefined();
  });

  it('ignores a probe that failed because the link closed', async () => {
    const target = new ScriptedTarget(['closed', 'answer']);
    monitor(15, 1, target).start();
    await target.probes(2);
    expect(target.deadAfter).toBeUndefined();
  });

  it('sends nothing once stopped, and nothing at all with period 0', async () => {
    const stopped = new ScriptedTarget([]);
    const m = monitor(20, 1, stopped);
    m.start();
    m.stop();
    const off = new ScriptedTarget([]);
    monitor(0, 1, off).start();
    const control = new ScriptedTarget([]);
    monitor(20, 1, control).start();
    await control.probes(2); // two periods passed for the others too
    expect(stopped.probeTimes).toHaveLength(0);
    expect(off.probeTimes).toHaveLength(0);
  });
});
