import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { HsmsRequestInfo, HsmsRequestKind } from './hsms-errors.js';

/** How one pending request ends when its timer runs out. */
export interface PendingTimeout {
  readonly ms: number;
  /** The error the request fails with. */
  error(request: HsmsRequestInfo): Error;
  /** Runs after the request has failed (T6: close the link; idle probe: count a failure). */
  after?(request: HsmsRequestInfo): void;
}

interface PendingEntry {
  /** A plain copy of the request, safe to put in errors (no callbacks, no timer). */
  readonly info: HsmsRequestInfo;
  readonly resolve: (packet: HsmsPacket) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The open transactions of one connection, keyed by system bytes. Every entry settles exactly
 * once: by its reply, by an error (Reject.req, close), or by its timer; the entry is removed
 * before its promise settles, so a late second answer finds nothing.
 */
export class PendingRequests {
  private readonly entries = new Map<number, PendingEntry>();

  get size(): number {
    return this.entries.size;
  }

  has(system: number): boolean {
    return this.entries.has(system);
  }

  /** The open request with these system bytes, if its kind is `kind`. */
  find(system: number, kind: HsmsRequestKind): HsmsRequestInfo | undefined {
    const entry = this.entries.get(system);
    return entry !== undefined && entry.info.kind === kind ? entry.info : undefined;
  }

  /** Opens a transaction; the promise settles with the reply packet or an error. */
  open(request: HsmsRequestInfo, timeout: PendingTimeout): Promise<HsmsPacket> {
    return new Promise<HsmsPacket>((resolve, reject) => {
      const timer = setTimeout(() => this.expire(request.system, timeout), timeout.ms);
      const info: HsmsRequestInfo = { kind: request.kind, system: request.system, label: request.label };
      this.entries.set(request.system, { info, resolve, reject, timer });
    });
  }

  /** Settles the request of `kind` with these system bytes; false when no such request is open. */
  resolve(system: number, kind: HsmsRequestKind, reply: HsmsPacket): boolean {
    const entry = this.take(system, kind);
    entry?.resolve(reply);
    return entry !== undefined;
  }

  /** Fails the request with these system bytes (of any kind); returns it, or undefined when none is open. */
  reject(system: number, error: (request: HsmsRequestInfo) => Error): HsmsRequestInfo | undefined {
    const entry = this.take(system);
    entry?.reject(error(entry.info));
    return entry?.info;
  }

  /** Fails every open request (the connection closed). */
  rejectAll(error: (request: HsmsRequestInfo) => Error): void {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) {
      clearTimeout(entry.timer);
      entry.reject(error(entry.info));
    }
  }

  private expire(system: number, timeout: PendingTimeout): void {
    const entry = this.entries.get(system);
    if (entry === undefined) return;
    this.entries.delete(system);
    entry.reject(timeout.error(entry.info));
    timeout.after?.(entry.info);
  }

  private take(system: number, kind?: HsmsRequestKind): PendingEntry | undefined {
    const entry = this.entries.get(system);
    if (entry === undefined || (kind !== undefined && entry.info.kind !== kind)) return undefined;
    this.entries.delete(system);
    clearTimeout(entry.timer);
    return entry;
  }
}
