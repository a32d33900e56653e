import type { GemEquipment } from '../gem/gem-equipment.js';
import { type GemCapabilities, gemCapabilitiesOf } from '../gem/gem-capabilities.js';
import type { HsmsPeerInfo } from '../hsms/hsms-connection-manager.js';
import type { HsmsPeerCounters } from '../hsms/peer-counters.js';
import { SecsHandler } from '../secs/secs-handler.js';
import type { ConsoleAlarm, ConsoleError, ConsoleEventReport, ConsoleStatusVariable, PeerActivityRecord } from './peer-activity.js';

/** The counters the console's peer table shows (totals), from the handler's full HsmsPeerCounters. */
export interface ConsoleCounters {
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly t3Timeouts: number;
  readonly t6Timeouts: number;
  readonly rejectsSent: number;
  readonly rejectsReceived: number;
  readonly s9Sent: number;
  readonly s9Received: number;
  readonly sxF0Sent: number;
  readonly sxF0Received: number;
  readonly connections: number;
  readonly selects: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/** A GEM peer's state models and what the console saw of its reports. */
export interface ConsoleGemView {
  /** Our side of the conversation: 'host' (we talk to an equipment) or 'equipment'. */
  readonly role: 'host' | 'equipment';
  readonly communicationState: string;
  /** E30 control state: known on the equipment side; a host does not track the equipment's (null). */
  readonly controlState: string | null;
  /**
   * The enabled collection events with the last report of each (or null): a host's subscriptions
   * (with the variables it asked for), an equipment's events the host enabled (with their names).
   */
  readonly events: ReadonlyArray<{
    readonly ceid: string;
    readonly name: string | null;
    readonly variables: readonly string[];
    readonly lastReport: ConsoleEventReport | null;
  }>;
  /** Reports seen for events not in `events` (enabled some other way). */
  readonly otherReports: readonly ConsoleEventReport[];
  readonly alarmsSet: readonly ConsoleAlarm[];
  /** The last "read status variables" result; null before the first read. */
  readonly statusVariables: { readonly time: string; readonly values: readonly ConsoleStatusVariable[] } | null;
}

/** One peer as GET /api/peers lists it. */
export interface ConsolePeerView {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly active: boolean;
  readonly sessionId: number;
  /** The SECS role of the handler ('host' / 'equipment'), null for a bare HSMS handler. */
  readonly role: string | null;
  /** NOT_CONNECTED, NOT_SELECTED or SELECTED. */
  readonly state: string;
  readonly since: string;
  readonly lastDisconnectCause: string | null;
  readonly pendingRequests: number;
  readonly counters: ConsoleCounters;
  readonly lastError: ConsoleError | null;
  readonly gem: ConsoleGemView | null;
}

/**
 * Builds the view of one peer from its handler's public state and the console's own record.
 * `listeningPort` turns a passive peer's configured port 0 into the port really listened on.
 */
export function peerView(
  info: HsmsPeerInfo,
  activity: PeerActivityRecord,
  listeningPort: (port: number) => number | undefined,
): ConsolePeerView {
  const { handler } = info;
  const status = handler.status;
  return {
    name: info.name,
    address: info.address,
    port: info.active ? info.port : (listeningPort(info.port) ?? info.port),
    active: info.active,
    sessionId: info.sessionId,
    role: handler instanceof SecsHandler ? handler.role : null,
    state: status.state,
    since: status.since,
    lastDisconnectCause: status.lastDisconnectCause,
    pendingRequests: status.pendingRequests,
    counters: totals(status.counters),
    lastError: activity.lastError,
    gem: gemView(gemCapabilitiesOf(handler), activity),
  };
}

/** The GEM part of the view: from the capabilities attached to the peer (a GEM facade, addPeer({ gem }) or attachGem()). */
function gemView(gem: GemCapabilities | undefined, activity: PeerActivityRecord): ConsoleGemView | null {
  if (gem === undefined) return null;
  const { equipment, host } = gem;
  const last = (ceid: string): ConsoleEventReport | null => activity.events.get(ceid) ?? null;
  const events = equipment
    ? equipment.collectionEventStates
        .filter((e) => e.enabled)
        .map((e) => ({ ceid: String(e.ceid), name: e.name, variables: [], lastReport: last(String(e.ceid)) }))
    : host
      ? host.subscriber.table.all.map((s) => ({ ceid: String(s.ceid), name: null, variables: s.names, lastReport: last(String(s.ceid)) }))
      : [];
  const listed = new Set(events.map((e) => e.ceid));
  return {
    role: equipment ? 'equipment' : 'host',
    communicationState: gem.communication.state,
    controlState: equipment ? equipment.control.state : null,
    events,
    otherReports: [...activity.events.values()].filter((r) => !listed.has(r.ceid)),
    alarmsSet: equipment ? equipmentAlarms(equipment, activity) : [...activity.alarms.values()],
    statusVariables: activity.statusVariables,
  };
}

/** An equipment knows its alarms itself; the console adds when it saw each set. */
function equipmentAlarms(equipment: GemEquipment, activity: PeerActivityRecord): ConsoleAlarm[] {
  return equipment.alarmStates
    .filter((a) => a.set)
    .map((a) => {
      const seen = activity.alarms.get(String(a.alid));
      return { alid: String(a.alid), text: a.text, category: seen?.category ?? null, since: seen?.since ?? null };
    });
}

function totals(c: HsmsPeerCounters): ConsoleCounters {
  return {
    messagesIn: sum(c.messagesIn),
    messagesOut: sum(c.messagesOut),
    t3Timeouts: c.timeouts.t3,
    t6Timeouts: c.timeouts.t6,
    rejectsSent: sum(c.rejectsSent),
    rejectsReceived: sum(c.rejectsReceived),
    s9Sent: sum(c.s9Sent),
    s9Received: sum(c.s9Received),
    sxF0Sent: c.sxF0Sent,
    sxF0Received: c.sxF0Received,
    connections: c.connections,
    selects: c.selects,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
  };
}

function sum(counts: Record<string, number>): number {
  let total = 0;
  for (const n of Object.values(counts)) total += n;
  return total;
}
