// Runs test/support/hsms-child-peer.mjs as a separate process and reads its JSON-line reports.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './raw-peer.js';

const SCRIPT = fileURLToPath(new URL('./hsms-child-peer.mjs', import.meta.url));

interface Report {
  port?: number;
  received?: string;
}

export class ChildPeerProcess {
  readonly reports: Report[] = [];
  private listeners: Array<(report: Report) => void> = [];
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) this.onReport(JSON.parse(line) as Report);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a peer process listening on 127.0.0.1:port (0: a free port); resolves once it listens. */
  static async start(port = 0): Promise<{ peer: ChildPeerProcess; port: number }> {
    const peer = new ChildPeerProcess(spawn(process.execPath, [SCRIPT, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const report = await peer.waitFor((r) => r.port !== undefined, 10_000);
    return { peer, port: report.port! };
  }

  /** Resolves with the first report (past or future) matching `predicate`; bounded by `timeoutMs`. */
  waitFor(predicate: (report: Report) => boolean, timeoutMs = 4000): Promise<Report> {
    const found = this.reports.find(predicate);
    if (found) return Promise.resolve(found);
    const waiting = new Promise<Report>((resolve) => {
      const listener = (report: Report): void => {
        if (!predicate(report)) return;
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(report);
      };
      this.listeners.push(listener);
    });
    return withTimeout(waiting, timeoutMs, `child peer: no matching report within ${timeoutMs} ms`);
  }

  /** SIGKILL: the process dies without closing anything itself; resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await withTimeout(this.exited, 5000, 'child peer did not exit after SIGKILL');
  }

  private onReport(report: Report): void {
    this.reports.push(report);
    for (const listener of [...this.listeners]) listener(report);
  }
}
