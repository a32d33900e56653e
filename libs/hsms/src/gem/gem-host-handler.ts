import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import {
  parseS1F12,
  parseS1F16,
  parseS1F18,
  parseS1F4,
  parseS2F14,
  parseS2F16,
  parseS2F18,
  parseS2F30,
  parseS2F32,
  parseS2F42,
  parseS5F4,
  parseS5F6,
  parseS5F8,
  parseS6F16,
  parseS7F18,
  parseS7F20,
  parseS7F6,
  parseSecsTime,
  S1F11,
  S1F15,
  S1F17,
  S1F3,
  S2F13,
  S2F15,
  S2F17,
  S2F29,
  S2F31,
  S2F41,
  S5F3,
  S5F5,
  S5F7,
  S6F15,
  S7F17,
  S7F19,
  S7F5,
  S10F3,
  parseS10F4,
  type AlarmRecordReading,
  type CommandParameter,
  type EquipmentConstantName,
  type EquipmentConstantValue as EcValueInput,
  type EventReportReading,
  type IdReading,
  type IdValue,
  type PpidReading,
  type PpidValue,
  type ProcessProgramReading,
  type S2F42Reading,
  type StatusVariableNameReading,
} from '../secs/catalogue/index.js';
import type { GemId } from './gem-id.js';
import { GemHandler } from './gem-handler.js';
import { gemOptionsOf } from './gem-peer-kind.js';
import { registerPeerHandlerFactory } from '../hsms/peer-definition.js';
import type { GemHostHandlerEvents } from './gem-host.events.js';
import type { GemHandlerOptions } from './gem-options.js';
import type { SubscribeOptions } from './host/event-subscriber.js';
import { GemHost, type GemHostModelOptions } from './gem-host.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import type { CollectionEventSubscription, SubscribedVariable } from './host/subscription-table.js';
import { sendProcessProgram, type ProcessProgramSendResult } from './host/process-program-transfer.js';
import type { TraceHandle, TraceRequest } from './host/trace-requests.js';
import type { EnhancedRemoteCommand } from './host/more-requests.js';
import type { HostProcessProgramProvider } from './host/equipment-initiated-receivers.js';
import type {
  AnnotatedValue,
  CollectionEventName,
  DataVariableName,
  S2F44Reading,
  S2F46Reading,
  S2F50Reading,
  SpoolStreamSetting,
  VariableLimitAttributesReading,
  VariableLimits,
} from '../secs/catalogue/index.js';

/** A GEM host's options: the GEM ones (timers, formats) and the host's own. */
export interface GemHostHandlerOptions extends Omit<GemHandlerOptions, 'role'>, GemHostModelOptions {}

/** Remote command parameters: by CPNAME, or as a list in the order to send. */
export type RemoteCommandParamsInput = Readonly<Record<string, SecsItem>> | readonly CommandParameter[];

/**
 * A GEM host (E30) over one HSMS connection: a SECS peer with the GemCommunication and GemHost
 * capabilities attached (this class is their facade), plus
 * requests for everything a host asks of an equipment, and the equipment's reports as default
 * routes with typed events: S6F11 -> 'collectionEvent' (answered S6F12 ACKC6 0), S5F1 -> 'alarm'
 * (S5F2 ACKC5 0), S10F1 -> 'terminalMessage' (S10F2). The application may answer any of them
 * itself (registerStreamFunction, @MessagePattern): its reply goes out and the event still fires. Every request needs COMMUNICATING (GemNotCommunicatingError)
 * and fails as sendAndWaitForResponse does (T3, SxF0, S9, closed).
 */
export class GemHostHandler<E extends GemHostHandlerEvents & Record<keyof E, unknown[]> = GemHostHandlerEvents> extends GemHandler<E> {
  /** The host capability attached to this peer: the report routes and the subscriptions. */
  readonly gemHost: GemHost;

  /** Throws HsmsOptionError naming the first bad option. */
  constructor(connection: HsmsConnection, options: GemHostHandlerOptions = {}) {
    super(connection, { ...options, role: 'host' });
    this.gemHost = new GemHost(this as unknown as SecsHandler<GemHostHandlerEvents>, this.communication, options, {
      build: this.buildOptions,
      parse: this.parseOptions,
    });
  }

