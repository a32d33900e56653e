import { gemCapabilitiesOf } from '../gem/gem-capabilities.js';
import type { AlarmReport, CollectionEventReport, GemHostHandlerEvents } from '../gem/gem-host.events.js';
import { packetLabel } from '../hsms/packet-description.js';
import type { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsPeerClosedEvent, HsmsPeerEvent, HsmsPeerPacketEvent } from '../hsms/hsms-manager.events.js';
import { rejectReasonText } from '../hsms/hsms-errors.js';
import { PTYPE_SECS2, SType } from '../protocol/hsms/s-type.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { printItemSml } from '../protocol/sml/sml-item-printer.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import { parseS5F1, parseS6F11, type EventReportReading } from '../secs/catalogue/index.js';

/** The last thing that went wrong with a peer, as the console shows it. */
export interface ConsoleError {
  readonly time: string;
  readonly text: string;
}

/** The last report of one collection event a GEM host received. */
export interface ConsoleEventReport {
  readonly ceid: string;
  readonly time: string;
  readonly dataId: string;
  /** Each report: RPTID and its values in SML. */
  readonly reports: ReadonlyArray<{ readonly rptid: string; readonly values: readonly string[] }>;
  /** Values of subscribed reports by variable name, in SML. */
  readonly values: Readonly<Record<string, string>>;
}

/** An alarm that is set: for a host, as the equipment reported it (S5F1, ALCD bit 8) until cleared. */
export interface ConsoleAlarm {
  readonly alid: string;
  readonly text: string;
  /** ALCD bits 1-7; null when not seen in an S5F1. */
  readonly category: number | null;
  /** When the S5F1 that set it went by; null when the console did not see it. */
  readonly since: string | null;
}

/** A status variable read with "read status variables" (S1F11 + S1F3). */
export interface ConsoleStatusVariable {
  readonly svid: string;
  readonly name: string;
  readonly units: string;
  readonly value: string;
}

/** What the console remembers of one peer beyond the handler's own state and counters. */
export interface PeerActivityRecord {
  lastError: ConsoleError | null;
  readonly events: Map<string, ConsoleEventReport>;
  readonly alarms: Map<string, ConsoleAlarm>;
  statusVariables: { readonly time: string; readonly values: ConsoleStatusVariable[] } | null;
}

// E5 stream 9 messages, named for the last-error line.
const S9_NAMES: Readonly<Record<number, string>> = {
  1: 'unrecognized device id',
  3: 'unrecognized stream',
  5: 'unrecognized function',
  7: 'illegal data',
  9: 'transaction timer timeout',
  11: 'data too long',
  13: 'conversation timeout',
};
// Sample values shown per report value: a report of 10,000 values must not become a 10 MB JSON.
const MAX_SML = 2000;
const MAX_EVENTS_PER_PEER = 200;

/**
 * Watches the manager for what the console shows beside the handlers' own status: each peer's
 * last error (a close that was not ours, an S9, a Reject, an SxF0, a failed console send) and,
 * for GEM peers, the last report of each collection event and the alarms set: a host's from its
 * typed events, an equipment's from the S6F11 and S5F1 it sends.
 */
export class PeerActivity {
  private readonly peers = new Map<string, PeerActivityRecord>();
  private readonly detachers = new Map<string, () => void>();
  // on 'peerAdded', and again on 'selected': a peer given GEM by attachGem() after it was added is seen then
  private readonly onPeer = (e: HsmsPeerEvent): void => this.attach(e);
  private readonly onRemoved = ({ peer }: HsmsPeerEvent): void => {
    this.detachers.get(peer)?.();
    this.detachers.delete(peer);
    this.peers.delete(peer);
  };
  private readonly onClosed = ({ peer, cause }: HsmsPeerClosedEvent): void => {
    if (cause !== 'local') this.error(peer, `connection closed (${cause})`);
  };
  private readonly onIn = (e: HsmsPeerPacketEvent): void => this.inspect(e, 'received');
  private readonly onOut = (e: HsmsPeerPacketEvent): void => {
    this.inspect(e, 'sent');
    this.equipmentReport(e);
  };

  constructor(private readonly manager: HsmsConnectionManager) {}

  start(): void {
    for (const { name, handler } of this.manager.peers) this.attach({ peer: name, handler });
    this.manager.on('peerAdded', this.onPeer);
    this.manager.on('selected', this.onPeer);
    this.manager.on('peerRemoved', this.onRemoved);
    this.manager.on('closed', this.onClosed);
    this.manager.on('packet', this.onIn);
    this.manager.on('sent', this.onOut);
  }

