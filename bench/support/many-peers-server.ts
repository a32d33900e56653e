// The server side of the 1,000-peer benchmark, run as its own process by many-peers-bench.ts: one
// HsmsConnectionManager with a passive peer per address, all on one multi-passive port.
import { HsmsConnectionManager, type HsmsHandler } from './hsms-core.js';
import { serveCommands } from './child-ipc.js';
import { peerAddress } from './loopback-addresses.js';
import { epochMs, memorySnapshot, type MemorySnapshot } from './stats.js';

export interface ServerSetup {
  port: number;
  /** Before the manager existed. */
  before: MemorySnapshot;
  /** With every peer added and enabled, the port listening, nothing connected. */
  peersAdded: MemorySnapshot;
}

export interface SelectedReport {
  count: number;
  firstSelectedAt: number;
  allSelectedAt: number;
  /** Connections that closed meanwhile (should be 0). */
  closed: number;
}

const HARD_LIMIT_MS = 120_000;

let manager: HsmsConnectionManager | undefined;
const handlers: HsmsHandler[] = [];
let selected = 0;
let closed = 0;
let firstSelectedAt = 0;
let allSelectedAt = 0;
let onAllSelected: (() => void) | undefined;

serveCommands(
  'many-peers server',
  {
    setup: async (count: number): Promise<ServerSetup> => {
      const before = memorySnapshot();
      const m = new HsmsConnectionManager({ bindAddress: '127.0.0.1' });
      manager = m;
      m.on('selected', () => {
        selected++;
        if (selected === 1) firstSelectedAt = epochMs();
        if (selected === handlers.length) {
          allSelectedAt = epochMs();
          onAllSelected?.();
        }
      });
      m.on('closed', () => closed++);
      for (let i = 0; i < count; i++) {
        const handler = m.addPeer(`tool-${i + 1}`, peerAddress(i), 0, false, i + 1);
        handler.enable();
        handlers.push(handler);
      }
      await m.ready();
      return { port: m.listeningPort(0)!, before, peersAdded: memorySnapshot() };
    },
    waitSelected: (timeoutMs: number): Promise<SelectedReport> => {
      const report = (): SelectedReport => ({ count: selected, firstSelectedAt, allSelectedAt, closed });
      if (selected === handlers.length) return Promise.resolve(report());
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(report()), timeoutMs);
        onAllSelected = () => {
          clearTimeout(timer);
          resolve(report());
        };
      });
    },
    /** Linktest.req to every peer at once; resolves with the milliseconds until the last Linktest.rsp. */
    linktestAll: async (): Promise<number> => {
      const start = performance.now();
      await Promise.all(handlers.map((h) => h.sendLinktestReq()));
      return performance.now() - start;
    },
    /** manager.stop() with every peer connected: Separate.req to each, sockets closed; resolves with its milliseconds. */
    stop: async (): Promise<number> => {
      const start = performance.now();
      await manager?.stop();
      return performance.now() - start;
    },
  },
  HARD_LIMIT_MS,
);