  // --- control state (S1F15 / S1F17) ---

  /** S1F17 Request ON-LINE: resolves with ONLACK (0 accepted, 1 not allowed, 2 already on-line). */
  async goOnline(): Promise<number> {
    return parseS1F18(await this.request(S1F17(this.buildOptions), 'send S1F17'), this.parseOptions);
  }

  /** S1F15 Request OFF-LINE: resolves with OFLACK (0). */
  async goOffline(): Promise<number> {
    return parseS1F16(await this.request(S1F15(this.buildOptions), 'send S1F15'), this.parseOptions);
  }

  // --- variables ---

  /** S1F3: the SVs in order (an empty list in place of an unknown SVID); none asks for all. */
  async requestStatusVariables(svids: readonly IdValue[] = []): Promise<SecsItem[]> {
    return parseS1F4(await this.request(S1F3(svids, this.buildOptions), 'send S1F3'), this.parseOptions);
  }

  /** S1F11: SVID, SVNAME and UNITS; none asks for all. */
  async requestStatusVariableNames(svids: readonly IdValue[] = []): Promise<StatusVariableNameReading[]> {
    return parseS1F12(await this.request(S1F11(svids, this.buildOptions), 'send S1F11'), this.parseOptions);
  }

  /** S2F13: the ECVs in order; none asks for all. */
  async requestEquipmentConstants(ecids: readonly IdValue[] = []): Promise<SecsItem[]> {
    return parseS2F14(await this.request(S2F13(ecids, this.buildOptions), 'send S2F13'), this.parseOptions);
  }

  /** S2F29: the constants' names, limits, defaults and units; none asks for all. */
  async requestEquipmentConstantNames(ecids: readonly IdValue[] = []): Promise<EquipmentConstantName<IdReading>[]> {
    return parseS2F30(await this.request(S2F29(ecids, this.buildOptions), 'send S2F29'), this.parseOptions);
  }

  /** S2F15: resolves with EAC (0 accepted, 1 unknown constant, 2 busy, 3 out of range); the equipment applies all or none. */
  async setEquipmentConstants(values: readonly EcValueInput[]): Promise<number> {
    return parseS2F16(await this.request(S2F15(values, this.buildOptions), 'send S2F15'), this.parseOptions);
  }

  // --- dynamic event reports ---

  /**
   * Defines a report of `variables` (S2F33), links it to `ceid` (S2F35) and enables the event
   * (S2F37). Its values then come in 'collectionEvent' by name. Fails with GemRequestDeniedError
   * (DRACK, LRACK or ERACK) after undoing what it did.
   */
  subscribeCollectionEvent(
    ceid: GemId,
    variables: readonly SubscribedVariable[],
    options?: SubscribeOptions,
  ): Promise<CollectionEventSubscription> {
    return this.gemHost.subscriber.subscribe(ceid, variables, options);
  }

  /** Disables the event, unlinks and deletes the report subscribeCollectionEvent made; false when there was none. */
  unsubscribeCollectionEvent(ceid: GemId): Promise<boolean> {
    return this.gemHost.subscriber.unsubscribe(ceid);
  }

  /** Disables every event and deletes every report on the equipment (S2F37 and S2F33 with empty lists). */
  clearReports(): Promise<void> {
    return this.gemHost.subscriber.clear();
  }

  /** The subscriptions made by this handler. */
  get subscriptions(): CollectionEventSubscription[] {
    return this.gemHost.subscriber.table.all;
  }

  /** S6F15: the event's reports with current values. */
  async requestEventReport(ceid: IdValue): Promise<EventReportReading> {
    return parseS6F16(await this.request(S6F15(ceid, this.buildOptions), 'send S6F15'), this.parseOptions);
  }

  // --- remote commands, alarms, terminal ---

