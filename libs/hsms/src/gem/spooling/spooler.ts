import type { SecsMessage } from '../../protocol/secs-message.js';
import type { GemStateStore, StateDocument } from '../state/gem-state-store.js';
import { decodeSpoolRecord, encodeSpoolRecord } from './spool-record.js';

export type SpoolLoadState = 'SPOOL_NOT_FULL' | 'SPOOL_FULL';
export type SpoolUnloadState = 'NO_SPOOL_OUTPUT' | 'TRANSMIT_SPOOL' | 'PURGE_SPOOL';

/** The E30 spool state model and its counters. */
export interface SpoolStatus {
  /** SPOOL ACTIVE (true) or SPOOL INACTIVE. */
  readonly active: boolean;
  readonly load: SpoolLoadState;
  readonly unload: SpoolUnloadState;
  /** SpoolCountActual: messages in the spool now. */
  readonly countActual: number;
  /** SpoolCountTotal: messages offered to the spool since it became active, those discarded at full included. */
  readonly countTotal: number;
  /** SpoolStartTime: when the spool last became active. */
  readonly startTime: Date | undefined;
  /** SpoolFullTime: when the spool last became full. */
  readonly fullTime: Date | undefined;
}

/** The spooling constants as they are now (E30 EnableSpooling, OverWriteSpool, MaxSpoolTransmit). */
export interface SpoolConstants {
  readonly enabled: boolean;
  readonly overwrite: boolean;
  /** Messages sent per S6F23 transmit request; 0 sends them all. */
  readonly maxTransmit: number;
}

export type SpoolChange = 'activated' | 'deactivated' | 'full' | 'transmitFailed';

export interface SpoolerLinks {
  readonly store: GemStateStore;
  /** Most messages the spool holds (E30 leaves the spool size to the equipment). */
  readonly capacity: number;
  constants(): SpoolConstants;
  now(): Date;
  /** Sends a spooled primary and, when it has the W-bit, waits for its reply; rejects when that fails. */
  send(message: SecsMessage): Promise<void>;
  changed(change: SpoolChange, status: SpoolStatus): void;
}

/** What offer() did with a message. */
export type SpoolOfferResult = 'spooled' | 'discarded';

/** S6F23 RSDA codes (E5). */
export const RSDA_OK = 0;
export const RSDA_BUSY = 1;
export const RSDA_NO_DATA = 2;

const STATE_DOCUMENT = 'spool-state';

/**
 * E30 spooling: messages the equipment cannot send because communication is down are kept in the
 * store's spool queue (the equipment calls offer()), and sent in order, oldest first, when the
 * host asks with S6F23 RSDC 0, or thrown away with RSDC 1.
 *
 * State model (E30 spooling state diagram):
 * - SPOOL INACTIVE -> SPOOL ACTIVE when the first message is spooled (spooling enabled and the
 *   link not COMMUNICATING); SpoolStartTime is set and SpoolCountTotal starts from 0.
 * - In SPOOL ACTIVE, load: SPOOL NOT FULL <-> SPOOL FULL at `capacity`; when full, the oldest
 *   message is overwritten when OverWriteSpool is true, else the new message is discarded.
 * - In SPOOL ACTIVE, unload: NO SPOOL OUTPUT -> TRANSMIT SPOOL (S6F23 RSDC 0) -> NO SPOOL OUTPUT
 *   after MaxSpoolTransmit messages or a failed send (the unsent rest stays); NO SPOOL OUTPUT ->
 *   PURGE SPOOL (RSDC 1) -> SPOOL INACTIVE. An emptied spool returns to SPOOL INACTIVE.
 * The active/full state and the counters are stored on every transition (document 'spool-state'),
 * the messages as they come (the queue), so a restart continues where the process stopped.
 */
export class Spooler {
  private active = false;
  private full = false;
  private unload: SpoolUnloadState = 'NO_SPOOL_OUTPUT';
  private countTotal = 0;
  private startTime: Date | undefined;
  private fullTime: Date | undefined;

  constructor(private readonly links: SpoolerLinks) {
    this.restore(links.store.get(STATE_DOCUMENT));
  }

  get status(): SpoolStatus {
    return {
      active: this.active,
      load: this.full ? 'SPOOL_FULL' : 'SPOOL_NOT_FULL',
      unload: this.unload,
      countActual: this.links.store.spool.length,
      countTotal: this.countTotal,
      startTime: this.startTime,
      fullTime: this.fullTime,
    };
  }

