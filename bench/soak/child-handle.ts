// The parent's handle on one soak equipment process: fork, one command at a time with a deadline,
// and a stop that ends in SIGKILL when the child does not exit by itself.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildAnswer, SoakCommand } from './soak-protocol.js';

const SCRIPT = fileURLToPath(new URL('./equipment-child.js', import.meta.url));

export class EquipmentChild {
  private waiting: { resolve: (answer: ChildAnswer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout } | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (answer: ChildAnswer) => this.settle(answer));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.fail(new Error(`${label} exited (code ${String(code)}, signal ${String(signal)})`));
        resolve();
      });
    });
  }

  static fork(label: string): EquipmentChild {
    return new EquipmentChild(label, fork(SCRIPT, [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Sends a command and resolves with the child's answer; rejects on an error answer, its exit, or after `timeoutMs`. */
  request<A extends ChildAnswer['type']>(command: SoakCommand, expect: A, timeoutMs: number): Promise<Extract<ChildAnswer, { type: A }>> {
    if (this.waiting) return Promise.reject(new Error(`${this.label}: one command at a time`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new Error(`${this.label}: no answer to '${command.cmd}' within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting = {
        resolve: (answer) => {
          if (answer.type === expect) resolve(answer as Extract<ChildAnswer, { type: A }>);
          else reject(new Error(`${this.label}: '${command.cmd}' answered ${answer.type === 'error' ? answer.message : answer.type}`));
        },
        reject,
        timer,
      };
      this.child.send(command);
    });
  }

  /** Asks the child to stop; kills it if it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.request({ cmd: 'stop' }, 'ok', graceMs).catch(() => undefined);
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private settle(answer: ChildAnswer): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.resolve(answer);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.reject(error);
  }
}