  /** S2F41: resolves with HCACK and the parameters the equipment refused (CPACK). */
  async sendRemoteCommand(rcmd: string, params: RemoteCommandParamsInput = []): Promise<S2F42Reading> {
    const list = Array.isArray(params)
      ? (params as readonly CommandParameter[])
      : Object.entries(params).map(([cpname, cpval]) => ({ cpname, cpval: cpval as SecsItem }));
    return parseS2F42(await this.request(S2F41({ rcmd, params: list }, this.buildOptions), 'send S2F41'), this.parseOptions);
  }

  /** S5F5: the alarms asked for (none: every alarm) with their state. */
  async listAlarms(alids: readonly number[] = []): Promise<AlarmRecordReading[]> {
    return parseS5F6(await this.request(S5F5(alids, this.buildOptions), 'send S5F5'), this.parseOptions);
  }

  /** S5F7: the enabled alarms. */
  async listEnabledAlarms(): Promise<AlarmRecordReading[]> {
    return parseS5F8(await this.request(S5F7(this.buildOptions), 'send S5F7'), this.parseOptions);
  }

  /** S5F3 for one alarm: resolves with ACKC5 (0 accepted). */
  async enableAlarm(alid: number, enable = true): Promise<number> {
    return parseS5F4(await this.request(S5F3({ enable, alid }, this.buildOptions), 'send S5F3'), this.parseOptions);
  }

  /** S5F3 with a zero-length ALID: every alarm. */
  async enableAllAlarms(enable = true): Promise<number> {
    return parseS5F4(await this.request(S5F3({ enable }, this.buildOptions), 'send S5F3'), this.parseOptions);
  }

  /** S10F3 Terminal Display, Single: resolves with ACKC10 (0 accepted, 1 not displayed, 2 no terminal). */
  async sendTerminalDisplay(tid: number, text: string): Promise<number> {
    return parseS10F4(await this.request(S10F3({ tid, text }, this.buildOptions), 'send S10F3'), this.parseOptions);
  }

  // --- process programs ---

  /** S7F19: the PPIDs the equipment holds. */
  async listProcessPrograms(): Promise<PpidReading[]> {
    return parseS7F20(await this.request(S7F19(this.buildOptions), 'send S7F19'), this.parseOptions);
  }

  /** S7F17: resolves with ACKC7 (0 accepted, 4 PPID not found); none deletes all. */
  async deleteProcessPrograms(ppids: readonly PpidValue[] = []): Promise<number> {
    return parseS7F18(await this.request(S7F17(ppids, this.buildOptions), 'send S7F17'), this.parseOptions);
  }

  /** S7F5: the program, or undefined when the equipment does not have it. */
  async requestProcessProgram(ppid: PpidValue): Promise<ProcessProgramReading | undefined> {
    return parseS7F6(await this.request(S7F5(ppid, this.buildOptions), 'send S7F5'), this.parseOptions);
  }

  /** S7F1 then, when granted, S7F3: resolves with PPGNT and (when sent) ACKC7. */
  sendProcessProgram(ppid: PpidValue, body: string | Uint8Array | SecsItem): Promise<ProcessProgramSendResult> {
    return sendProcessProgram((message, what) => this.request(message, what), this.buildOptions, this.parseOptions, ppid, body);
  }

  // --- clock ---

  /** S2F17: the equipment's date and time. */
  async requestDateTime(): Promise<Date> {
    const text = parseS2F18(await this.request(S2F17(this.buildOptions), 'send S2F17'), this.parseOptions);
    return parseSecsTime(text, { utc: this.gem.utcTime });
  }

  /** S2F31 with `time` (now by default) as timeFormat characters: resolves with TIACK (0 ok, 1 not done). */
  async setDateTime(time: Date = new Date()): Promise<number> {
    return parseS2F32(await this.request(S2F31(time, this.buildOptions), 'send S2F31'), this.parseOptions);
  }

  // --- spooling (E30 additional capability) ---

  /** S6F23 RSDC 0: resolves with RSDA (0: the spooled messages follow, oldest first, as 'collectionEvent' / 'alarm'). */
  requestSpooledData(): Promise<number> {
    return this.gemHost.spooling.requestSpooledData();
  }

  /** S6F23 RSDC 1: the equipment discards its spool; resolves with RSDA. */
  purgeSpool(): Promise<number> {
    return this.gemHost.spooling.purgeSpool();
  }

