import type { SecsItem } from '../../protocol/items/secs-item.js';
import { parseS2F24, parseS6F1, S2F23, S6F2, type IdReading, type IdValue } from '../../secs/catalogue/index.js';
import { GemRequestDeniedError } from '../gem-errors.js';
import { idKey } from '../gem-id.js';
import { receiver, type HostReceiverContext } from './host-receivers.js';
import { ask, type HostRequestLinks } from './host-requests.js';

/** What startTrace asks for. */
export interface TraceRequest {
  /** TRID; by default the next free number from 1. */
  readonly trid?: number;
  /** DSPER in milliseconds (sent as hhmmsscc, hundredths of a second). */
  readonly periodMs: number;
  /** TOTSMP: samples to take. */
  readonly totalSamples: number;
  /** REPGSZ: samples per S6F1. Default 1. */
  readonly groupSize?: number;
  readonly svids: readonly IdValue[];
}

/** One S6F1 as the host sees it: the group split into samples of the trace's SVs. */
export interface TraceReport {
  readonly trid: IdReading;
  /** SMPLN of the last sample in the group. */
  readonly smpln: number;
  readonly stime: string;
  /** One array of SVs (in SVID order) per sample; one array of all values when the trace is not ours. */
  readonly samples: readonly (readonly SecsItem[])[];
}

/** A running trace started by this host. */
export interface TraceHandle {
  readonly trid: number;
  /** Calls `listener` for each report of this trace; returns the function that stops listening. */
  onReport(listener: (report: TraceReport) => void): () => void;
  /** S2F23 with TOTSMP 0. */
  stop(): Promise<void>;
}

/** E30 trace data collection from the host: S2F23 to start and stop, S6F1 received as 'traceData'. */
export class TraceRequests {
  /** TRID key -> SVs per sample. */
  private readonly widths = new Map<string, number>();
  private readonly listeners = new Set<(report: TraceReport) => void>();
  private nextTrid = 1;

  constructor(private readonly links: HostRequestLinks) {}

  async start(request: TraceRequest): Promise<TraceHandle> {
    const trid = request.trid ?? this.freeTrid();
    const message = S2F23(
      { trid, dsper: request.periodMs, totsmp: request.totalSamples, repgsz: request.groupSize ?? 1, svids: request.svids },
      this.links.build,
    );
    this.widths.set(idKey(trid), request.svids.length);
    const tiaack = await ask(this.links, message, parseS2F24);
    if (tiaack !== 0) {
      this.widths.delete(idKey(trid));
      throw new GemRequestDeniedError('S2F23', 'TIAACK', tiaack, this.links.parse.catalogue?.constantName('TIAACK', tiaack));
    }
    return {
      trid,
      onReport: (listener) => {
        const filtered = (report: TraceReport): void => {
          if (idKey(report.trid) === idKey(trid)) listener(report);
        };
        this.listeners.add(filtered);
        return () => this.listeners.delete(filtered);
      },
      stop: () => this.stop(trid),
    };
  }

  /** S2F23 with TOTSMP 0 stops the trace. */
  async stop(trid: IdValue): Promise<void> {
    const tiaack = await ask(this.links, S2F23({ trid, dsper: '000001', totsmp: 0, repgsz: 1, svids: [] }, this.links.build), parseS2F24);
    if (tiaack !== 0)
      throw new GemRequestDeniedError('S2F23', 'TIAACK', tiaack, this.links.parse.catalogue?.constantName('TIAACK', tiaack));
    if (typeof trid !== 'object') this.widths.delete(idKey(trid as IdReading));
  }

  /**
   * S6F1 as a default route: each report is emitted as 'traceData' and given to the handles'
   * listeners when it arrives (also when the application answers it), and answered S6F2 ACKC6 0
   * (1 when its body does not match its structure) when the application does not.
   */
  registerReceiver(ctx: HostReceiverContext): void {
    receiver(
      ctx,
      6,
      1,
      (m) => parseS6F1(m, ctx.parse),
      (data) => {
        const width = this.widths.get(idKey(data.trid));
        const samples: SecsItem[][] = [];
        if (width === undefined || width === 0) samples.push([...data.values]);
        else for (let i = 0; i < data.values.length; i += width) samples.push(data.values.slice(i, i + width));
        const report: TraceReport = { trid: data.trid, smpln: data.smpln, stime: data.stime, samples };
        ctx.emit('traceData', report);
        for (const listener of [...this.listeners]) listener(report);
      },
      (ok) => S6F2(ok ? 0 : 1, ctx.build),
    );
  }

  private freeTrid(): number {
    while (this.widths.has(idKey(this.nextTrid))) this.nextTrid++;
    return this.nextTrid++;
  }
}
