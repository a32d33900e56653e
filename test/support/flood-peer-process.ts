// Runs test/support/flood-peer.mjs as a separate process (so its flood does not share our event
// loop) and reads its JSON-line reports. Every wait is bounded; kill() is SIGKILL with a bound.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './raw-peer.js';

const SCRIPT = fileURLToPath(new URL('./flood-peer.mjs', import.meta.url));

/** What the flooder sends; see flood-peer.mjs for the answer each kind gets. */
export type FloodKind = 'unknown-stype' | 'ptype' | 'reject' | 's9' | 'linktest';

export interface FloodConfig {
  port: number;
  /** Loopback address to connect from (the peer address the server knows). */
  localAddress: string;
  kind: FloodKind;
  /** Packets to send at most. */
  count: number;
  /** Longest time to flood (ms). */
  maxMs: number;
  /** false: never read our answers (the socket is paused after the select). Default true. */
  read?: boolean;
}

export interface FloodReport {
  selected?: boolean;
  done?: boolean;
  sent?: number;
  received?: number;
  ms?: number;
  error?: string;
}

export class FloodPeerProcess {
  readonly reports: FloodReport[] = [];
  private listeners: Array<(report: FloodReport) => void> = [];
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) this.onReport(JSON.parse(line) as FloodReport);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a flooder; resolves once it is SELECTED (it floods from then on). */
  static async start(config: FloodConfig, timeoutMs = 10_000): Promise<FloodPeerProcess> {
    const peer = new FloodPeerProcess(spawn(process.execPath, [SCRIPT, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    try {
      await peer.waitFor((r) => r.selected === true || r.error !== undefined, timeoutMs);
    } catch (error) {
      await peer.kill();
      throw error;
    }
    const failed = peer.reports.find((r) => r.error !== undefined);
    if (failed) throw new Error(`flood peer failed to start: ${failed.error}`);
    return peer;
  }

  /** Resolves with the final report once the flood is over. */
  async done(timeoutMs: number): Promise<FloodReport> {
    return this.waitFor((r) => r.done === true, timeoutMs);
  }

  /** Resolves with the first report (past or future) matching `predicate`; bounded by `timeoutMs`. */
  waitFor(predicate: (report: FloodReport) => boolean, timeoutMs: number): Promise<FloodReport> {
    const found = this.reports.find(predicate);
    if (found) return Promise.resolve(found);
    let listener: ((report: FloodReport) => void) | undefined;
    const waiting = new Promise<FloodReport>((resolve) => {
      listener = (report: FloodReport): void => {
        if (predicate(report)) resolve(report);
      };
      this.listeners.push(listener);
    });
    return withTimeout(waiting, timeoutMs, `flood peer: no matching report within ${timeoutMs} ms`).finally(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  }

  /** SIGKILL unless it already exited; resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await withTimeout(this.exited, 5000, 'flood peer did not exit after SIGKILL');
  }

  private onReport(report: FloodReport): void {
    this.reports.push(report);
    for (const listener of [...this.listeners]) listener(report);
  }
}
