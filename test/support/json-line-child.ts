// A Node script run as a separate process that reports one JSON object per stdout line. Every
// wait is bounded; kill() is SIGKILL, bounded too. The test peers (hsms-child-peer.mjs,
// flood-peer.mjs) are built on it.
import { type ChildProcess, spawn } from 'node:child_process';
import { withTimeout } from './raw-peer.js';

export class JsonLineChild<R> {
  readonly reports: R[] = [];
  readonly child: ChildProcess;
  private listeners: Array<(report: R) => void> = [];
  private readonly exited: Promise<void>;

  /** Starts `script` with `args`; `label` names it in timeout errors. */
  constructor(
    script: string,
    args: string[],
    private readonly label: string,
  ) {
    this.child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let partial = '';
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) this.onReport(JSON.parse(line) as R);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** Resolves with the first report (past or future) matching `predicate`; bounded by `timeoutMs`. */
  waitFor(predicate: (report: R) => boolean, timeoutMs: number): Promise<R> {
    const found = this.reports.find(predicate);
    if (found) return Promise.resolve(found);
    let listener: ((report: R) => void) | undefined;
    const waiting = new Promise<R>((resolve) => {
      listener = (report: R): void => {
        if (predicate(report)) resolve(report);
      };
      this.listeners.push(listener);
    });
    return withTimeout(waiting, timeoutMs, `${this.label}: no matching report within ${timeoutMs} ms`).finally(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  }

  /** SIGKILL unless it already exited: the process dies without closing anything itself. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await withTimeout(this.exited, 5000, `${this.label} did not exit after SIGKILL`);
  }

  private onReport(report: R): void {
    this.reports.push(report);
    for (const listener of [...this.listeners]) listener(report);
  }
}
