import { performance } from 'node:perf_hooks'; // the global `performance` is a getter: measurable per request
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { HsmsRequestInfo, HsmsRequestKind } from './hsms-errors.js';
import { SystemBytesTable } from './system-bytes-table.js';

/** How one pending request ends when its timer runs out. */
export interface PendingTimeout {
  readonly ms: number;
  /** The error the request fails with. */
  error(request: HsmsRequestInfo): Error;
  /** Runs after the request has failed (T6: close the link; idle probe: count a failure). */
  after?(request: HsmsRequestInfo): void;
}

/**
 * Turns the reply packet into what the request's promise resolves with (data requests: a
 * SecsMessage). A throw fails the request with that error instead (SxF0 at the SECS layer).
 */
export type ReplyConverter<T> = (packet: HsmsPacket, request: HsmsRequestInfo) => T;

type Settle = (value: unknown) => void;

/**
 * One executor for every request's Promise (a closure per request was measurable): it hands the
 * settle functions out through these two slots, read right after `new Promise` returns.
 */
let nextResolve: Settle | undefined;
let nextReject: ((error: Error) => void) | undefined;
function captureSettlers(resolve: Settle, reject: (error: Error) => void): void {
  nextResolve = resolve;
  nextReject = reject;
}

/** An entry's deadline before the table stamps it (after the send). */
const UNSTAMPED = -1;

/**
 * One open request: its description (kind, system, label) and how it settles, in one object (a
 * separate description object per request was measurable, issue 10). Errors get info(), a plain
 * copy with no callbacks and no timer.
 *
 * Every field holds a small integer or a pointer: the system bytes are read back from the key, and
 * the deadline is whole milliseconds. A field that ever holds a fraction or a number past 2^31
 * makes V8 give each entry a separate boxed number for it, on every request (issue 10).
 */
class PendingEntry {
  constructor(
    /** key(system): the table's key. */
    readonly key: number,
    readonly kind: HsmsRequestKind,
    readonly label: string,
    readonly resolve: (reply: unknown) => void,
    readonly reject: (error: Error) => void,
    readonly convert: ReplyConverter<unknown> | undefined,
    readonly timeout: PendingTimeout,
  ) {}

  /** performance.now() at which the request fails, rounded up to a whole millisecond; UNSTAMPED until the table stamps it. */
  deadline = UNSTAMPED;

  get system(): number {
    return this.key >>> 0;
  }

  info(): HsmsRequestInfo {
    return { kind: this.kind, system: this.system, label: this.label };
  }
}

/**
 * The table's key for system bytes: the same 32 bits as a signed integer. V8 stores integers up to
 * 2^31 - 1 inline (Smi); larger system bytes (half of all, from a random start) would be heap
 * numbers, allocated and hashed on every lookup.
 */
function key(system: number): number {
  return system | 0;
}

/**
 * The open transactions of one connection, keyed by system bytes. Every entry settles exactly
 * once: by its reply, by an error (Reject.req, close), or by its deadline; the entry is removed
 * before its promise settles, so a late second answer finds nothing.
 *
 * One timer serves the whole table, armed for the earliest deadline: a timer per request cost a
 * Timeout object, a timer-list insert and a removal on every message (bench/hsms.bench.ts: with
 * the per-request allocations HsmsHandler no longer makes, a fifth of a pipelined sender's CPU).
 * When the request it was armed for is answered, it fires at that old deadline, finds nothing due
 * and re-arms for the earliest remaining one. It is unref'd: an open request always has a
 * connected socket, which keeps the process alive, and a close fails every request (rejectAll).
 */
export class PendingRequests {
  /** Not a Map: see SystemBytesTable (a Map's churn kept every finished request alive through scavenges). */
  private readonly entries = new SystemBytesTable<PendingEntry>();
  private timer: NodeJS.Timeout | undefined;
  /** Opened since the last stamp: their deadlines are set on the next tick, from one clock read. */
  private readonly unstamped: PendingEntry[] = [];
  private stampScheduled = false;
  /** The deadline the timer is armed for (Infinity: not armed). */
  private timerDue = Number.POSITIVE_INFINITY;
  private readonly onTimer = (): void => this.expireDue();

  get size(): number {
    return this.entries.size;
  }

  has(system: number): boolean {
    return this.entries.get(key(system)) !== undefined;
  }

  /** Whether a request of `kind` with these system bytes is open. */
  isOpen(system: number, kind: HsmsRequestKind): boolean {
    const entry = this.entries.get(key(system));
    return entry !== undefined && entry.kind === kind;
  }

