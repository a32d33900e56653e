// The parent side of the benchmark's IPC: starts a compiled bench/support script as a child node
// process and sends it commands. Every request has a deadline; close() ends the child, by SIGKILL
// if it does not exit on its own within a second.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnswerMessage, CommandMessage } from './child-ipc.js';

interface Waiter {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Extra node flags for every child, e.g. BENCH_CHILD_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
function extraFlags(): string[] {
  return (process.env['BENCH_CHILD_FLAGS'] ?? '').split(' ').filter((f) => f !== '');
}

export class BenchChild {
  private nextId = 1;
  private readonly waiters = new Map<number, Waiter>();
  private readonly exited: Promise<void>;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (answer: AnswerMessage) => this.onAnswer(answer));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        for (const [id, waiter] of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`${label} exited (code ${String(code)}, signal ${String(signal)}) before answering request ${id}`));
        }
        this.waiters.clear();
        resolve();
      });
    });
  }

  /** Starts `script` (a path relative to this file's directory, .js) and waits for its 'started'. */
  static async start(label: string, script: string, args: string[] = [], startTimeoutMs = 10_000): Promise<BenchChild> {
    const path = fileURLToPath(new URL(script, import.meta.url));
    const flags = extraFlags();
    // Profiles named after the process ('ours host.cpuprofile'), so a run's files can be told apart.
    if (flags.includes('--cpu-prof')) flags.push(`--cpu-prof-name=${label.replace(/[^\w.-]+/g, '-')}.cpuprofile`);
    const child = fork(path, args, { execArgv: ['--expose-gc', ...flags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const bench = new BenchChild(label, child);
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
      bench.waiters.set(0, { resolve: () => resolve(), reject, timer });
    });
    try {
      await started;
    } catch (error) {
      await bench.close();
      throw error;
    }
    return bench;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a command and resolves with the child's answer; rejects on its error, its exit, or the deadline. */
  request<T>(cmd: string, args?: unknown, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.child.connected) {
        reject(new Error(`${this.label} is gone; cannot send '${cmd}'`));
        return;
      }
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`${this.label}: no answer to '${cmd}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      this.child.send({ id, cmd, args } satisfies CommandMessage);
    });
  }

  /** Asks the child to exit; kills it if it has not exited after `graceMs`. Idempotent. */
  async close(graceMs = 1000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.child.connected) this.child.send({ id: -1, cmd: 'exit' } satisfies CommandMessage);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
  }

  private onAnswer(answer: AnswerMessage): void {
    const waiter = this.waiters.get(answer.id);
    if (!waiter) return;
    this.waiters.delete(answer.id);
    clearTimeout(waiter.timer);
    if (answer.ok) waiter.resolve(answer.result);
    else waiter.reject(new Error(`${this.label}: ${answer.error ?? 'failed'}`));
  }
}
