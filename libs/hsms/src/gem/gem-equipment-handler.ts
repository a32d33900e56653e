import type { EventEmitter } from 'node:events';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import { S1F1 } from '../secs/catalogue/index.js';
import { A, U4, type SecsItem } from '../protocol/items/secs-item.js';
import { AlarmTable } from './alarm-table.js';
import { CollectionEventTable } from './collection-events.js';
import { ControlState, ControlStateModel, type InitialControlState, type OnlineFailedState } from './control-state.js';
import { EquipmentClock } from './equipment-clock.js';
import { registerAlarmServices } from './equipment/alarm-services.js';
import { registerClockServices } from './equipment/clock-services.js';
import { registerCommandServices } from './equipment/command-services.js';
import type { EquipmentContext } from './equipment/equipment-context.js';
import { registerControlServices } from './equipment/control-services.js';
import { registerProcessProgramServices } from './equipment/process-program-services.js';
import { registerReportServices } from './equipment/report-services.js';
import { registerTerminalServices } from './equipment/terminal-services.js';
import { registerVariableServices } from './equipment/variable-services.js';
import { registerSpoolServices } from './equipment/spool-services.js';
import { createCapabilities, type EquipmentCapabilityOptionsInput } from './equipment/capability-setup.js';
import { registerTraceServices } from './equipment/trace-services.js';
import { registerLimitServices } from './equipment/limit-services.js';
import { registerNameListServices } from './equipment/name-list-services.js';
import { registerIndividualReportServices } from './equipment/individual-report-services.js';
import { registerEnhancedCommandServices } from './equipment/enhanced-command-services.js';
import { registerMultiBlockServices } from './equipment/multi-block-services.js';
import { ProcessProgramUpload } from './equipment/process-program-upload.js';
import type { ProcessProgramSendResult } from './host/process-program-transfer.js';
import type { LimitMonitorDefinition } from './limits/limit-table.js';
import { establishCommunicationsMs, registerStandardServices } from './equipment/standard-services.js';
import type { SpoolStatus } from './spooling/spooler.js';
import { EquipmentReporter, type ReportSendResult } from './equipment/equipment-reporter.js';
import { EventReportBuilder } from './event-report-builder.js';
import { EventReportTable } from './event-report-table.js';
import type { GemEquipmentHandlerEvents } from './gem-equipment.events.js';
import { GemHandler } from './gem-handler.js';
import type { GemId } from './gem-id.js';
import { count, oneOf, type GemHandlerOptions } from './gem-options.js';
import { ProcessProgramStore, type ProcessProgramBody, type StoredProcessProgram } from './process-program-store.js';
import { RemoteCommandTable, type RemoteCommandCallback, type RemoteCommandOptions } from './remote-commands.js';
import type {
  AlarmDefinition,
  CollectionEventDefinition,
  DataValueDefinition,
  EquipmentConstantDefinition,
  ConstantValue,
  StatusVariableDefinition,
} from './variable-definitions.js';
import { VariableTable, type DataValueInput } from './variable-table.js';

export interface GemEquipmentHandlerOptions extends Omit<GemHandlerOptions, 'role'>, EquipmentCapabilityOptionsInput {
  /** E30: the CONTROL state at start. Default 'ONLINE'. */
  initialControlState?: InitialControlState;
  /** E30: the REMOTE/LOCAL switch at start, which picks the ON-LINE substate. Default 'REMOTE'. */
  initialOnlineMode?: 'REMOTE' | 'LOCAL';
  /** E30: where an ON-LINE attempt the host does not answer ends. Default 'EQUIPMENT_OFFLINE'. */
  onlineFailedState?: OnlineFailedState;
  /** Most reports defined at once (S2F33 beyond it: DRACK 1). Default 1000. */
  maxReports?: number;
  /** Most reports linked to one event (S2F35 beyond it: LRACK 1). Default 100. */
  maxReportsPerEvent?: number;
}

/**
 * A GEM equipment (E30) over one HSMS connection: the communication state model of GemHandler plus
 * the control state model, status variables, data values, equipment constants, dynamic event
 * reports, alarms, remote commands, terminal services, the clock and a process program store.
 * Everything the host may ask for is answered from what the application defines with the add*
 * methods; the application reports what happens with triggerCollectionEvent and setAlarm.
 *
 * While OFF-LINE (any substate) every primary but S1F13 and S1F17 is answered with SxF0 (E30), and
 * no event, alarm or terminal message is sent.
 */
