// A live equipment endpoint for the load, fuzz and backpressure tests: an HsmsConnectionManager
// with multi-passive peers (SecsHandler, equipment role, answering S1F1) on one loopback port, and
// a well-behaved host peer of ours that keeps doing S1F1/S1F2 round trips while others misbehave.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { HsmsActiveConnection } from '../../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsConnectionManager, type HsmsManagerOptions, type HsmsPeerOptions } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../../libs/hsms/src/hsms/hsms-handler.events.js';
import { A, L } from '../../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../../libs/hsms/src/protocol/secs-message.js';
import { SecsHandler } from '../../libs/hsms/src/secs/secs-handler.js';
import { CountingLogger } from './counting-logger.js';
import { CALM_TIMERS, type Cleanup, reachState } from './hsms-test-kit.js';
import { LOOPBACK } from './raw-peer.js';

/** An equipment peer of the manager (a SecsHandler in the equipment role) answering S1F1 with <L <A MDLN> <A SOFTREV>>. */
export type TestEquipment = SecsHandler;

export interface LiveEquipment {
  manager: HsmsConnectionManager;
  /** The multi-passive port every peer connects to. */
  port: number;
  /** Counts what the library logged (all peers). */
  logger: CountingLogger;
  equipment(name: string): TestEquipment;
}

export interface LivePeer {
  name: string;
  /** The loopback address the peer connects from. */
  address: string;
  /** Overrides of the manager's options for this peer. */
  options?: HsmsPeerOptions;
}

/**
 * A manager on 127.0.0.1 (a free port) with one equipment peer per entry of `peers`, each enabled.
 * Options default to CALM_TIMERS and a counting logger at 'warn'.
 */
export async function liveEquipment(
  cleanup: Cleanup,
  peers: readonly LivePeer[],
  options: HsmsManagerOptions = {},
): Promise<LiveEquipment> {
  const logger = new CountingLogger();
  const manager = cleanup.add(
    new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK, logger, logLevel: 'warn', ...options }),
    (m) => m.stop(),
  );
  for (const peer of peers) {
    const equipment = manager.addPeer<SecsHandler>({
      ...peer.options,
      name: peer.name,
      address: peer.address,
      port: 0,
      active: false,
      role: 'equipment',
    });
    equipment.registerStreamFunction(1, 1, () => L(A('LOADTEST'), A('1.0.0')));
  }
  await manager.ready();
  const port = manager.listeningPort(0);
  if (port === undefined) throw new Error('live equipment: the multi-passive port is not listening');
  return {
    manager,
    port,
    logger,
    equipment: (name) => {
      const handler = manager.get(name);
      if (!(handler instanceof SecsHandler)) throw new Error(`live equipment: no peer '${name}'`);
      return handler;
    },
  };
}

/** Our host (active SecsHandler) connecting from `localAddress` to the port, SELECTED. */
export async function goodHost(cleanup: Cleanup, port: number, localAddress: string): Promise<SecsHandler> {
  const connection = new HsmsActiveConnection(LOOPBACK, port, 0, undefined, { ...CALM_TIMERS, localAddress });
  const host = cleanup.add(new SecsHandler(connection, { name: `host@${localAddress}`, role: 'host' }), (h) => h.disable());
  host.enable();
  await reachState(host, HsmsState.Selected);
  return host;
}

/** One S1F1 round trip; resolves with its latency in ms. Throws if the reply is not S1F2. */
export async function roundTrip(host: SecsHandler): Promise<number> {
  const start = performance.now();
  const reply = await host.sendAndWaitForResponse(new SecsMessage(1, 1, true));
  if (reply.sf !== 'S1F2') throw new Error(`expected S1F2, got ${reply.sf}`);
  return performance.now() - start;
}

/**
 * Back-to-back S1F1 round trips on `host` until stop() (or `maxCount`): latencies go into a
 * fixed-size histogram and the first failures are kept, so a long run's memory does not grow with
 * its length and a test can say the good peer never failed while others misbehaved.
 */
export class RoundTripLoop {
  /** The first failures (at most MAX_KEPT_FAILURES); `failed` counts them all. */
  readonly failures: unknown[] = [];
  completed = 0;
  failed = 0;
  private readonly histogram: RecordableHistogram = createHistogram();
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly host: SecsHandler,
    private readonly maxCount = 10_000_000,
  ) {
    this.running = this.run();
  }

  /** Stops after the round trip in flight; resolves when it has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** The p-th percentile (0..100) of the latencies, in ms; NaN before the first. */
  percentile(p: number): number {
    return this.completed === 0 ? Number.NaN : this.histogram.percentile(Math.max(p, 0.0001)) / 1e6;
  }

  private async run(): Promise<void> {
    while (!this.stopped && this.completed + this.failed < this.maxCount) {
      try {
        this.histogram.record(Math.max(1, Math.round((await roundTrip(this.host)) * 1e6)));
        this.completed++;
      } catch (error) {
        this.failed++;
        if (this.failures.length < MAX_KEPT_FAILURES) this.failures.push(error);
      }
    }
  }
}

const MAX_KEPT_FAILURES = 20;
