import type { HsmsConnection } from '../connections/hsms-connection.js';
import { registerPeerHandlerFactory } from '../hsms/peer-definition.js';
import { S1F1 } from '../secs/catalogue/index.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import type { ControlState } from './control-state.js';
import type { ReportSendResult } from './equipment/equipment-reporter.js';
import { type AlarmState, type CollectionEventState, GemEquipment, type GemEquipmentModelOptions } from './gem-equipment.js';
import type { GemEquipmentHandlerEvents } from './gem-equipment.events.js';
import { GemHandler } from './gem-handler.js';
import type { GemId } from './gem-id.js';
import type { GemHandlerOptions } from './gem-options.js';
import { gemOptionsOf } from './gem-peer-kind.js';
import type { ProcessProgramSendResult } from './host/process-program-transfer.js';
import type { LimitMonitorDefinition } from './limits/limit-table.js';
import type { ProcessProgramBody, StoredProcessProgram } from './process-program-store.js';
import type { RemoteCommandCallback, RemoteCommandOptions } from './remote-commands.js';
import type { SpoolStatus } from './spooling/spooler.js';
import type {
  AlarmDefinition,
  CollectionEventDefinition,
  DataValueDefinition,
  EquipmentConstantDefinition,
  ConstantValue,
  StatusVariableDefinition,
} from './variable-definitions.js';
import type { DataValueInput } from './variable-table.js';

/** A GEM equipment's options: the GEM ones (identity, timers) and the equipment's models and limits. */
export interface GemEquipmentHandlerOptions extends Omit<GemHandlerOptions, 'role'>, GemEquipmentModelOptions {}

/**
 * A GEM equipment (E30) over one HSMS connection: a SECS peer with the GemCommunication and
 * GemEquipment capabilities attached (this class is their facade): the control state model, status variables, data values, equipment constants, dynamic event
 * reports, alarms, remote commands, terminal services, the clock and a process program store.
 * Everything the host may ask for is answered from what the application defines with the add*
 * methods; the application reports what happens with triggerCollectionEvent and setAlarm.
 *
 * While OFF-LINE (any substate) every primary but S1F13 and S1F17 is answered with SxF0 (E30), and
 * no event, alarm or terminal message is sent.
 */
export class GemEquipmentHandler<
  E extends GemEquipmentHandlerEvents & Record<keyof E, unknown[]> = GemEquipmentHandlerEvents,
