import type { SecsItem } from '../../protocol/items/secs-item.js';
import type { IdReading } from '../../secs/catalogue/index.js';
import { idKey } from '../gem-id.js';

/** One trace as S2F23 set it up. */
export interface TraceSetup {
  readonly trid: IdReading;
  readonly periodMs: number;
  readonly totalSamples: number;
  readonly groupSize: number;
  readonly svids: readonly IdReading[];
}

/** A full group of samples, ready for S6F1: SMPLN and time of its last sample, the SVs in sample order. */
export interface TraceGroup {
  readonly trid: IdReading;
  readonly smpln: number;
  readonly time: Date;
  readonly values: readonly SecsItem[];
}

export interface TraceLinks {
  /** The SVs' current values, in the order asked. */
  sample(svids: readonly IdReading[]): Promise<SecsItem[]>;
  now(): Date;
  /** Sends a group (S6F1); failures are the sender's to log. */
  send(group: TraceGroup): void;
}

/**
 * E30 trace data collection: each trace samples its SVs every DSPER, TOTSMP times, and sends
 * them REPGSZ samples per S6F1 (the last group may be smaller when TOTSMP is not a multiple).
 * A trace with the TRID of a running one replaces it; TOTSMP 0 stops it. Timers are unref'd so a
 * forgotten trace never keeps a process alive.
 */
export class TraceRunner {
  private readonly traces = new Map<
    string,
    { setup: TraceSetup; timer: NodeJS.Timeout; taken: number; group: SecsItem[]; sampling: boolean }
  >();

  constructor(private readonly links: TraceLinks) {}

  get count(): number {
    return this.traces.size;
  }

  has(trid: IdReading): boolean {
    return this.traces.has(idKey(trid));
  }

  start(setup: TraceSetup): void {
    this.stop(setup.trid);
    const trace = {
      setup,
      taken: 0,
      group: [] as SecsItem[],
      sampling: false,
      timer: setInterval(() => void this.tick(key), setup.periodMs),
    };
    const key = idKey(setup.trid);
    trace.timer.unref();
    this.traces.set(key, trace);
  }

  /** Stops a trace; false when there was none. */
  stop(trid: IdReading): boolean {
    const key = idKey(trid);
    const trace = this.traces.get(key);
    if (trace === undefined) return false;
    clearInterval(trace.timer);
    this.traces.delete(key);
    return true;
  }

  stopAll(): void {
    for (const trace of this.traces.values()) clearInterval(trace.timer);
    this.traces.clear();
  }

  private async tick(key: string): Promise<void> {
    const trace = this.traces.get(key);
    if (trace === undefined || trace.sampling) return; // a slow SV read skips a period rather than piling up
    trace.sampling = true;
    try {
      const values = await this.links.sample(trace.setup.svids);
      if (this.traces.get(key) !== trace) return;
      trace.taken++;
      trace.group.push(...values);
      const last = trace.taken >= trace.setup.totalSamples;
      if (trace.group.length >= trace.setup.groupSize * trace.setup.svids.length || last) {
        const group = trace.group;
        trace.group = [];
        this.links.send({ trid: trace.setup.trid, smpln: trace.taken, time: this.links.now(), values: group });
      }
      if (last) this.stop(trace.setup.trid);
    } finally {
      trace.sampling = false;
    }
  }
}