  /** Whether spooling is enabled now (EnableSpooling). */
  get enabled(): boolean {
    return this.links.constants().enabled;
  }

  /** Puts a message the equipment could not send into the spool. */
  offer(message: SecsMessage): SpoolOfferResult {
    const spool = this.links.store.spool;
    if (!this.active) this.activate();
    this.countTotal++;
    if (spool.length >= this.links.capacity) {
      if (!this.full) {
        this.full = true;
        this.fullTime = this.links.now();
        this.save();
        this.notify('full');
      }
      if (!this.links.constants().overwrite) return 'discarded';
      spool.dropFirst(spool.length - this.links.capacity + 1);
    }
    spool.append(encodeSpoolRecord(message));
    return 'spooled';
  }

  /**
   * S6F23 RSDC 0: RSDA, and when 0 the transmission to start once S6F24 has left. The promise of
   * `start()` settles when this request's messages are sent (or sending failed).
   */
  requestTransmit(): { rsda: number; start?: () => Promise<void> } {
    if (this.unload !== 'NO_SPOOL_OUTPUT') return { rsda: RSDA_BUSY };
    if (!this.active || this.links.store.spool.length === 0) return { rsda: RSDA_NO_DATA };
    this.unload = 'TRANSMIT_SPOOL';
    return { rsda: RSDA_OK, start: () => this.transmit() };
  }

  /** S6F23 RSDC 1: RSDA; the spool is emptied at once (E30 PURGE SPOOL -> SPOOL INACTIVE). */
  purge(): number {
    if (this.unload !== 'NO_SPOOL_OUTPUT') return RSDA_BUSY;
    if (!this.active || this.links.store.spool.length === 0) return RSDA_NO_DATA;
    this.unload = 'PURGE_SPOOL';
    this.links.store.spool.clear();
    this.deactivate();
    return RSDA_OK;
  }

  private async transmit(): Promise<void> {
    const spool = this.links.store.spool;
    const max = this.links.constants().maxTransmit;
    let sent = 0;
    try {
      while (spool.length > 0 && (max === 0 || sent < max)) {
        const [record] = spool.peek(1);
        let message: SecsMessage | undefined;
        try {
          message = decodeSpoolRecord(record!);
        } catch {
          message = undefined; // a record we cannot read is dropped rather than blocking the spool for ever
        }
        if (message !== undefined) await this.links.send(message);
        spool.dropFirst(1);
        sent++;
        if (this.full && spool.length < this.links.capacity) this.full = false;
      }
    } catch {
      this.unload = 'NO_SPOOL_OUTPUT';
      this.save();
      this.notify('transmitFailed');
      return;
    }
    this.unload = 'NO_SPOOL_OUTPUT';
    if (spool.length === 0) this.deactivate();
    else this.save();
  }

  private activate(): void {
    this.active = true;
    this.full = false;
    this.countTotal = 0;
    this.startTime = this.links.now();
    this.fullTime = undefined;
    this.save();
    this.notify('activated');
  }

  private deactivate(): void {
    this.active = false;
    this.full = false;
    this.unload = 'NO_SPOOL_OUTPUT';
    this.save();
    this.notify('deactivated');
  }

  private notify(change: SpoolChange): void {
    this.links.changed(change, this.status);
  }

  private save(): void {
    this.links.store.put(STATE_DOCUMENT, {
      active: this.active,
      full: this.full,
      countTotal: this.countTotal,
      startTime: this.startTime?.toISOString() ?? null,
      fullTime: this.fullTime?.toISOString() ?? null,
    });
  }

  private restore(document: StateDocument | undefined): void {
    const spooled = this.links.store.spool.length;
    const saved =
      document !== null && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, StateDocument>) : {};
    this.active = saved['active'] === true || spooled > 0;
    this.full = saved['full'] === true && spooled >= this.links.capacity;
    this.countTotal = Math.max(typeof saved['countTotal'] === 'number' ? saved['countTotal'] : 0, spooled);
    this.startTime = dateOf(saved['startTime']) ?? (this.active ? this.links.now() : undefined);
    this.fullTime = dateOf(saved['fullTime']);
  }
}

function dateOf(value: StateDocument | undefined): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
