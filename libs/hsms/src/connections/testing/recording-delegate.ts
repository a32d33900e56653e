// Test-only (excluded from the published build by tsconfig.lib.json): a delegate that records
// every call of a connection, in order, and lets a test wait for the n-th call of a kind.
import type { HsmsHeader } from '../../protocol/hsms/hsms-header.js';
import type { HsmsPacket } from '../../protocol/hsms/hsms-packet.js';
import type { HsmsConnection } from '../hsms-connection.js';
import type { HsmsCloseCause, HsmsConnectionDelegate } from '../hsms-connection-delegate.js';

export type ConnectionEventKind = 'established' | 'packet' | 'oversize' | 'before-closed' | 'closed';

export interface ConnectionEvent {
  kind: ConnectionEventKind;
  /** performance.now() of the call. */
  at: number;
  /** The packet, for 'packet'. */
  packet?: HsmsPacket;
  /** The header and length field of a message over maxMessageLength, for 'oversize'. */
  oversize?: { header: HsmsHeader; length: number };
  /** connection.lastCloseCause at the call, for 'before-closed' and 'closed'. */
  cause?: HsmsCloseCause;
  /** connection.connected at the call. */
  connected: boolean;
}

interface Waiter {
  kind: ConnectionEventKind;
  occurrence: number;
  resolve(event: ConnectionEvent): void;
}

export class RecordingDelegate implements HsmsConnectionDelegate<HsmsConnection> {
  readonly events: ConnectionEvent[] = [];
  private waiters: Waiter[] = [];

  /** Extra behaviour per call (send a reply, close, throw), run after the call is recorded. */
  constructor(readonly react: Partial<HsmsConnectionDelegate<HsmsConnection>> = {}) {}

  get kinds(): ConnectionEventKind[] {
    return this.events.map((e) => e.kind);
  }

  get packets(): HsmsPacket[] {
    return this.events.flatMap((e) => (e.packet ? [e.packet] : []));
  }

  count(kind: ConnectionEventKind): number {
    return this.events.filter((e) => e.kind === kind).length;
  }

  /** Resolves with the `occurrence`-th event of `kind` (1-based; earlier ones count); rejects after `timeoutMs`. */
  next(kind: ConnectionEventKind, occurrence = 1, timeoutMs = 3000): Promise<ConnectionEvent> {
    const seen = this.events.filter((e) => e.kind === kind);
    if (seen.length >= occurrence) return Promise.resolve(seen[occurrence - 1]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        occurrence,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${kind} #${occurrence} within ${timeoutMs} ms; got ${this.kinds.join(', ') || 'nothing'}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  onConnectionEstablished(connection: HsmsConnection): void {
    this.record('established', connection);
    return this.react.onConnectionEstablished?.(connection);
  }
  onConnectionPacketReceived(connection: HsmsConnection, packet: HsmsPacket): void {
    this.record('packet', connection, packet);
    return this.react.onConnectionPacketReceived?.(connection, packet);
  }
  onConnectionOversizeMessage(connection: HsmsConnection, header: HsmsHeader, length: number): void {
    this.record('oversize', connection, undefined, { header, length });
    return this.react.onConnectionOversizeMessage?.(connection, header, length);
  }
  onConnectionBeforeClosed(connection: HsmsConnection): void {
    this.record('before-closed', connection);
    return this.react.onConnectionBeforeClosed?.(connection);
  }
  onConnectionClosed(connection: HsmsConnection): void {
    this.record('closed', connection);
    return this.react.onConnectionClosed?.(connection);
  }

  private record(kind: ConnectionEventKind, connection: HsmsConnection, packet?: HsmsPacket, oversize?: ConnectionEvent['oversize']): void {
    const closing = kind === 'before-closed' || kind === 'closed';
    const cause = closing ? connection.lastCloseCause : undefined;
    this.events.push({ kind, at: performance.now(), packet, oversize, cause, connected: connection.connected });
    const n = this.count(kind);
    const ready = this.waiters.filter((w) => w.kind === kind && w.occurrence === n);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(this.events[this.events.length - 1]!);
  }
}
