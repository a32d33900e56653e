// The host side of the soak (this process): one HsmsConnectionManager with the equipment as
// multi-passive peers on one port plus a few active peers, asking each SELECTED peer for S1F3 at a
// steady rate and acknowledging its S6F11 events. Every request's outcome and round-trip time is
// recorded; the latencies go into a fixed-size histogram, so the host's memory does not grow with
// the length of the run.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { HsmsConnection } from '../../libs/hsms/src/connections/hsms-connection.js';
import { HsmsConnectionManager, type HsmsManagerOptions } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import type { HsmsHandlerOptions } from '../../libs/hsms/src/hsms/hsms-handler.js';
import { B, L, U4 } from '../../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../../libs/hsms/src/protocol/secs-message.js';
import { SecsHandler } from '../../libs/hsms/src/secs/secs-handler.js';
import { Outcomes } from './outcomes.js';
import { SteadyRate } from './steady-rate.js';

/** S1F3 asking for three status variables. */
const S1F3 = new SecsMessage(1, 3, true, L(U4(1), U4(2), U4(3)));
/** ACKC6 0: accepted. */
const S6F12_BODY = B([0]);

/** Counters the host handlers share. */
export class HostStats {
  readonly requests = new Outcomes();
  readonly latency: RecordableHistogram = createHistogram();
  eventsReceived = 0;

  reset(): void {
    this.requests.reset();
    this.latency.reset();
    this.eventsReceived = 0;
  }
}

/** A host-role SecsHandler that acknowledges S6F11 and can ask for S1F3. */
export class SoakHostHandler extends SecsHandler {
  /** Set by SoakHost right after the manager creates the handler. */
  stats: HostStats | undefined;

  constructor(connection: HsmsConnection, options: HsmsHandlerOptions = {}) {
    super(connection, { ...options, role: 'host' });
    this.registerStreamFunction(6, 11, () => {
      this.stats!.eventsReceived++;
      return S6F12_BODY;
    });
  }

  /** One S1F3 round trip, timed; its outcome is tracked whatever it is. */
  requestStatus(): void {
    const stats = this.stats!;
    const started = performance.now();
    stats.requests.track(
      this.sendAndWaitForResponse(S1F3).then((reply) => {
        stats.latency.record(Math.max(1, Math.round((performance.now() - started) * 1e6)));
        return reply;
      }),
    );
  }
}

export class SoakHost {
  readonly manager: HsmsConnectionManager;
  readonly stats = new HostStats();
  private readonly handlers: SoakHostHandler[] = [];
  private readonly requests: SteadyRate<SoakHostHandler>;

  /** `requestRate`: S1F3 per peer per second. */
  constructor(options: HsmsManagerOptions, requestRate: number, peerCount: number) {
    this.manager = new HsmsConnectionManager({ ...options, bindAddress: '127.0.0.1' });
    this.requests = new SteadyRate(
      () => this.handlers.filter((h) => h.selected),
      requestRate * peerCount,
      (h) => h.requestStatus(),
    );
  }

  /** Equipment that connects to our multi-passive port from `address`. */
  addPassive(name: string, address: string): void {
    this.track(this.manager.addPeer(name, address, 0, false, 0, SoakHostHandler));
  }

  /** Equipment listening on 127.0.0.1:port that we connect to. */
  addActive(name: string, port: number, t5: number): void {
    this.track(this.manager.addPeer(name, '127.0.0.1', port, true, 0, SoakHostHandler, { t5 }));
  }

  get selectedCount(): number {
    return this.handlers.filter((h) => h.selected).length;
  }

  get peerCount(): number {
    return this.handlers.length;
  }

  /** Resolves once every peer is SELECTED; rejects after `timeoutMs` naming how many are. */
  allSelected(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.selectedCount < this.handlers.length) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`only ${this.selectedCount} of ${this.handlers.length} peers SELECTED after ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.manager.off('selected', check);
      };
      this.manager.on('selected', check);
      check();
    });
  }

  startLoad(): void {
    this.requests.start();
  }

  stopLoad(): void {
    this.requests.stop();
  }

  private track(handler: SoakHostHandler): void {
    handler.stats = this.stats;
    this.handlers.push(handler);
    handler.enable();
  }
}
