// A small tool model for the gateway's tests, drill and benchmark: a passive HSMS equipment (one
// session at a time, as E37 requires) that raises S6F11 collection events and keeps every one not
// yet acknowledged (S6F12 ACKC6 0) in order, re-sending from the oldest after each new selection
// or failure. That is the part of E30 spooling the cluster relies on.
//
// When issue 12's spooling EquipmentSimulator merges, the drill and bench can swap it in where
// they create ResendingTool (drill/failover-drill.ts, drill/gateway-bench.ts): its spool replays
// unacknowledged events the same way.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { A, F8, HsmsPassiveConnection, type HsmsTimerOptions, L, type SecsItem, SecsHandler, SecsMessage, U4 } from '@app/hsms';

export interface ResendingToolOptions {
  name: string;
  sessionId?: number;
  /** Port to listen on; 0 (default) lets the OS pick (see start()). */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  bindAddress?: string;
  /** Events in flight at once (sent, not yet answered). Default 1. */
  window?: number;
  /** Wait before re-sending after a failed event while still SELECTED (ms). Default 100. */
  retryMs?: number;
  /** HSMS timers in seconds (tests use fractions). */
  timers?: HsmsTimerOptions;
}

interface PendingEvent {
  readonly seq: number;
  readonly raisedAt: number;
  readonly message: SecsMessage;
}

interface ToolEvents {
  selected: [at: number];
  acked: [seq: number, raisedAt: number];
}

/** What the tool put in an S6F11: its own event number (also the DATAID) and when it was raised (ms since the epoch). */
export interface ToolEventContent {
  seq: number;
  raisedAt: number;
}

const CEID = 100;
const RPTID = 1;

/** Reads the tool's event number and time from an S6F11 it sent; undefined for anything else. */
export function readToolEvent(message: SecsMessage): ToolEventContent | undefined {
  const body = message.body;
  if (message.sf !== 'S6F11' || body?.type !== 'L') return undefined;
  const values = (body.items[2] as SecsItem | undefined)?.type === 'L' ? reportValues(body.items[2]!) : undefined;
  const seq = values?.[0];
  const raisedAt = values?.[1];
  if (seq?.type !== 'U4' || raisedAt?.type !== 'F8') return undefined;
  return { seq: seq.values[0]!, raisedAt: raisedAt.values[0]! };
}

function reportValues(reports: SecsItem): readonly SecsItem[] | undefined {
  if (reports.type !== 'L') return undefined;
  const report = reports.items[0];
  if (report?.type !== 'L') return undefined;
  const values = report.items[1];
  return values?.type === 'L' ? values.items : undefined;
}

export class ResendingTool extends EventEmitter<ToolEvents> {
  readonly name: string;
  readonly handler: SecsHandler;
  private readonly connection: HsmsPassiveConnection;
  private readonly window: number;
  private readonly retryMs: number;
  private readonly unacked: PendingEvent[] = [];
  private nextSeq = 1;
  private pumping = false;
  private running = false;
  private ackedCount = 0;
  private sentCount = 0;
  /** Wall-clock times (ms since the epoch) of every selection, in order. */
  readonly selections: number[] = [];

  constructor(options: ResendingToolOptions) {
    super();
    this.name = options.name;
    this.window = options.window ?? 1;
    this.retryMs = options.retryMs ?? 100;
    this.connection = new HsmsPassiveConnection('0.0.0.0', options.port ?? 0, options.sessionId ?? 0, undefined, {
      ...options.timers,
      bindAddress: options.bindAddress ?? '127.0.0.1',
      logLevel: 'warn',
    });
    this.handler = new SecsHandler(this.connection, { name: options.name, role: 'equipment' });
    this.handler.registerStreamFunction(1, 1, () => L(A(this.name), A('1.0')));
    this.handler.registerStreamFunction(1, 3, () => L(U4(this.ackedCount)));
    this.handler.on('selected', () => {
      const at = performance.timeOrigin + performance.now();
      this.selections.push(at);
      this.emit('selected', at);
      void this.pump();
    });
  }

  /** Starts listening; resolves with the port. */
  async start(): Promise<number> {
    this.running = true;
    this.handler.enable();
    return this.connection.whenListening();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.handler.disable();
  }

  /** Raises the next collection event; it is sent now if SELECTED, else after the next selection. Returns its number. */
  raise(): number {
    const seq = this.nextSeq++;
    const raisedAt = performance.timeOrigin + performance.now();
    const body = L(U4(seq), U4(CEID), L(L(U4(RPTID), L(U4(seq), F8(raisedAt)))));
    this.unacked.push({ seq, raisedAt, message: new SecsMessage(6, 11, true, body) });
    void this.pump();
    return seq;
  }

  get raised(): number {
    return this.nextSeq - 1;
  }

  /** Events acknowledged by the host (ACKC6 0). */
  get acked(): number {
    return this.ackedCount;
  }

  /** S6F11 transactions sent, first sends and re-sends. */
  get sent(): number {
    return this.sentCount;
  }

  /** Events raised and not yet acknowledged. */
  get pending(): number {
    return this.unacked.length;
  }

  get selected(): boolean {
    return this.handler.selected;
  }

  /**
   * Sends the oldest unacknowledged events, `window` at a time, in order. An event is dropped
   * from the queue only when it and every event before it were acknowledged; after any failure
   * the rest of the window is re-sent from the oldest (the gateway's message ids absorb the
   * duplicates). Ends when the queue is empty, the link is down, or stop() was called.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.running && this.handler.selected && this.unacked.length > 0) {
        const batch = this.unacked.slice(0, this.window);
        this.sentCount += batch.length;
        const results = await Promise.allSettled(batch.map((e) => this.handler.sendAndWaitForResponse(e.message)));
        let done = 0;
        for (const result of results) {
          if (result.status !== 'fulfilled' || !isAck(result.value)) break;
          done++;
        }
        for (const event of this.unacked.splice(0, done)) {
          this.ackedCount++;
          this.emit('acked', event.seq, event.raisedAt);
        }
        if (done < batch.length) await delay(this.retryMs);
      }
    } finally {
      this.pumping = false;
    }
    if (this.running && this.handler.selected && this.unacked.length > 0) void this.pump(); // raised while finishing
  }
}

function isAck(reply: SecsMessage): boolean {
  const body = reply.body;
  return reply.sf === 'S6F12' && body?.type === 'B' && body.bytes.length === 1 && body.bytes[0] === 0;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
