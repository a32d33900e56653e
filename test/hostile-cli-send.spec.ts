// Issue 11, finding 9: `hsms send` prints a huge reply capped (and says how to get it whole), and
// refuses SML a receiver would refuse.
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../libs/hsms/src/cli/exit-codes.js';
import { main } from '../libs/hsms/src/cli/main.js';
import { capturedIo } from '../libs/hsms/src/cli/testing/captured-output.js';
import { HsmsPacket } from '../libs/hsms/src/protocol/hsms/hsms-packet.js';
import { SType } from '../libs/hsms/src/protocol/hsms/s-type.js';
import { Cleanup, within } from '../libs/hsms/src/simulator/testing/bounded-waits.js';
import { LOOPBACK, RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A raw peer that selects and answers the first data primary with `reply` (S64F2 with a U1 body of `values` values). */
async function replyingPeer(values: number): Promise<number> {
  const server = cleanup.add(await RawPeer.listen(), (s) => s.close());
  void (async () => {
    const peer = await server.nextPeer(8000);
    const select = await peer.waitFor((p) => p.header.sType === SType.SelectReq, 8000);
    peer.send(HsmsPacket.selectRsp(select.header.system));
    const primary = await peer.waitFor((p) => p.header.sType === SType.DataMessage, 8000);
    const body = Buffer.alloc(4 + values, 3);
    body[0] = 0xa7; // U1, 3 length bytes
    body.writeUIntBE(values, 1, 3);
    peer.send(HsmsPacket.dataMessage(0, 64, 2, false, primary.header.system, body));
  })().catch(() => undefined);
  return server.port;
}

async function send(port: number, ...args: string[]) {
  const { io, stdout, stderr } = capturedIo();
  const code = await within(
    main(['send', '--host', LOOPBACK, '--port', String(port), '--raw', '--t3', '20', ...args], io),
    30_000,
    'hsms send',
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('hsms send prints a large reply capped', () => {
  it('a 16 MiB reply: at most 1,000 values and 1,000,000 characters by default, with a hint on stderr', async () => {
    const n = 16 * 1024 * 1024 - 14;
    const { code, stdout, stderr } = await send(await replyingPeer(n), 'S64F1 W .');
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain(`<U1 [${n}] 3 3 3`);
    expect(stdout).toContain(`... ${n - 1000} more>`);
    expect(stdout.length).toBeLessThan(5000);
    expect(stderr).toContain('--full prints all of it');
  }, 60_000);

  it('--max-values and --full', async () => {
    const few = await send(await replyingPeer(5000), '--max-values', '2', 'S64F1 W .');
    expect(few.stdout).toBe('S64F2\n<U1 [5000] 3 3 ... 4998 more>\n.\n');
    const whole = await send(await replyingPeer(5000), '--full', 'S64F1 W .');
    expect(whole.stdout).toBe(`S64F2\n<U1 [5000] ${new Array(5000).fill('3').join(' ')}>\n.\n`);
    expect(whole.stderr).toBe('');
    const clash = await send(1, '--full', '--max-chars', '100', 'S1F1 W .');
    expect(clash.code).toBe(ExitCode.usage);
  }, 60_000);

  it('refuses a C2 string with a lone surrogate before connecting', async () => {
    const { code, stderr } = await send(1, 'S1F1 W <C2 "a\uD800"> .');
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(/lone surrogate U\+D800/);
  });
});
