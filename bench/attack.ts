// `npm run attack`: a hostile-peer suite of our own against `hsms serve`-equivalent equipment in a
// child process (two simulator endpoints A and B, verbose trace forced, stdout a real pipe), while
// a good host in another child does S1F1 round trips on B (and, after the report poisoning, on A
// as the "next host"). Prints one row per attack: what happened, the equipment process's peak RSS
// and longest event-loop stall, and the good host's S1F1 p99 (kept: under 200 ms).
// Issue 11's targets: a 16 MiB message at verbose blocks < 1 s and peaks < 400 MiB; a slow log
// reader cannot grow memory past the log queue bound; S1F11 with 999,999 ids is answered; 100
// reports x 9,000 VIDs cannot push the next host's p99 over 200 ms.
import { HsmsActiveConnection } from '../libs/hsms/src/connections/hsms-active-connection.js';
import { GemHostHandler } from '../libs/hsms/src/gem/gem-host-handler.js';
import { HsmsPacket } from '../libs/hsms/src/protocol/hsms/hsms-packet.js';
import { SType } from '../libs/hsms/src/protocol/hsms/s-type.js';
import { encodeItem } from '../libs/hsms/src/protocol/items/item-encoder.js';
import { B } from '../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../libs/hsms/src/protocol/secs-message.js';
import {
  parseS2F34,
  parseS2F36,
  parseS7F4,
  parseS7F20,
  S2F33,
  S2F35,
  S2F37,
  S7F17,
  S7F19,
  S7F3,
} from '../libs/hsms/src/secs/catalogue/index.js';
import { RawPeer } from '../test/support/raw-peer.js';
import type { HostStats, ServerStats } from './attack/attack-ipc.js';
import { AttackChild } from './attack/child.js';
import { ensureCatalogueData } from './soak/catalogue-data.js';

const MAX_BODY = 16 * 1024 * 1024 - 10 - 4; // the largest U1 body under the default maxMessageLength
const P99_TARGET_MS = 200;

interface Row {
  attack: string;
  outcome: string;
  server: ServerStats;
  host: HostStats;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A U1 body of `n` values, encoded by hand (a builder would make an array of n numbers first). */
function u1Body(n: number): Buffer {
  const body = Buffer.alloc(4 + n, 0x5a);
  body[0] = 0xa7;
  body.writeUIntBE(n, 1, 3);
  return body;
}

/** S1F11 W with `n` U4 SVIDs, encoded by hand. */
function s1f11Body(n: number): Buffer {
  const body = Buffer.alloc(4 + n * 6);
  body[0] = 0x03;
  body.writeUIntBE(n, 1, 3);
  for (let i = 0, o = 4; i < n; i++, o += 6) {
    body[o] = 0xb1;
    body[o + 1] = 4;
    body.writeUInt32BE(i, o + 2);
  }
  return body;
}

async function selectedRaw(port: number, localAddress = '127.0.0.1'): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress, timeoutMs: 10_000 });
  peer.send(HsmsPacket.selectReq(1));
  await peer.waitFor((p) => p.sType === SType.SelectRsp, 10_000);
  return peer;
}

async function gemHost(port: number): Promise<GemHostHandler> {
  const host = new GemHostHandler(
    new HsmsActiveConnection('127.0.0.1', port, 0, undefined, { t3: 120, t5: 0.2, linktest: 0, maxMessageLength: 64 * 1024 * 1024 }),
    { name: 'attacker' },
  );
  host.enable();
  const deadline = performance.now() + 20_000;
  while (!host.communicating && performance.now() < deadline) await pause(20);
  if (!host.communicating) throw new Error('attacker host: not communicating');
  return host;
}

/** The child's stdout: read as fast as it comes, or at `bytesPerSecond`. */
class StdoutReader {
  private timer: NodeJS.Timeout | undefined;
  read = 0;
  constructor(private readonly stream: NodeJS.ReadableStream) {
    this.fast();
  }
  fast(): void {
    clearInterval(this.timer);
    this.stream.removeAllListeners('data');
    this.stream.on('data', (chunk: Buffer) => (this.read += chunk.length));
    this.stream.resume();
  }
  slow(bytesPerSecond: number): void {
    this.stream.removeAllListeners('data');
    this.stream.pause();
    this.timer = setInterval(() => {
      const chunk = this.stream.read(Math.max(1, Math.floor(bytesPerSecond / 10))) as Buffer | null;
      if (chunk) this.read += chunk.length;
    }, 100);
  }
}

