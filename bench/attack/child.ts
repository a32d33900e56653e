// The parent's handle of an attack child: fork, requests with deadlines, SIGKILL when it will not exit.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Answer } from './attack-ipc.js';

export class AttackChild {
  private nextId = 1;
  private readonly waiters = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    process.on('message', (answer: Answer) => {
      const waiter = this.waiters.get(answer.id);
      this.waiters.delete(answer.id);
      if (answer.ok) waiter?.resolve(answer.result);
      else waiter?.reject(new Error(`${name}: ${answer.error}`));
    });
    process.once('exit', (code) => {
      for (const w of this.waiters.values()) w.reject(new Error(`${name} exited (${String(code)})`));
      this.waiters.clear();
    });
  }

  /** Forks `script` (relative to this file, .js); `pipeStdout` gives its stdout to the parent to read. */
  static async start(name: string, script: string, pipeStdout: boolean): Promise<AttackChild> {
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
      stdio: ['ignore', pipeStdout ? 'pipe' : 'ignore', 'inherit', 'ipc'],
    });
    const handle = new AttackChild(name, child);
    await handle.wait(0, 30_000, 'start');
    return handle;
  }

  request<T>(cmd: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    const answer = this.wait(id, timeoutMs, cmd);
    this.process.send({ id, cmd, args });
    return answer as Promise<T>;
  }

  /** Asks the child to exit, SIGKILL after 2 s; resolves once it is gone (at most about 3 s). */
  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => {
      this.process.once('exit', resolve);
      setTimeout(resolve, 3000); // never wait for an exit that was missed
    });
    const kill = setTimeout(() => this.process.kill('SIGKILL'), 2000);
    if (this.process.connected) this.process.send({ id: -1, cmd: 'exit' });
    else this.process.kill('SIGKILL');
    await exited;
    clearTimeout(kill);
  }

  private wait(id: number, timeoutMs: number, what: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`${this.name}: no answer to '${what}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }
}
