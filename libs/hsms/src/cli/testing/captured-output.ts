// Test-only: a CliWritable that keeps what was written and lets a test wait, bounded, for a line.
import type { CliIo, CliWritable } from '../cli-io.js';

export class CapturedOutput implements CliWritable {
  private chunks: string[] = [];
  private waiters: Array<() => void> = [];

  write(text: string): boolean {
    this.chunks.push(text);
    for (const wake of this.waiters.splice(0)) wake();
    return true;
  }

  get text(): string {
    return this.chunks.join('');
  }

  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }

  /** Resolves with the first match of `pattern` in everything written so far or later; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs = 4000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.text);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        } else {
          this.waiters.push(check);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`no output matching ${String(pattern)} within ${timeoutMs} ms; got:\n${this.text}`));
      }, timeoutMs);
      check();
    });
  }
}

/** Captured stdout and stderr for one main() run, with an AbortController to end serve/connect. */
export function capturedIo(): { io: CliIo; stdout: CapturedOutput; stderr: CapturedOutput; stop: () => void } {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const controller = new AbortController();
  return { io: { stdout, stderr, signal: controller.signal }, stdout, stderr, stop: () => controller.abort() };
}