export class GemEquipmentHandler<E extends GemEquipmentHandlerEvents & Record<keyof E, unknown[]> = GemEquipmentHandlerEvents> extends GemHandler<E> {
  private readonly variables = new VariableTable();
  private readonly events = new CollectionEventTable();
  private readonly reports: EventReportTable;
  private readonly alarms = new AlarmTable();
  private readonly commands = new RemoteCommandTable();
  private readonly programs = new ProcessProgramStore();
  private readonly clock = new EquipmentClock();
  private readonly control: ControlStateModel;
  private readonly reporter: EquipmentReporter;
  /** What the message services share; the capabilities beyond the basics read it too. */
  private readonly capability: EquipmentContext;

  /** Throws GemOptionError (or HsmsOptionError) naming the first bad option. */
  constructor(connection: HsmsConnection, options: GemEquipmentHandlerOptions = {}) {
    super(connection, { ...options, role: 'equipment' });
    this.control = new ControlStateModel(
      {
        initial: oneOf('initialControlState', options.initialControlState, ['ONLINE', 'EQUIPMENT_OFFLINE', 'HOST_OFFLINE'], 'ONLINE'),
        remote: oneOf('initialOnlineMode', options.initialOnlineMode, ['REMOTE', 'LOCAL'], 'REMOTE') === 'REMOTE',
        onlineFailed: oneOf('onlineFailedState', options.onlineFailedState, ['EQUIPMENT_OFFLINE', 'HOST_OFFLINE'], 'EQUIPMENT_OFFLINE'),
      },
      (state, previous) => {
        this.logger.debug(`control ${previous} -> ${state}`);
        this.emitEvent('controlState', state, previous);
      },
    );
    this.reports = new EventReportTable({
      reports: count('maxReports', options.maxReports, 1000),
      reportsPerEvent: count('maxReportsPerEvent', options.maxReportsPerEvent, 100),
    });
    const context = this.context(new EventReportBuilder(this.reports, this.variables), options);
    this.capability = context;
    this.reporter = new EquipmentReporter(context, {
      blocked: () => this.sendBlocked(),
      request: (message, what) => this.request(message, what),
      name: this.name,
      controlState: () => this.control.state,
    });
    for (const register of SERVICES) register(context);
    context.persistence.restoreConstants(); // the standard constants the services defined
  }

  // --- control state (E30 4.2.2) ---

  get controlState(): ControlState {
    return this.control.state;
  }

  /** True in ON-LINE LOCAL or ON-LINE REMOTE. */
  get online(): boolean {
    return this.control.online;
  }