  stop(): void {
    this.manager.off('peerAdded', this.onPeer);
    this.manager.off('selected', this.onPeer);
    this.manager.off('peerRemoved', this.onRemoved);
    this.manager.off('closed', this.onClosed);
    this.manager.off('packet', this.onIn);
    this.manager.off('sent', this.onOut);
    for (const detach of this.detachers.values()) detach();
    this.detachers.clear();
  }

  /** The record of `peer` (an empty one for a peer not seen yet). */
  of(peer: string): PeerActivityRecord {
    let record = this.peers.get(peer);
    if (record === undefined) {
      record = { lastError: null, events: new Map(), alarms: new Map(), statusVariables: null };
      this.peers.set(peer, record);
    }
    return record;
  }

  /** Notes an error against the peer (also used for the console's own failed sends). */
  error(peer: string, text: string): void {
    this.of(peer).lastError = { time: new Date().toISOString(), text };
  }

  private attach({ peer, handler }: HsmsPeerEvent): void {
    if (this.detachers.has(peer) || gemCapabilitiesOf(handler)?.host === undefined) return;
    // a peer with the GEM host capability emits its typed events (GemHost's default routes)
    const host = handler as unknown as SecsHandler<GemHostHandlerEvents>;
    const onEvent = (report: CollectionEventReport): void => this.noteEvent(peer, report);
    const onAlarm = (alarm: AlarmReport): void => this.noteAlarm(peer, alarm);
    host.on('collectionEvent', onEvent);
    host.on('alarm', onAlarm);
    this.detachers.set(peer, () => {
      host.off('collectionEvent', onEvent);
      host.off('alarm', onAlarm);
    });
  }

  private noteEvent(peer: string, report: EventReportReading & { readonly values?: Readonly<Record<string, SecsItem>> }): void {
    const events = this.of(peer).events;
    const ceid = String(report.ceid);
    events.delete(ceid); // re-inserted last: the map's order is "least recently reported first"
    events.set(ceid, {
      ceid,
      time: new Date().toISOString(),
      dataId: String(report.dataId),
      reports: report.reports.map((r) => ({ rptid: String(r.rptid), values: r.values.map(sml) })),
      values: Object.fromEntries(Object.entries(report.values ?? {}).map(([name, value]) => [name, sml(value)])),
    });
    if (events.size > MAX_EVENTS_PER_PEER) events.delete(events.keys().next().value!);
  }

  /** An equipment's own S6F11 / S5F1 as it goes out (decoded here, for GEM equipment peers only). */
  // Both read the packet's own fields: no HsmsHeader per message (issue 10).
  private equipmentReport({ peer, handler, packet }: HsmsPeerPacketEvent): void {
    if (packet.pType !== PTYPE_SECS2 || packet.sType !== SType.DataMessage) return;
    const isEvent = packet.stream === 6 && packet.function === 11;
    const isAlarm = packet.stream === 5 && packet.function === 1;
    if ((!isEvent && !isAlarm) || gemCapabilitiesOf(handler)?.equipment === undefined) return;
    try {
      const message = SecsMessage.fromPacket(packet);
      if (isEvent) this.noteEvent(peer, parseS6F11(message));
      else {
        const a = parseS5F1(message);
        this.noteAlarm(peer, { alid: a.alid, alcd: a.alcd, set: a.set, category: a.category, text: a.altx });
      }
    } catch {
      // our own handler built it; a body the catalogue refuses is the application's to fix, not ours to show
    }
  }

  private noteAlarm(peer: string, alarm: AlarmReport): void {
    const alarms = this.of(peer).alarms;
    const alid = String(alarm.alid);
    if (!alarm.set) {
      alarms.delete(alid);
      return;
    }
    alarms.set(alid, { alid, text: alarm.text, category: alarm.category, since: new Date().toISOString() });
  }

  private inspect({ peer, packet }: HsmsPeerPacketEvent, verb: 'received' | 'sent'): void {
    if (packet.pType !== PTYPE_SECS2) return;
    if (packet.sType === SType.RejectReq) return this.error(peer, `Reject.req ${verb}: ${rejectReasonText(packet.byte3)}`);
    if (packet.sType !== SType.DataMessage) return;
    if (packet.stream === 9) this.error(peer, `${packetLabel(packet)} ${verb} (${S9_NAMES[packet.function] ?? 'stream 9'})`);
    else if (packet.function === 0) this.error(peer, `${packetLabel(packet)} ${verb} (transaction aborted)`);
  }
}

function sml(item: SecsItem): string {
  return printItemSml(item, 0, { maxValues: 50, maxLength: MAX_SML });
}
