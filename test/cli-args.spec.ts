// The `hsms` command line itself: help on the tool and on each command, and every kind of bad
// input refused with exit code 2 and a one-line reason, before any socket is opened.
import { describe, expect, it } from 'vitest';
import { main } from '../libs/hsms/src/cli/main.js';
import { ExitCode } from '../libs/hsms/src/cli/exit-codes.js';
import { capturedIo } from '../libs/hsms/src/cli/testing/captured-output.js';

async function run(...argv: string[]) {
  const { io, stdout, stderr } = capturedIo();
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('hsms --help', () => {
  it('prints the commands and the exit codes on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await run('--help');
    expect(code).toBe(ExitCode.ok);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: hsms <command> \[options\]/);
    for (const command of ['serve', 'connect', 'send']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 8]) expect(stdout).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });

  it.each([
    ['serve', /^Usage: hsms serve --port P \[options\]/],
    ['connect', /^Usage: hsms connect --host H --port P \[options\]/],
    ['send', /^Usage: hsms send --host H --port P \[options\] 'SML'/],
  ])('prints the help of %s for --help, -h and `hsms help <command>`', async (command, usage) => {
    for (const argv of [
      [command, '--help'],
      [command, '-h'],
      ['help', command],
    ]) {
      const { code, stdout } = await run(...argv);
      expect(code).toBe(ExitCode.ok);
      expect(stdout).toMatch(usage);
    }
  });

  it('documents every timer option of serve in seconds with fractions', async () => {
    const { stdout } = await run('serve', '--help');
    for (const option of ['--t3', '--t5', '--t6', '--t7', '--t8', '--linktest', '--device-id', '--address', '--role'])
      expect(stdout).toContain(option);
    expect(stdout).toMatch(/fractions are allowed/);
  });

  it('answers --help even when the other options are wrong', async () => {
    const { code } = await run('send', '--port', 'nope', '--help');
    expect(code).toBe(ExitCode.ok);
  });
});

describe('hsms usage errors (exit 2)', () => {
  it('prints the help on stderr without a command', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(ExitCode.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: hsms/);
  });

  it.each([
    [['frob'], /^hsms: unknown command 'frob': use serve, connect or send$/],
    [['serve', '--port', '0', '--prot', '5'], /^hsms serve: Unknown option '--prot'$/],
    [['serve'], /^hsms serve: --port is required$/],
    [['serve', '--port', '70000'], /^hsms serve: --port: must be a port number in 0\.\.65535, got '70000'$/],
    [
      ['serve', '--port', '0', '--t3', 'abc'],
      /^hsms serve: --t3: must be a number of seconds \(fractions allowed\), more than 0 and at most 86400, got 'abc'$/,
    ],
    [['serve', '--port', '0', '--t6', '0'], /^hsms serve: --t6: .* got '0'$/],
    [['serve', '--port', '0', '--t7', '1e3'], /^hsms serve: --t7: .* got '1e3'$/],
    [
      ['serve', '--port', '0', '--linktest', 'off'],
      /^hsms serve: --linktest: must be a number of seconds \(fractions allowed\), 0 \(off\) to 86400, got 'off'$/,
    ],
    [['serve', '--port', '0', '--role', 'robot'], /^hsms serve: --role: must be equipment or host, got 'robot'$/],
    [['serve', '--port', '0', '--address', 'tool-7'], /^hsms serve: --address: must be an IP address or '\*', got 'tool-7'$/],
    [['serve', '--port', '0', 'extra'], /^hsms serve: Unexpected argument 'extra'$/],
    [['connect', '--port', '5000'], /^hsms connect: --host is required$/],
    [['connect', '--host', '127.0.0.1', '--port', '0'], /^hsms connect: --port: must be a port number in 1\.\.65535, got '0'$/],
    [
      ['connect', '--host', '127.0.0.1', '--port', '5000', '--device-id', '0x10000'],
      /^hsms connect: --device-id: must be an integer in 0\.\.32767, got '0x10000'$/,
    ],
    [['send', '--host', '127.0.0.1', '--port', '5000'], /^hsms send: the message to send is missing/],
    [
      ['send', '--host', '127.0.0.1', '--port', '5000', '--timeout', '-1', 'S1F1 W .'],
      /^hsms send: Option '--timeout' argument is ambiguous$/,
    ],
    [['send', '--host', '127.0.0.1', '--port', '5000', '--t3'], /^hsms send: Option '--t3 <value>' argument missing$/],
    [
      ['send', '--host', 'bad host!', '--port', '5000', 'S1F1 W .'],
      /^hsms send: --host: must be an IP address or a host name, got 'bad host!'$/,
    ],
    [['send', '--host', '127.0.0.1', '--port', '5000', 'S1F1 W <L'], /^hsms send: SML error at line 1, column \d+: /],
  ])('refuses %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(ExitCode.usage);
    expect(stdout).toBe('');
    const [reason, hint] = stderr.split('\n');
    expect(reason).toMatch(message);
    expect(hint).toMatch(/^Run 'hsms( \w+)? --help' for usage\.$/);
  });
});