  /**
   * Operator ON-LINE switch. From EQUIPMENT OFF-LINE: ATTEMPT ON-LINE, S1F1 to the host, then
   * ON-LINE when S1F2 comes, else the onlineFailedState. Elsewhere nothing changes (E30: from HOST
   * OFF-LINE only the host's S1F17 goes on-line). Resolves with the control state reached.
   */
  async goOnline(): Promise<ControlState> {
    if (!this.control.beginAttemptOnline()) return this.control.state;
    let answered = false;
    try {
      await this.request(S1F1(this.buildOptions), 'attempt ON-LINE');
      answered = true;
    } catch (error) {
      this.logger.debug(`ON-LINE attempt failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.control.endAttemptOnline(answered);
    return this.control.state;
  }

  /** Operator OFF-LINE switch: EQUIPMENT OFF-LINE from any state. */
  goOffline(): ControlState {
    this.control.goOffline();
    return this.control.state;
  }

  /** Operator REMOTE switch (ON-LINE REMOTE when on-line: remote commands are accepted). */
  setRemote(): ControlState {
    this.control.setRemote(true);
    return this.control.state;
  }

  /** Operator LOCAL switch (ON-LINE LOCAL when on-line: remote commands get HCACK 2). */
  setLocal(): ControlState {
    this.control.setRemote(false);
    return this.control.state;
  }

  // --- definitions ---

  /** Throws GemDuplicateIdError when the id is already a VID. */
  addStatusVariable(definition: StatusVariableDefinition): void {
    this.variables.addStatusVariable(definition);
  }

  addDataValue(definition: DataValueDefinition): void {
    this.variables.addDataValue(definition);
  }

  /** Throws GemDuplicateIdError, or GemValueError when the default or value is outside the limits. */
  addEquipmentConstant(definition: EquipmentConstantDefinition): void {
    this.variables.addEquipmentConstant(definition);
    this.capability.persistence.restoreConstant(definition.ecid);
  }

  /** Throws GemDuplicateIdError. */
  addCollectionEvent(definition: CollectionEventDefinition): void {
    this.events.add(definition);
    // a stored configuration says what the host enabled; `enabled` only sets the first start
    if (definition.enabled === true && this.capability.persistence.eventEnabled(definition.ceid) === undefined) this.reports.setEnabled(definition.ceid, true);
  }

  addAlarm(definition: AlarmDefinition): void {
    for (const ceid of [definition.setCeid, definition.clearCeid]) if (ceid !== undefined) this.events.require(ceid);
    this.alarms.add(definition);
    this.capability.persistence.restoreAlarm(definition.alid);
  }

  /** E30 limits monitoring: gives a variable the limits capability (the host then defines limits with S2F45). */
  addLimitMonitor(definition: LimitMonitorDefinition): void {
    this.capability.limits.add(definition);
  }

  /** The callback answers S2F41 with an HCACK (0 done, 4 will finish later, ...), after the checks of `options`. */
  addRemoteCommand(rcmd: string, callback: RemoteCommandCallback, options?: RemoteCommandOptions): void {
    this.commands.add(rcmd, callback, options);
  }

  /**
   * E30: a command answered with HCACK 4 (done later) reports its end with the RemoteCommandCompleted
   * event, DVs RcmdName (`rcmd`) and RcmdResult (`result`, 0 for success by convention).
   */
  completeRemoteCommand(rcmd: string, result = 0): Promise<ReportSendResult> {
    const ids = this.capability.ids;
    return this.reporter.collectionEvent(ids.RemoteCommandCompleted, new Map<GemId, SecsItem>([[ids.RcmdName, A(rcmd)], [ids.RcmdResult, U4(result)]]));
  }

  removeRemoteCommand(rcmd: string): boolean {
    return this.commands.remove(rcmd);
  }

  /** Stores (or replaces) a process program the host can list, request and delete. */
  addProcessProgram(ppid: string | Uint8Array, body: ProcessProgramBody): void {
    this.programs.put(ppid, body);
  }

  getProcessProgram(ppid: string | Uint8Array): StoredProcessProgram | undefined {
    return this.programs.get(ppid);
  }

  /** E30 equipment-initiated upload: S7F1 to the host, then S7F3 with the stored program when granted (PPGNT 0). */
  sendProcessProgramToHost(ppid: string | Uint8Array): Promise<ProcessProgramSendResult> {
    return new ProcessProgramUpload(this.capability).send(ppid);
  }

  /** E30 equipment-initiated download: S7F5 to the host; stores and returns the program, or undefined when the host has none. */
  requestProcessProgramFromHost(ppid: string | Uint8Array): Promise<StoredProcessProgram | undefined> {
    return new ProcessProgramUpload(this.capability).request(ppid);
  }

  /** Every stored PPID. */
  get processPrograms(): Array<string | Uint8Array> {
    return this.programs.ppids;
  }

  // --- values ---

  /** Throws GemUnknownIdError. */
  getEquipmentConstant(ecid: GemId): ConstantValue {
    return this.variables.constants.value(ecid);
  }

  /** A local change (emits 'equipmentConstantChanged'); throws GemUnknownIdError or GemValueError. */
  setEquipmentConstant(ecid: GemId, value: ConstantValue): void {
    const change = this.variables.constants.set(ecid, value);
    if (change) this.capability.persistence.save('constants');
    if (change) this.emitEvent('equipmentConstantChanged', change);
  }

  /** The equipment clock (the system clock plus what the host set with S2F31). */
  now(): Date {
    return this.clock.now();
  }

  /** E30 spooling: the spool state and counters. */
  get spoolStatus(): SpoolStatus {
    return this.capability.spool.spooler.status;
  }

  /** Whether the host enabled the event (S2F37). */
  isCollectionEventEnabled(ceid: GemId): boolean {
    return this.reports.isEnabled(ceid);
  }

  isAlarmSet(alid: number): boolean {
    return this.alarms.require(alid).set;
  }

  // --- reporting to the host ---

  /**
   * E30 collection event: when the event is enabled, sends S6F11 W with its linked reports' values
   * (DVs from `dataValues`, by DVID, else their `value`) and resolves with the host's ACKC6. Not sent
   * (resolved with the reason) while disabled, OFF-LINE or not COMMUNICATING. Throws
   * GemUnknownIdError for a CEID never added; rejects when the transaction fails (T3, SxF0, closed).
   */
  triggerCollectionEvent(ceid: GemId, dataValues?: DataValueInput): Promise<ReportSendResult> {
    return this.reporter.collectionEvent(ceid, dataValues);
  }

  /** Sets an alarm: S5F1 W (ALCD bit 8 set) when enabled, then its setCeid event. Already set: nothing is sent. */
  setAlarm(alid: number): Promise<ReportSendResult> {
    return this.reporter.alarm(alid, true);
  }

  /** Clears an alarm: S5F1 W (ALCD bit 8 clear) when enabled, then its clearCeid event. */
  clearAlarm(alid: number): Promise<ReportSendResult> {
    return this.reporter.alarm(alid, false);
  }

  /** E30 OperatorCommandIssued: reports an operator action (DV OperatorCommand = `command`). */
  reportOperatorCommand(command: string): Promise<ReportSendResult> {
    return this.reporter.collectionEvent(this.capability.ids.OperatorCommandIssued, new Map([[this.capability.ids.OperatorCommand, A(command)]]));
  }

  /** E30 terminal services: S10F1 W to the host; resolves with ACKC10. */
  sendTerminalMessage(tid: number, text: string): Promise<number> {
    return this.reporter.terminal(tid, text);
  }

  // --- GemHandler hooks ---

  /** E30 OFF-LINE: only S1F13 (handled before this) and S1F17 are taken; everything else gets SxF0. */
  protected override admits(message: SecsMessage): boolean {
    if (!super.admits(message)) return false;
    return this.control.online || message.stream === 9 || (message.stream === 1 && message.function === 17);
  }

  protected override describeState(): string {
    return `${super.describeState()}, control state ${this.control.state}`;
  }

  /** A standard event raised by a capability: reported like any other, its failure only logged. */
  private raise(ceid: GemId, dataValues?: DataValueInput): void {
    this.reporter.collectionEvent(ceid, dataValues).catch((error: unknown) => {
      this.logger.debug(`event ${String(ceid)} not reported: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** E30: the EstablishCommunicationsTimeout EC, which the host may change. */
  protected override establishCommunicationsDelayMs(): number {
    return establishCommunicationsMs(this.capability);
  }

  private sendOrSpool(message: SecsMessage, what: string): void {
    const blocked = this.sendBlocked();
    if (blocked === 'notCommunicating' && this.capability.spool.wouldSpool(message.stream, message.function)) {
      this.capability.spool.spooler.offer(message);
      return;
    }
    if (blocked !== undefined) return;
    this.request(message, what).catch((error: unknown) => this.logger.debug(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Why nothing may be sent to the host now, or undefined. */
  private sendBlocked(): 'notCommunicating' | 'offline' | undefined {
    if (!this.communicating) return 'notCommunicating';
    return this.control.online ? undefined : 'offline';
  }

  private context(reportBuilder: EventReportBuilder, options: GemEquipmentHandlerOptions): EquipmentContext {
    const emitter = this as unknown as EventEmitter;
    return {
      ...createCapabilities(options, {
        variables: this.variables,
        reports: this.reports,
        alarms: this.alarms,
        clock: this.clock,
        establishCommunicationsTimeout: this.gem.establishCommunicationsMs / 1000,
        timeFormat: this.gem.timeFormat,
        request: (message, what) => this.request(message, what),
        spoolChanged: (change, status) => this.emitEvent('spoolChanged', change, status),
        raise: (ceid) => this.raise(ceid),
      }),
      request: (message, what) => this.request(message, what),
      trigger: (ceid, dataValues) => this.raise(ceid, dataValues),
      sendOrSpool: (message, what) => this.sendOrSpool(message, what),
      debug: (text) => this.logger.debug(text),
      on: (event, listener) => emitter.on(event, listener as (...args: unknown[]) => void),
      variables: this.variables,
      events: this.events,
      reports: this.reports,
      reportBuilder,
      alarms: this.alarms,
      commands: this.commands,
      programs: this.programs,
      clock: this.clock,
      control: this.control,
      build: this.buildOptions,
      parse: this.parseOptions,
      register: (stream, fn, answer) => this.registerStreamFunction(stream, fn, (message) => answer(message)),
      emit: (event, ...args) => this.emitEvent(event, ...args),
      listens: (event) => emitter.listenerCount(event) > 0,
    };
  }
}

const SERVICES: ReadonlyArray<(context: EquipmentContext) => void> = [
  registerVariableServices,
  registerControlServices,
  registerReportServices,
  registerAlarmServices,
  registerCommandServices,
  registerTerminalServices,
  registerClockServices,
  registerProcessProgramServices,
  registerStandardServices,
  registerSpoolServices,
  registerTraceServices,
  registerLimitServices,
  registerNameListServices,
  registerIndividualReportServices,
  registerEnhancedCommandServices,
  registerMultiBlockServices,
];
