import { get, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsConsoleListenError } from '../libs/hsms/src/console/console-errors.js';
import { HsmsConsoleServer } from '../libs/hsms/src/console/hsms-console-server.js';
import { HsmsConnectionManager } from '../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../libs/hsms/src/hsms/hsms-handler.events.js';
import type { HsmsPeerPacketEvent } from '../libs/hsms/src/hsms/hsms-manager.events.js';
import { B } from '../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../libs/hsms/src/protocol/secs-message.js';
import { connectTool } from './support/nest-test-kit.js';
import { CALM_TIMERS, Cleanup, reachState, WAIT_MS } from './support/hsms-test-kit.js';

const MESSAGES = 800;
const RING = 20;

// A trace viewer that stops reading must not make the server hold the trace for it: its queue is
// bounded by the ring, and everything is accounted for as either delivered or reported dropped.
describe('a trace viewer that reads too slowly', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());

  it('loses the oldest entries past the ring size, and is told how many: delivered + dropped = sent', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, logLevel: 'error' }), (m) => m.stop());
    const peer = manager.addPeer('tool', '127.0.0.1', 0, false, 0);
    peer.enable();
    await manager.ready();
    // big SML per message (3000 bytes printed in full), so the socket buffers fill quickly
    const console = cleanup.add(
      new HsmsConsoleServer(manager, { port: 0, traceSize: RING, maxSmlValues: 5000, maxSmlLength: 100_000 }),
      (c) => c.stop(),
    );
    await console.start();
    const tool = cleanup.add(await connectTool(manager.listeningPort(0)!), (t) => t.disable());
    await reachState(peer, HsmsState.Selected);

    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`${console.url}api/trace?history=0&sf=S6F11`, resolve).on('error', reject),
    );
    expect(response.statusCode).toBe(200);
    response.setEncoding('utf8');
    // counted line by line as it arrives (SML inside the JSON has its newlines escaped)
    let rest = '';
    let delivered = 0;
    let dropped = 0;
    let droppedEvent = false;
    response.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('id: ')) delivered++;
        else if (line === 'event: dropped') droppedEvent = true;
        else if (droppedEvent && line.startsWith('data: ')) {
          dropped += (JSON.parse(line.slice(6)) as { count: number }).count;
          droppedEvent = false;
        }
      }
    });
    response.pause(); // stop reading: the kernel's buffers fill, then the server's queue for us

    let arrived = 0;
    const allArrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${arrived} of ${MESSAGES} S6F11 reached the manager`)), WAIT_MS * 4);
      const count = (e: HsmsPeerPacketEvent): void => {
        if (e.packet.header.function === 11 && ++arrived === MESSAGES) {
          clearTimeout(timer);
          manager.off('packet', count);
          resolve();
        }
      };
      manager.on('packet', count);
    });
    const body = B(new Uint8Array(3000).fill(0xab));
    for (let i = 0; i < MESSAGES; i++) tool.sendStreamFunction(new SecsMessage(6, 11, false, body));
    await allArrived;

    response.resume();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not all accounted for: ${delivered} delivered, ${dropped} dropped`)), WAIT_MS * 4);
      const check = (): void => {
        if (delivered + dropped < MESSAGES) return;
        clearTimeout(timer);
        response.off('data', check);
        resolve();
      };
      response.on('data', check);
      check();
    });
    response.destroy();
    expect(delivered + dropped).toBe(MESSAGES);
    expect(dropped).toBeGreaterThan(0);
    expect(delivered).toBeGreaterThanOrEqual(RING); // the last RING always come through
  });

  it('fails to start with a named error when its port is taken', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ logLevel: 'error' }), (m) => m.stop());
    const first = cleanup.add(new HsmsConsoleServer(manager, { port: 0 }), (c) => c.stop());
    await first.start();
    const second = new HsmsConsoleServer(manager, { port: first.port });
    await expect(second.start()).rejects.toThrow(HsmsConsoleListenError);
    await expect(second.start()).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE.*console\.port/);
    expect(second.url).toBeUndefined();
  });
});