  /** S2F43: which streams and functions the equipment spools (an empty list: none). */
  resetSpooling(streams: readonly SpoolStreamSetting[]): Promise<S2F44Reading> {
    return this.gemHost.spooling.resetSpooling(streams);
  }

  // --- trace data collection (E30 additional capability) ---

  /**
   * S2F23: samples `svids` every `periodMs`, `totalSamples` times, `groupSize` per S6F1. The reports
   * come as 'traceData' events and through the handle's onReport. Fails with GemRequestDeniedError
   * (TIAACK) when the equipment refuses.
   */
  startTrace(request: TraceRequest): Promise<TraceHandle> {
    return this.gemHost.traces.start(request);
  }

  /** S2F23 with TOTSMP 0. */
  stopTrace(trid: number): Promise<void> {
    return this.gemHost.traces.stop(trid);
  }

  // --- limits monitoring (E30 additional capability) ---

  /** S2F45: limits (deadbands) per variable; resolves with VLAACK and the variables refused. */
  defineLimits(variables: readonly VariableLimits[]): Promise<S2F46Reading> {
    return this.gemHost.limits.defineLimits(variables);
  }

  /** S2F47: the limits of `vids` (none: every variable with limits). */
  requestLimitAttributes(vids: readonly IdValue[] = []): Promise<VariableLimitAttributesReading[]> {
    return this.gemHost.limits.requestLimitAttributes(vids);
  }

  // --- name lists, individual reports, enhanced remote command, multi-block, terminal ---

  /** S1F21 and S1F23: data variable names and collection event names with their DVIDs; none asks for all. */
  requestNameLists(
    vids: readonly IdValue[] = [],
    ceids: readonly IdValue[] = [],
  ): Promise<{ dataVariables: DataVariableName<IdReading>[]; collectionEvents: CollectionEventName<IdReading>[] }> {
    return this.gemHost.more.requestNameLists(vids, ceids);
  }

  /** S6F19: the current values of one defined report (empty when it is not defined). */
  requestIndividualReport(rptid: IdValue): Promise<SecsItem[]> {
    return this.gemHost.more.requestIndividualReport(rptid);
  }

  /** S6F21: the current values of one defined report, each with its VID. */
  requestAnnotatedReport(rptid: IdValue): Promise<AnnotatedValue<IdReading>[]> {
    return this.gemHost.more.requestAnnotatedReport(rptid);
  }

  /** S2F49 (after S2F39 when larger than multiBlockInquireBytes): resolves with HCACK and the parameters refused (CEPACK). */
  sendEnhancedRemoteCommand(command: EnhancedRemoteCommand): Promise<S2F50Reading> {
    return this.gemHost.more.sendEnhancedRemoteCommand(command);
  }

  /** S2F39 Multi-block Inquire: resolves with GRANT. */
  inquireMultiBlock(dataId: IdValue, dataLength: number): Promise<number> {
    return this.gemHost.more.inquireMultiBlock(dataId, dataLength);
  }

  /** S10F5 Terminal Display, Multi-Block: resolves with ACKC10. */
  sendTerminalDisplayMultiBlock(tid: number, lines: readonly string[]): Promise<number> {
    return this.gemHost.more.sendTerminalDisplayMultiBlock(tid, lines);
  }

  /** S10F9 Broadcast: resolves with ACKC10. */
  sendBroadcast(text: string): Promise<number> {
    return this.gemHost.more.sendBroadcast(text);
  }

  /** Answers the equipment's S7F5 (equipment-initiated process program request); without one, S7F6 is empty. */
  setProcessProgramProvider(provider: HostProcessProgramProvider | undefined): void {
    this.gemHost.programProvider = provider;
  }

  /** Sends any primary while COMMUNICATING and resolves with its reply. */
  sendRequest(message: SecsMessage): Promise<SecsMessage> {
    return this.request(message, `send ${message.sf}`);
  }
}

// The manager's peer for { gem, role: 'host' } (the default role).
registerPeerHandlerFactory((connection, definition) => {
  const options = gemOptionsOf(definition);
  return options && definition.role !== 'equipment' ? new GemHostHandler(connection, options) : undefined;
});
