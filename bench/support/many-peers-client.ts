// The tools of the 1,000-peer benchmark, run as their own process by many-peers-bench.ts: one
// HsmsActiveConnection + HsmsHandler per local address, all connecting to one multi-passive port.
import { HsmsActiveConnection, HsmsHandler } from './hsms-core.js';
import { serveCommands } from './child-ipc.js';
import { peerAddress } from './loopback-addresses.js';

export interface ConnectArgs {
  port: number;
  /** Peer indexes [first, first + count). */
  first: number;
  count: number;
  /** Most connections that may be connecting or selecting at once (keeps the listen backlog from overflowing). */
  window: number;
  timeoutMs: number;
}

const HARD_LIMIT_MS = 120_000;

const handlers: HsmsHandler[] = [];

/** Enables the handlers with at most `window` of them not yet SELECTED; resolves with how many got selected. */
function connectAll(args: ConnectArgs): Promise<number> {
  return new Promise((resolve) => {
    let next = 0;
    let selected = 0;
    let inFlight = 0;
    const timer = setTimeout(() => resolve(selected), args.timeoutMs);
    const fill = (): void => {
      while (inFlight < args.window && next < handlers.length) {
        inFlight++;
        handlers[next++]!.enable();
      }
    };
    for (const handler of handlers) {
      handler.once('selected', () => {
        selected++;
        inFlight--;
        if (selected === handlers.length) {
          clearTimeout(timer);
          resolve(selected);
        } else fill();
      });
    }
    fill();
  });
}

serveCommands(
  'many-peers client',
  {
    connect: (args: ConnectArgs): Promise<number> => {
      for (let i = args.first; i < args.first + args.count; i++) {
        // t5 1 s: a refused attempt retries soon (the default 10 s would hide the cause in the timing)
        const connection = new HsmsActiveConnection('127.0.0.1', args.port, i + 1, undefined, { localAddress: peerAddress(i), t5: 1 });
        handlers.push(new HsmsHandler(connection));
      }
      return connectAll(args);
    },
  },
  HARD_LIMIT_MS,
);
