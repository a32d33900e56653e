// `hsms send` against `hsms serve`, both run in-process through main() over loopback, and against
// a raw-socket peer that misbehaves on purpose (no reply, Reject.req, a dropped link) to check
// the exit code of each failure class.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsPacket, SType } from '../libs/hsms/src/core.js';
import { main } from '../libs/hsms/src/cli/main.js';
import { ExitCode } from '../libs/hsms/src/cli/exit-codes.js';
import { capturedIo } from '../libs/hsms/src/cli/testing/captured-output.js';
import { Cleanup, within } from '../libs/hsms/src/simulator/testing/bounded-waits.js';
import { LOOPBACK, RawPeer, type RawPeerServer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Quick reconnects and no linktest traffic; every other timer calm. */
const CALM = ['--t5', '0.05', '--linktest', '0'];

/** `hsms serve` on a free loopback port; stopped (AbortSignal) after the test. */
async function serve(...args: string[]) {
  const { io, stdout, stderr, stop } = capturedIo();
  const done = main(['serve', '--port', '0', '--bind', LOOPBACK, '--address', LOOPBACK, ...CALM, ...args], io);
  void cleanup.add(done, async (d) => {
    stop();
    await d;
  });
  const [, port] = await stdout.waitFor(/^listening on \S+:(\d+)/m);
  return { port: Number(port), stdout, stderr, done, stop };
}

/** `hsms send` to `port` on loopback; resolves with its exit code and output. */
async function send(port: number, ...args: string[]) {
  const { io, stdout, stderr } = capturedIo();
  const code = await within(main(['send', '--host', LOOPBACK, '--port', String(port), ...args], io), 10_000, 'hsms send');
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A raw peer listening on loopback that the test drives byte by byte. */
async function rawPeerServer(): Promise<RawPeerServer> {
  return cleanup.add(await RawPeer.listen(), (s) => s.close());
}

/** Accepts the next connection and answers its Select.req. */
async function selectedPeer(server: RawPeerServer): Promise<RawPeer> {
  const peer = await server.nextPeer(4000);
  const select = await peer.waitFor((p) => p.header.sType === SType.SelectReq, 4000);
  peer.send(HsmsPacket.selectRsp(select.header.system));
  return peer;
}

/** A loopback port nobody listens on (listened on once, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('hsms send against hsms serve (equipment simulator)', () => {
  it('prints the first line with the real port before any log line', async () => {
    const { port, stdout } = await serve();
    expect(port).toBeGreaterThan(0);
    expect(stdout.lines[0]).toBe(`listening on ${LOOPBACK}:${port} for peer ${LOOPBACK} as equipment`);
  });

  it('sends S1F1 W and prints the S1F2 reply in SML, exit 0; serve logs both in SML', async () => {
    const server = await serve();
    const { code, stdout, stderr } = await send(server.port, 'S1F1 W .');
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('S1F2\n<L [2]\n  <A "SIMTOOL">\n  <A "1.0.0">\n>\n.\n');
    await server.stdout.waitFor(/received S1F1 W [^\n]*\nS1F1 W\n\./);
    await server.stdout.waitFor(/sent S1F2 [^\n]*\nS1F2\n<L \[2\]/);
  });

  it('sends S1F3 W with SVIDs and prints S1F4 with the values in order', async () => {
    const { port } = await serve();
    const { code, stdout } = await send(port, 'S1F3 W <L <U4 3> <U4 4> <U4 1>> .');
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toMatch(/^S1F4\n<L \[3\]\n {2}<A "IDLE">\n {2}<U4 \[1\] 0>\n {2}<F4 \[1\] \d+(\.\d+)?>\n>\n\.\n$/);
  });

  it('takes unquoted SML words and a device id', async () => {
    const { port } = await serve('--device-id', '0x10');
    const { code, stdout } = await send(port, '--device-id', '16', 'S1F1', 'W', '.');
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toMatch(/^S1F2\n/);
  });

  it('prints nothing for a message without W, and the equipment acts on it', async () => {
    const server = await serve();
    const { code, stdout } = await send(server.port, `S10F3 <L <B 0x01> <A "hello operator">> .`);
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('');
    await server.stdout.waitFor(/terminal 1: hello operator/);
  });

  it('exits 7 with one stderr line naming S9F5 for an unknown function, and S9F3 for an unknown stream', async () => {
    const { port } = await serve();
    const fn = await send(port, 'S1F99 W .');
    expect(fn.code).toBe(ExitCode.stream9);
    expect(fn.stdout).toBe('');
    expect(fn.stderr).toMatch(/^hsms send: .*S1F99 W.*S9F5 \(UnrecognizedFunction\)\n$/);
    const stream = await send(port, 'S99F1 W .');
    expect(stream.code).toBe(ExitCode.stream9);
    expect(stream.stderr).toMatch(/S9F3/);
  });

  it('exits 2 with the line and column of an SML syntax error, without connecting', async () => {
    const server = await serve();
    const { code, stderr, stdout } = await send(server.port, 'S1F3 W\n<L <U4 1>\n  <X 2>> .');
    expect(code).toBe(ExitCode.usage);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(/^hsms send: SML error at line 3, column 4: unknown item type 'X'/);
    expect(server.stdout.text).not.toMatch(/received Select\.req/);
  });

  it('exits 2 for a W-bit on a reply', async () => {
    const { code, stderr } = await send(1, 'S1F2 W <L> .');
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(/only a primary \(odd function\) may ask for a reply/);
  });
});

describe('hsms send against hsms serve --role host', () => {
  it('exits 6 when the host aborts the transaction with SxF0', async () => {
    const { port } = await serve('--role', 'host');
    const { code, stderr } = await send(port, 'S1F99 W .');
    expect(code).toBe(ExitCode.aborted);
    expect(stderr).toMatch(/^hsms send: .*aborted by the peer with S1F0\n$/);
  });
});

describe('hsms send failures', () => {
  it('exits 3 at once when the connection is refused', async () => {
    const port = await closedPort();
    const started = performance.now();
    const { code, stderr } = await send(port, '--timeout', '5', 'S1F1 W .');
    expect(code).toBe(ExitCode.connect);
    expect(stderr).toBe(`hsms send: cannot connect to ${LOOPBACK}:${port}: connect ECONNREFUSED ${LOOPBACK}:${port}\n`);
    expect(performance.now() - started).toBeLessThan(4000); // not the --timeout: refused is final
  });

  it('exits 3 when the peer never answers Select.req within --timeout', async () => {
    const server = await rawPeerServer();
    const { code, stderr } = await send(server.port, '--timeout', '0.3', 'S1F1 W .');
    expect(code).toBe(ExitCode.connect);
    expect(stderr).toMatch(/not SELECTED within 0\.3 s/);
  });

  it('exits 3 naming --raw when the peer selects but never answers S1F13', async () => {
    const server = await rawPeerServer();
    const result = send(server.port, '--timeout', '1.5', 'S1F1 W .');
    const peer = await selectedPeer(server);
    await peer.waitFor((p) => p.header.sType === SType.DataMessage && p.header.stream === 1 && p.header.function === 13);
    const { code, stderr } = await result;
    expect(code).toBe(ExitCode.connect);
    expect(stderr).toMatch(/GEM communication was not established within 1\.5 s.*--raw/);
  });

  it('exits 4 when no reply comes within T3 (--raw: no S1F13 first)', async () => {
    const server = await rawPeerServer();
    const result = send(server.port, '--raw', '--t3', '0.3', 'S1F1 W .');
    const peer = await selectedPeer(server);
    const data = await peer.waitFor((p) => p.header.sType === SType.DataMessage);
    expect([data.header.stream, data.header.function, data.header.requireResponse]).toEqual([1, 1, true]);
    const { code, stderr } = await result;
    expect(code).toBe(ExitCode.replyTimeout);
    expect(stderr).toMatch(/S1F1 W .*no reply within T3 = 0\.3 s/);
  });

  it('exits 5 when the peer answers with Reject.req', async () => {
    const server = await rawPeerServer();
    const result = send(server.port, '--raw', 'S1F1 W .');
    const peer = await selectedPeer(server);
    const data = await peer.waitFor((p) => p.header.sType === SType.DataMessage);
    peer.send(HsmsPacket.rejectReq(data.header, 4));
    const { code, stderr } = await result;
    expect(code).toBe(ExitCode.rejected);
    expect(stderr).toMatch(/rejected with reason 4/);
  });

  it('exits 8 when the connection drops while the reply is awaited', async () => {
    const server = await rawPeerServer();
    const result = send(server.port, '--raw', 'S1F1 W .');
    const peer = await selectedPeer(server);
    await peer.waitFor((p) => p.header.sType === SType.DataMessage);
    peer.destroy();
    const { code, stderr } = await result;
    expect(code).toBe(ExitCode.closed);
    expect(stderr).toMatch(/connection closed/);
  });

  it('sends Separate.req after the reply (E37) before closing', async () => {
    const server = await rawPeerServer();
    const result = send(server.port, '--raw', 'S1F1 W .');
    const peer = await selectedPeer(server);
    const data = await peer.waitFor((p) => p.header.sType === SType.DataMessage);
    peer.send(HsmsPacket.dataMessage(0, 1, 2, false, data.header.system));
    const { code, stdout } = await result;
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toBe('S1F2\n.\n');
    await peer.waitFor((p) => p.header.sType === SType.SeparateReq);
    await peer.waitForClose();
  });
});

describe('hsms connect', () => {
  it('runs the simulator as the active side against serve --role host, which logs the conversation', async () => {
    const host = await serve('--role', 'host');
    const { io, stdout, stderr, stop } = capturedIo();
    const done = main(['connect', '--host', LOOPBACK, '--port', String(host.port), ...CALM], io);
    void cleanup.add(done, async (d) => {
      stop();
      await d;
    });
    await stdout.waitFor(/^connecting to 127\.0\.0\.1:\d+\n/);
    await host.stdout.waitFor(/communicating with SIMTOOL 1\.0\.0/);
    await stdout.waitFor(/communicating with the host/);
    stop();
    expect(await within(done, 4000, 'connect to stop')).toBe(ExitCode.ok);
    expect(stderr.text).toBe('');
    await host.stdout.waitFor(/received Separate\.req/);
  });

  it('serve exits 0 once its AbortSignal fires, after separating', async () => {
    const server = await serve();
    const { code } = await send(server.port, 'S1F1 W .');
    expect(code).toBe(ExitCode.ok);
    server.stop();
    expect(await within(server.done, 4000, 'serve to stop')).toBe(ExitCode.ok);
    expect(server.stdout.lines.at(-1)).toMatch(/stopped$/);
  });

  it('serve exits 3 with one stderr line when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, LOOPBACK, resolve));
    cleanup.add(blocker, (b) => new Promise((resolve) => b.close(resolve)));
    const { port } = blocker.address() as AddressInfo;
    const { io, stderr } = capturedIo();
    const code = await within(main(['serve', '--port', String(port), '--bind', LOOPBACK, ...CALM], io), 4000, 'serve');
    expect(code).toBe(ExitCode.connect);
    expect(stderr.text).toMatch(new RegExp(`^hsms serve: equipment: cannot listen on port ${port}: .*EADDRINUSE.*\\n$`));
  });
});