  /**
   * Opens a transaction; the promise settles with the reply packet (or `convert(packet)`) or an
   * error. Error factories get a plain copy of `request`.
   */
  open(request: HsmsRequestInfo, timeout: PendingTimeout): Promise<HsmsPacket>;
  open<T>(request: HsmsRequestInfo, timeout: PendingTimeout, convert: ReplyConverter<T>): Promise<T>;
  open(request: HsmsRequestInfo, timeout: PendingTimeout, convert?: ReplyConverter<unknown>): Promise<unknown> {
    return this.openRequest(request.kind, request.system, request.label, timeout, convert);
  }

  /** open() for a data request, with no request object (the requester's hot path). */
  openData<T>(system: number, label: string, timeout: PendingTimeout, convert: ReplyConverter<T>): Promise<T> {
    return this.openRequest('data', system, label, timeout, convert) as Promise<T>;
  }

  private openRequest(
    kind: HsmsRequestKind,
    system: number,
    label: string,
    timeout: PendingTimeout,
    convert: ReplyConverter<unknown> | undefined,
  ): Promise<unknown> {
    const promise = new Promise<unknown>(captureSettlers);
    const resolve = nextResolve!;
    const reject = nextReject!;
    nextResolve = nextReject = undefined;
    const entry = new PendingEntry(key(system), kind, label, resolve, reject, convert, timeout);
    this.entries.add(entry);
    this.unstamped.push(entry);
    if (!this.stampScheduled) {
      this.stampScheduled = true;
      process.nextTick(this.stamp);
    }
    return promise;
  }

  /**
   * Starts the timers of the requests opened since the last stamp: one clock read for all of them
   * (a clock read per request was 8% of a pipelined requester's time on a KVM clock, issue 10).
   * It runs on the next tick, after the connection wrote them (their bytes leave on that tick's
   * flush or earlier), so a timer never starts before its request was sent: E37's T3 counts from
   * the send.
   */
  private readonly stamp = (): void => {
    this.stampScheduled = false;
    const opened = this.unstamped;
    if (opened.length === 0) return;
    const now = performance.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < opened.length; i++) {
      const entry = opened[i]!;
      entry.deadline = Math.ceil(now + entry.timeout.ms); // never early; an entry answered or failed meanwhile is no longer in the table: harmless
      if (entry.deadline < earliest) earliest = entry.deadline;
    }
    opened.length = 0;
    if (earliest < this.timerDue) this.arm(earliest);
  };

  /** Settles the request of `kind` with these system bytes; false when no such request is open. */
  resolve(system: number, kind: HsmsRequestKind, reply: HsmsPacket): boolean {
    const entry = this.take(system, kind);
    if (entry === undefined) return false;
    if (entry.convert === undefined) {
      entry.resolve(reply);
      return true;
    }
    try {
      entry.resolve(entry.convert(reply, entry));
    } catch (error) {
      entry.reject(error instanceof Error ? error : new Error(String(error))); // settled all the same, never thrown at the reader
    }
    return true;
  }

  /** Fails the request with these system bytes (of `kind`, or any); returns it, or undefined when none is open. */
  reject(system: number, error: (request: HsmsRequestInfo) => Error, kind?: HsmsRequestKind): HsmsRequestInfo | undefined {
    const entry = this.take(system, kind);
    if (entry === undefined) return undefined;
    const info = entry.info();
    entry.reject(error(info));
    return info;
  }

  /** Fails every open request (the connection closed). */
  rejectAll(error: (request: HsmsRequestInfo) => Error): void {
    const all = this.entries.clear();
    this.unstamped.length = 0; // no timer for what is failing now
    this.disarm();
    for (const entry of all) entry.reject(error(entry.info()));
  }

  private arm(due: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDue = due;
    // Node may fire a little before performance.now() reaches `due`; expireDue() then re-arms.
    this.timer = setTimeout(this.onTimer, Math.max(1, Math.ceil(due - performance.now())));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
  }

  /** Fails every request whose deadline has passed (each removed first), then re-arms for the next. */
  private expireDue(): void {
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const due: PendingEntry[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.entries.values()) {
      if (entry.deadline === UNSTAMPED) continue; // opened on this tick: its timer has not started
      if (entry.deadline <= now) due.push(entry);
      else if (entry.deadline < next) next = entry.deadline;
    }
    for (const entry of due) this.entries.delete(entry.key);
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    for (const entry of due) {
      const info = entry.info();
      entry.reject(entry.timeout.error(info));
      entry.timeout.after?.(info);
    }
  }

  private take(system: number, kind?: HsmsRequestKind): PendingEntry | undefined {
    const entry = this.entries.get(key(system));
    if (entry === undefined || (kind !== undefined && entry.kind !== kind)) return undefined;
    this.entries.delete(entry.key);
    return entry;
  }
}
