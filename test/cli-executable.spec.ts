// The BUILT `hsms` executable (dist/libs/hsms/cli/hsms.js) as a child process: the shebang file
// runs from dist, exits with main()'s code, and stops cleanly on SIGINT. The CI test command does
// not build, so these tests are skipped when the file is missing (build it: npx nest build hsms).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EquipmentSimulator } from '../libs/hsms/src/core.js';
import { ExitCode } from '../libs/hsms/src/cli/exit-codes.js';
import { main } from '../libs/hsms/src/cli/main.js';
import { capturedIo } from '../libs/hsms/src/cli/testing/captured-output.js';
import { Cleanup, within } from '../libs/hsms/src/simulator/testing/bounded-waits.js';

const EXECUTABLE = resolve(import.meta.dirname, '../dist/libs/hsms/cli/hsms.js');
const BUILT = existsSync(EXECUTABLE);
const LOOPBACK = '127.0.0.1';
/** Bound on one child process: node start-up on a loaded 2-core machine included. */
const CHILD_MS = 15_000;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A running `node hsms.js ...` whose output is collected; killed (SIGKILL) after the test or after CHILD_MS. */
class HsmsProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [EXECUTABLE, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHILD_MS,
      killSignal: 'SIGKILL',
    });
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolveExit) => this.child.once('exit', (code) => resolveExit(code)));
    cleanup.add(this, (p) => p.kill());
  }

  /** Resolves with the first match of `pattern` in stdout; rejects after `timeoutMs` or when the process exits first. */
  waitForStdout(pattern: RegExp, timeoutMs = CHILD_MS): Promise<RegExpExecArray> {
    return new Promise((resolveMatch, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.stdout);
        if (match) finish(() => resolveMatch(match));
      };
      const exited = (): void =>
        finish(() =>
          reject(new Error(`exited before stdout matched ${String(pattern)}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`)),
        );
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no stdout matching ${String(pattern)} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        this.child.off('exit', exited);
        settle();
      };
      this.child.stdout!.on('data', check); // after the collecting listener: this.stdout is up to date
      this.child.once('exit', exited);
      check();
    });
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await within(this.exited, 5000, 'hsms child to exit after SIGKILL');
  }
}

describe.skipIf(!BUILT)(`the built executable (skipped when ${EXECUTABLE} is missing: run npx nest build hsms)`, () => {
  it('prints the help and exits 0', async () => {
    const child = new HsmsProcess(['--help']);
    expect(await child.exited).toBe(ExitCode.ok);
    expect(child.stdout).toMatch(/^Usage: hsms <command> \[options\]/);
  });

  it('exits 2 for a bad option, with the reason on stderr', async () => {
    const child = new HsmsProcess(['send', '--host', LOOPBACK, '--port', 'x', 'S1F1 W .']);
    expect(await child.exited).toBe(ExitCode.usage);
    expect(child.stderr).toMatch(/^hsms send: --port: must be a port number in 1\.\.65535, got 'x'\n/);
  });

  it('sends S1F1 W to a simulator and prints S1F2 in SML, exit 0', async () => {
    const sim = cleanup.add(
      new EquipmentSimulator({ name: 'sim', active: false, address: LOOPBACK, bindAddress: LOOPBACK, port: 0, t5: 0.05, linktest: 0 }),
      (s) => s.stop(),
    );
    await sim.start();
    const child = new HsmsProcess(['send', '--host', LOOPBACK, '--port', String(sim.listeningPort), 'S1F1 W .']);
    expect(await child.exited).toBe(ExitCode.ok);
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('S1F2\n<L [2]\n  <A "SIMTOOL">\n  <A "1.0.0">\n>\n.\n');
  });

  it('serves until SIGINT, answering hsms send meanwhile, then separates and exits 0', async () => {
    const server = new HsmsProcess(['serve', '--port', '0', '--bind', LOOPBACK, '--t5', '0.05', '--linktest', '0']);
    const [, port] = await server.waitForStdout(/^listening on \S+:(\d+)/);
    const { io, stdout } = capturedIo();
    expect(await within(main(['send', '--host', LOOPBACK, '--port', port!, 'S1F3 W <L <U4 3>> .'], io), CHILD_MS, 'hsms send')).toBe(
      ExitCode.ok,
    );
    expect(stdout.text).toBe('S1F4\n<L [1]\n  <A "IDLE">\n>\n.\n');
    await server.waitForStdout(/received Separate\.req/);
    server.signal('SIGINT');
    expect(await within(server.exited, CHILD_MS, 'hsms serve to exit after SIGINT')).toBe(ExitCode.ok);
    expect(server.stdout).toMatch(/SIGINT: stopping\n.*stopped\n$/);
  });
});