> extends GemHandler<E> {
  /** The equipment capability attached to this peer: E30 models, tables and default routes. */
  readonly gemEquipment: GemEquipment;

  /** Throws HsmsOptionError naming the first bad option. */
  constructor(connection: HsmsConnection, options: GemEquipmentHandlerOptions = {}) {
    super(connection, { ...options, role: 'equipment' });
    this.gemEquipment = new GemEquipment(this as unknown as SecsHandler<GemEquipmentHandlerEvents>, this.communication, options, {
      build: this.buildOptions,
      parse: this.parseOptions,
    });
  }

  // --- control state (E30 4.2.2) ---

  get controlState(): ControlState {
    return this.gemEquipment.control.state;
  }

  /** True in ON-LINE LOCAL or ON-LINE REMOTE. */
  get online(): boolean {
    return this.gemEquipment.control.online;
  }

  /**
   * Operator ON-LINE switch. From EQUIPMENT OFF-LINE: ATTEMPT ON-LINE, S1F1 to the host, then
   * ON-LINE when S1F2 comes, else the onlineFailedState. Elsewhere nothing changes (E30: from HOST
   * OFF-LINE only the host's S1F17 goes on-line). Resolves with the control state reached.
   */
  async goOnline(): Promise<ControlState> {
    if (!this.gemEquipment.control.beginAttemptOnline()) return this.gemEquipment.control.state;
    let answered = false;
    try {
      await this.request(S1F1(this.buildOptions), 'attempt ON-LINE');
      answered = true;
    } catch (error) {
      this.logger.debug(`ON-LINE attempt failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.gemEquipment.control.endAttemptOnline(answered);
    return this.gemEquipment.control.state;
  }

  /** Operator OFF-LINE switch: EQUIPMENT OFF-LINE from any state. */
  goOffline(): ControlState {
    this.gemEquipment.control.goOffline();
    return this.gemEquipment.control.state;
  }

  /** Operator REMOTE switch (ON-LINE REMOTE when on-line: remote commands are accepted). */
  setRemote(): ControlState {
    this.gemEquipment.control.setRemote(true);
    return this.gemEquipment.control.state;
  }

  /** Operator LOCAL switch (ON-LINE LOCAL when on-line: remote commands get HCACK 2). */
  setLocal(): ControlState {
    this.gemEquipment.control.setRemote(false);
    return this.gemEquipment.control.state;
  }

  // --- definitions ---

  /** Throws GemDuplicateIdError when the id is already a VID. */
  addStatusVariable(definition: StatusVariableDefinition): void {
    this.gemEquipment.variables.addStatusVariable(definition);
  }

  addDataValue(definition: DataValueDefinition): void {
    this.gemEquipment.variables.addDataValue(definition);
  }

  /** Throws GemDuplicateIdError, or GemValueError when the default or value is outside the limits. */
  addEquipmentConstant(definition: EquipmentConstantDefinition): void {
    this.gemEquipment.addEquipmentConstant(definition);
  }

  /** Throws GemDuplicateIdError. */
  addCollectionEvent(definition: CollectionEventDefinition): void {
    this.gemEquipment.addCollectionEvent(definition);
  }

  addAlarm(definition: AlarmDefinition): void {
    this.gemEquipment.addAlarm(definition);
  }

  /** E30 limits monitoring: gives a variable the limits capability (the host then defines limits with S2F45). */
  addLimitMonitor(definition: LimitMonitorDefinition): void {
    this.gemEquipment.addLimitMonitor(definition);
  }

  /** The callback answers S2F41 with an HCACK (0 done, 4 will finish later, ...), after the checks of `options`. */
  addRemoteCommand(rcmd: string, callback: RemoteCommandCallback, options?: RemoteCommandOptions): void {
    this.gemEquipment.commands.add(rcmd, callback, options);
  }

  /**
   * E30: a command answered with HCACK 4 (done later) reports its end with the RemoteCommandCompleted
   * event, DVs RcmdName (`rcmd`) and RcmdResult (`result`, 0 for success by convention).
   */
  completeRemoteCommand(rcmd: string, result = 0): Promise<ReportSendResult> {
    return this.gemEquipment.completeRemoteCommand(rcmd, result);
  }

  removeRemoteCommand(rcmd: string): boolean {
    return this.gemEquipment.commands.remove(rcmd);
  }

  /** Stores (or replaces) a process program the host can list, request and delete. */
  addProcessProgram(ppid: string | Uint8Array, body: ProcessProgramBody): void {
    this.gemEquipment.programs.put(ppid, body);
  }

  getProcessProgram(ppid: string | Uint8Array): StoredProcessProgram | undefined {
    return this.gemEquipment.programs.get(ppid);
  }

  /** E30 equipment-initiated upload: S7F1 to the host, then S7F3 with the stored program when granted (PPGNT 0). */
  sendProcessProgramToHost(ppid: string | Uint8Array): Promise<ProcessProgramSendResult> {
    return this.gemEquipment.sendProcessProgramToHost(ppid);
  }

  /** E30 equipment-initiated download: S7F5 to the host; stores and returns the program, or undefined when the host has none. */
  requestProcessProgramFromHost(ppid: string | Uint8Array): Promise<StoredProcessProgram | undefined> {
    return this.gemEquipment.requestProcessProgramFromHost(ppid);
  }

  /** Every stored PPID. */
  get processPrograms(): Array<string | Uint8Array> {
    return this.gemEquipment.programs.ppids;
  }

  // --- values ---

  /** Throws GemUnknownIdError. */
  getEquipmentConstant(ecid: GemId): ConstantValue {
    return this.gemEquipment.variables.constants.value(ecid);
  }

  /** A local change (emits 'equipmentConstantChanged'); throws GemUnknownIdError or GemValueError. */
  setEquipmentConstant(ecid: GemId, value: ConstantValue): void {
    this.gemEquipment.setEquipmentConstant(ecid, value);
  }

  /** The equipment clock (the system clock plus what the host set with S2F31). */
  now(): Date {
    return this.gemEquipment.clock.now();
  }

  /** E30 spooling: the spool state and counters. */
  get spoolStatus(): SpoolStatus {
    return this.gemEquipment.spoolStatus;
  }

  /** Whether the host enabled the event (S2F37). */
  isCollectionEventEnabled(ceid: GemId): boolean {
    return this.gemEquipment.reports.isEnabled(ceid);
  }

  isAlarmSet(alid: number): boolean {
    return this.gemEquipment.alarms.require(alid).set;
  }

  // --- read-only views (dashboards such as the web console) ---

  /** The status variables defined, in definition order. */
  get statusVariableDefinitions(): readonly StatusVariableDefinition[] {
    return this.gemEquipment.statusVariableDefinitions;
  }

  /** The collection events defined, in definition order, each with whether the host enabled it (S2F37). */
  get collectionEventStates(): CollectionEventState[] {
    return this.gemEquipment.collectionEventStates;
  }

  /** The alarms defined, in definition order, with whether each is set and enabled (S5F3). */
  get alarmStates(): AlarmState[] {
    return this.gemEquipment.alarmStates;
  }

  // --- reporting to the host ---

  /**
   * E30 collection event: when the event is enabled, sends S6F11 W with its linked reports' values
   * (DVs from `dataValues`, by DVID, else their `value`) and resolves with the host's ACKC6. Not sent
   * (resolved with the reason) while disabled, OFF-LINE or not COMMUNICATING. Throws
   * GemUnknownIdError for a CEID never added; rejects when the transaction fails (T3, SxF0, closed).
   */
  triggerCollectionEvent(ceid: GemId, dataValues?: DataValueInput): Promise<ReportSendResult> {
    return this.gemEquipment.reporter.collectionEvent(ceid, dataValues);
  }

  /** Sets an alarm: S5F1 W (ALCD bit 8 set) when enabled, then its setCeid event. Already set: nothing is sent. */
  setAlarm(alid: number): Promise<ReportSendResult> {
    return this.gemEquipment.reporter.alarm(alid, true);
  }

  /** Clears an alarm: S5F1 W (ALCD bit 8 clear) when enabled, then its clearCeid event. */
  clearAlarm(alid: number): Promise<ReportSendResult> {
    return this.gemEquipment.reporter.alarm(alid, false);
  }

  /** E30 OperatorCommandIssued: reports an operator action (DV OperatorCommand = `command`). */
  reportOperatorCommand(command: string): Promise<ReportSendResult> {
    return this.gemEquipment.reportOperatorCommand(command);
  }

  /** E30 terminal services: S10F1 W to the host; resolves with ACKC10. */
  sendTerminalMessage(tid: number, text: string): Promise<number> {
    return this.gemEquipment.reporter.terminal(tid, text);
  }
}

// The manager's peer for { gem, role: 'equipment' }.
registerPeerHandlerFactory((connection, definition) => {
  const options = gemOptionsOf(definition);
  return options && definition.role === 'equipment' ? new GemEquipmentHandler(connection, options) : undefined;
});
