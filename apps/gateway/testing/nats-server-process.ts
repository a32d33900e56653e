// A real nats-server with JetStream for tests, drills and benchmarks: a temporary store directory,
// a free loopback port picked by the server itself (-p -1), stopped (and its store removed) by
// stop(). Every wait is bounded.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** nats-server is not installed: the tests cannot run without it. */
export class NatsServerMissingError extends Error {
  constructor(detail: string) {
    super(
      `nats-server (>= 2.9, with JetStream) is not on PATH (${detail}). Install it: apt-get install -y nats-server ` +
        '(Debian/Ubuntu; .ci/run does this), or put a nats-server binary from https://github.com/nats-io/nats-server/releases on PATH.',
    );
    this.name = 'NatsServerMissingError';
  }
}

export interface NatsServerOptions {
  /** Store directory; default a new temporary one (removed by stop()). Pass the old one to restart on the same store. */
  storeDir?: string;
  /** Port; default one the server picks. Pass the old one to restart at the same address. */
  port?: number;
  /** How long to wait for "Server is ready" (ms). Default 10,000. */
  startTimeoutMs?: number;
}

export class NatsServerProcess {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly storeDir: string,
    private readonly ownsStore: boolean,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  /** Throws NatsServerMissingError when the binary is not there. */
  static assertInstalled(): string {
    try {
      return execFileSync('nats-server', ['--version'], { encoding: 'utf8', timeout: 5_000 }).trim();
    } catch (error) {
      throw new NatsServerMissingError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  }

  static async start(options: NatsServerOptions = {}): Promise<NatsServerProcess> {
    NatsServerProcess.assertInstalled();
    const ownsStore = options.storeDir === undefined;
    const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'nats-store-'));
    const args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(options.port ?? -1)];
    const child = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const timeoutMs = options.startTimeoutMs ?? 10_000;
    let log = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`nats-server did not get ready within ${timeoutMs} ms:\n${log}`)), timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      child.once('error', (error) => fail(new NatsServerMissingError(error.message)));
      child.once('exit', (code) => fail(new Error(`nats-server exited (code ${String(code)}) before it was ready:\n${log}`)));
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (text: string) => {
        if (log.length < 20_000) log += text;
        const listening = /Listening for client connections on [\d.]+:(\d+)/.exec(log);
        if (listening && log.includes('Server is ready')) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(Number(listening[1]));
        }
      });
    });
    child.stderr!.removeAllListeners('data');
    child.stderr!.resume(); // keep draining its log so it never blocks on a full pipe
    return new NatsServerProcess(child, port, storeDir, ownsStore);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM (a clean shutdown that keeps the store), SIGKILL after `graceMs`. */
  async terminate(graceMs = 5_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes the temporary store it created. Idempotent. */
  async stop(): Promise<void> {
    await this.terminate();
    if (this.ownsStore) rmSync(this.storeDir, { recursive: true, force: true });
  }
}