async function main(): Promise<void> {
  ensureCatalogueData();
  const server = await AttackChild.start('equipment', './attack-server.js', true);
  const good = await AttackChild.start('good host', './good-host.js', false);
  const stdout = new StdoutReader(server.process.stdout!);
  const rows: Row[] = [];
  try {
    const [portA, portB, portC] = await server.request<number[]>('ports');
    await good.request('connect', portB!);
    const measure = async (attack: string, run: () => Promise<string>): Promise<void> => {
      await server.request('take');
      await good.request('take');
      let outcome: string;
      try {
        outcome = await run();
      } catch (error) {
        outcome = `FAILED: ${error instanceof Error ? error.message : String(error)}`;
      }
      await pause(500); // the good host's round trips after the attack count too
      rows.push({ attack, outcome, server: await server.request<ServerStats>('take'), host: await good.request<HostStats>('take') });
      console.error(`done: ${attack}: ${outcome}`);
    };

    await measure('baseline (no attack, 3 s)', async () => {
      await pause(3000);
      return 'nothing sent';
    });

    await measure('one valid 16 MiB U1 message at verbose', async () => {
      const peer = await selectedRaw(portA!);
      peer.send(HsmsPacket.dataMessage(0, 64, 1, true, 7, u1Body(MAX_BODY)));
      await peer.waitFor((p) => p.sType === SType.DataMessage && p.header.function === 0, 60_000);
      peer.destroy();
      return 'answered S9F3 + S64F0';
    });

    await measure('four 16 MiB messages in one write', async () => {
      const peer = await selectedRaw(portA!);
      const frames = Buffer.concat([1, 2, 3, 4].map((i) => HsmsPacket.dataMessage(0, 64, 1, true, 10 + i, u1Body(MAX_BODY)).encode()));
      peer.sendRaw(frames);
      for (let i = 1; i <= 4; i++)
        await peer.waitFor((p) => p.sType === SType.DataMessage && p.header.function === 0 && p.system === 10 + i, 120_000);
      peer.destroy();
      return '4 x S64F0';
    });

    await measure('16 MiB message from an unselected socket', async () => {
      const peer = await RawPeer.connect(portC!, { timeoutMs: 10_000 });
      peer.send(HsmsPacket.dataMessage(0, 64, 1, true, 9, u1Body(MAX_BODY)));
      const reject = await peer.waitFor((p) => p.sType === SType.RejectReq, 60_000);
      peer.destroy();
      return `Reject.req reason ${reject.header.byte3}`;
    });

    await measure('slow log reader (100 KB/s) while 2,000 8 KiB messages are traced', async () => {
      stdout.slow(100_000);
      const peer = await selectedRaw(portA!);
      for (let i = 0; i < 2000; i++)
        peer.send(HsmsPacket.dataMessage(0, 1, 1, true, 100 + i, encodeItem(B(new Uint8Array(8192).fill(i & 0xff)))));
      await peer.waitFor((p) => p.sType === SType.DataMessage && p.system === 100 + 1999, 120_000);
      await pause(3000);
      peer.destroy();
      const read = stdout.read;
      stdout.fast();
      return `2,000 answered; ${Math.round(read / 1024)} KiB of log read meanwhile`;
    });

    await measure('process-program flood: 40 x 4 MiB S7F3', async () => {
      const host = await gemHost(portA!);
      const acks = new Map<number, number>();
      for (let i = 0; i < 40; i++) {
        const ack = parseS7F4(
          await host.sendAndWaitForResponse(S7F3({ ppid: `FLOOD-${i}`, ppbody: new Uint8Array(4 * 1024 * 1024 - 1024) })),
        );
        acks.set(ack, (acks.get(ack) ?? 0) + 1);
      }
      await host.sendAndWaitForResponse(S7F17([]));
      await host.disable();
      return [...acks].map(([ack, n]) => `ACKC7 ${ack} x ${n}`).join(', ');
    });

    await measure('huge list replies: 1,000 programs (120-byte PPIDs), 100 x S7F19', async () => {
      const host = await gemHost(portA!);
      for (let i = 0; i < 1000; i++)
        await host.sendAndWaitForResponse(S7F3({ ppid: `${'P'.repeat(114)}${String(i).padStart(6, '0')}`, ppbody: 'x' }));
      let listed = 0;
      for (let i = 0; i < 100; i++) listed = parseS7F20(await host.sendAndWaitForResponse(S7F19())).length;
      const more = parseS7F4(await host.sendAndWaitForResponse(S7F3({ ppid: 'ONE-MORE', ppbody: 'x' })));
      await host.sendAndWaitForResponse(S7F17([]));
      await host.disable();
      return `S7F20 of ${listed} PPIDs x 100; program 1,001: ACKC7 ${more}`;
    });

    await measure('S1F11 with 999,999 SVIDs', async () => {
      const host = await gemHost(portA!);
      let outcome: string;
      try {
        const reply = await host.sendAndWaitForResponse(SecsMessage.fromEncoded(1, 11, true, s1f11Body(999_999)));
        outcome = `answered ${reply.sf}`;
      } catch (error) {
        outcome = `answered: ${error instanceof Error ? error.constructor.name : String(error)} (S1F0)`;
      }
      await host.disable();
      return outcome;
    });

    await measure('report poisoning: 100 reports x 9,000 VIDs', async () => {
      const host = await gemHost(portA!);
      const vids = (n: number) => new Array<number>(n).fill(1);
      const big = parseS2F34(
        await host.sendAndWaitForResponse(
          S2F33({ dataId: 1, reports: Array.from({ length: 100 }, (_, i) => ({ rptid: 5000 + i, vids: vids(9000) })) }),
        ),
      );
      const more = parseS2F34(
        await host.sendAndWaitForResponse(
          S2F33({ dataId: 2, reports: Array.from({ length: 100 }, (_, i) => ({ rptid: 6000 + i, vids: vids(1000) })) }),
        ),
      );
      const fit = parseS2F34(
        await host.sendAndWaitForResponse(
          S2F33({ dataId: 2, reports: Array.from({ length: 20 }, (_, i) => ({ rptid: 6000 + i, vids: vids(1000) })) }),
        ),
      );
      const linkAll = parseS2F36(
        await host.sendAndWaitForResponse(
          S2F35({ dataId: 3, links: [{ ceid: 100, rptids: Array.from({ length: 20 }, (_, i) => 6000 + i) }] }),
        ),
      );
      const linkMax = parseS2F36(
        await host.sendAndWaitForResponse(
          S2F35({ dataId: 4, links: [{ ceid: 100, rptids: Array.from({ length: 2 }, (_, i) => 6000 + i) }] }),
        ),
      );
      await host.sendAndWaitForResponse(S2F37({ enable: true, ceids: [100] }));
      await host.disable();
      return `DRACK ${big} (100 x 9,000 VIDs), DRACK ${more} (100 x 1,000), DRACK ${fit} (20 x 1,000), LRACK ${linkAll} (20,000 values), LRACK ${linkMax} (2,000), CEID 100 enabled`;
    });
    await good.request('connect', portA!); // the next host: gets CEID 100 with 2,000 values (the most maxVidsPerEvent allows) every second
    await measure('the next host on A after the poisoning (6 s, S6F11 every 1 s)', async () => {
      await pause(6000);
      return 'S1F1 round trips while answering S6F11';
    });
    await good.request('connect', portB!);

    await measure('T7 slot holding on A (reconnect at every T7 close)', async () => {
      let holding = true;
      let attempts = 0;
      const attacker = (async () => {
        while (holding) {
          attempts++;
          const peer = await RawPeer.connect(portA!, { localAddress: '127.0.0.1', timeoutMs: 5000 }).catch(() => undefined);
          if (peer) await peer.waitForClose(5000).catch(() => peer.destroy());
        }
      })();
      const started = performance.now();
      let selectedAfter: number | undefined;
      while (selectedAfter === undefined && performance.now() - started < 30_000) {
        const peer = await RawPeer.connect(portA!, { localAddress: '127.0.0.4', timeoutMs: 5000 }).catch(() => undefined);
        if (peer) {
          peer.send(HsmsPacket.selectReq(1));
          const rsp = await peer.waitFor((p) => p.sType === SType.SelectRsp, 1000).catch(() => undefined);
          if (rsp && rsp.header.byte3 === 0) selectedAfter = (performance.now() - started) / 1000;
          peer.destroy();
        }
        if (selectedAfter === undefined) await pause(1000); // a good client's retry (E37 T5 is typically 10 s)
      }
      holding = false;
      await attacker;
      return selectedAfter === undefined
        ? `good client NOT selected within 30 s (${attempts} attacker connects)`
        : `good client selected after ${selectedAfter.toFixed(1)} s (${attempts} attacker connects)`;
    });
    printTable(rows);
  } finally {
    await good.close();
    await server.close();
  }
}

function printTable(rows: readonly Row[]): void {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
  const lines = [
    '| attack | outcome | peak RSS (MiB) | longest stall (ms) | good host S1F1 p50 / p99 / max (ms), n | p99 kept (< 200 ms) |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.attack} | ${r.outcome} | ${f(r.server.peakRssMiB)} | ${f(r.server.maxStallMs)} | ${f(r.host.p50Ms)} / ${f(r.host.p99Ms)} / ${f(r.host.maxMs)}, ${r.host.count}${r.host.failures > 0 ? `, ${r.host.failures} failed` : ''} | ${r.host.p99Ms < P99_TARGET_MS && r.host.failures === 0 ? 'yes' : 'NO'} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

await main();
process.exit(0); // sockets of the attacks may linger; the children are closed
