import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsPeerPacketEvent } from '../hsms/hsms-manager.events.js';
import { TraceEntry, type TraceDirection, type TracePrintLimits } from './trace-entry.js';
import { TraceRing } from './trace-ring.js';

/**
 * Feeds every packet of every peer of a manager (the manager's 'packet' and 'sent' events) into a
 * TraceRing. Recording allocates one small entry per packet; SML is built only when read.
 */
export class TraceRecorder {
  readonly ring: TraceRing;
  private lastId = 0;
  private readonly onIn = (e: HsmsPeerPacketEvent): void => this.record(e, 'in');
  private readonly onOut = (e: HsmsPeerPacketEvent): void => this.record(e, 'out');

  constructor(
    private readonly manager: HsmsConnectionManager,
    capacity: number,
    private readonly limits: TracePrintLimits,
  ) {
    this.ring = new TraceRing(capacity);
  }

  start(): void {
    this.manager.on('packet', this.onIn);
    this.manager.on('sent', this.onOut);
  }

  stop(): void {
    this.manager.off('packet', this.onIn);
    this.manager.off('sent', this.onOut);
  }

  private record({ peer, packet }: HsmsPeerPacketEvent, direction: TraceDirection): void {
    this.ring.add(new TraceEntry(++this.lastId, peer, direction, packet, this.limits));
  }
}
