import type { EventEmitter } from 'node:events';
import { A, U4, type SecsItem } from '../protocol/items/secs-item.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import type { ParseOptions, TimeBuildOptions } from '../secs/catalogue/index.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import { AlarmTable } from './alarm-table.js';
import { CollectionEventTable } from './collection-events.js';
import { ControlStateModel, type InitialControlState, type OnlineFailedState } from './control-state.js';
import { EquipmentClock } from './equipment-clock.js';
import { registerAlarmServices } from './equipment/alarm-services.js';
import { registerClockServices } from './equipment/clock-services.js';
import { registerCommandServices } from './equipment/command-services.js';
import { createCapabilities, type EquipmentCapabilityOptionsInput } from './equipment/capability-setup.js';
import type { EquipmentContext } from './equipment/equipment-context.js';
import { registerControlServices } from './equipment/control-services.js';
import { registerEnhancedCommandServices } from './equipment/enhanced-command-services.js';
import { EquipmentReporter, type ReportSendResult } from './equipment/equipment-reporter.js';
import { registerIndividualReportServices } from './equipment/individual-report-services.js';
import { registerLimitServices } from './equipment/limit-services.js';
import { registerMultiBlockServices } from './equipment/multi-block-services.js';
import { registerNameListServices } from './equipment/name-list-services.js';
import { registerProcessProgramServices } from './equipment/process-program-services.js';
import { ProcessProgramUpload } from './equipment/process-program-upload.js';
import { ReplyBudget, resolveMaxReplyItems } from './equipment/reply-budget.js';
import { RequestScreen } from './equipment/request-screen.js';
import { registerReportServices } from './equipment/report-services.js';
import { registerSpoolServices } from './equipment/spool-services.js';
import { establishCommunicationsMs, registerStandardServices } from './equipment/standard-services.js';
import { registerTerminalServices } from './equipment/terminal-services.js';
import { registerTraceServices } from './equipment/trace-services.js';
import { registerVariableServices } from './equipment/variable-services.js';
import { EventReportBuilder } from './event-report-builder.js';
import { EventReportTable } from './event-report-table.js';
import type { GemCommunication } from './gem-communication.js';
import { noteGemCapability } from './gem-capabilities.js';
import type { GemEquipmentHandlerEvents } from './gem-equipment.events.js';
import type { GemId } from './gem-id.js';
import { count, oneOf } from './gem-options.js';
import type { ProcessProgramSendResult } from './host/process-program-transfer.js';
import type { LimitMonitorDefinition } from './limits/limit-table.js';
import { ProcessProgramStore, type ProcessProgramLimits, type StoredProcessProgram } from './process-program-store.js';
import { RemoteCommandTable } from './remote-commands.js';
import type { SpoolStatus } from './spooling/spooler.js';
import type {
  AlarmDefinition,
  CollectionEventDefinition,
  ConstantValue,
  EquipmentConstantDefinition,
  StatusVariableDefinition,
} from './variable-definitions.js';
import { VariableTable, type DataValueInput } from './variable-table.js';

/** The equipment's E30 models and limits, and its capabilities beyond the basics (spooling, state store ...). */
export interface GemEquipmentModelOptions extends EquipmentCapabilityOptionsInput {
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
  /** Most VIDs in one report (S2F33 beyond it: DRACK 1). Default 1000. */
  maxVidsPerReport?: number;
  /** Most VIDs reported for one event, over all its linked reports (S2F35 beyond it: LRACK 1). Default 2000. */
  maxVidsPerEvent?: number;
  /** Most VIDs over all defined reports together (S2F33 beyond it: DRACK 1). Default 20,000. */
  maxVidsTotal?: number;
  /** Most bytes of one S6F11 body; a larger report is not sent (reason 'tooLarge', a warning). Default 1 MiB. */
  maxEventReportBytes?: number;
  /** Limits of the process-program store (S7F1 PPGNT / S7F3 ACKC7 past them). */
  processProgramLimits?: ProcessProgramLimits;
  /** Most items in one reply the equipment builds (S1F11, S1F3, S7F20 ...); larger gets SxF0. Default 100,000. */
  maxReplyItems?: number;
}

/** A collection event as the equipment's read-only view lists it: whether the host enabled it (S2F37). */
export interface CollectionEventState {
  readonly ceid: GemId;
  readonly name: string;
  readonly enabled: boolean;
}

/** An alarm as the equipment's read-only view lists it: set, and enabled for S5F1 (S5F3). */
export interface AlarmState {
  readonly alid: number;
  readonly text: string;
  readonly set: boolean;
  readonly enabled: boolean;
}

/** Who the equipment's default routes name in the start-up report. */
const OWNER = 'GEM equipment';

/**
 * The GEM equipment as a capability of a SECS peer (beside its GemCommunication): the control
 * state model, variables, constants, event reports, alarms, remote commands, terminal, clock and
 * process programs, whose E30 services (gem/equipment/*-services.ts) it attaches to the peer's
 * router as default routes, plus an admission gate: while OFF-LINE every primary but S1F13 and
 * S1F17 is refused with SxF0 (E30). The application's own handlers for any of those messages come
 * first (the router's order).
 */
export class GemEquipment {
  readonly variables = new VariableTable();
  readonly events = new CollectionEventTable();
  readonly reports: EventReportTable;
  readonly alarms = new AlarmTable();
  readonly commands = new RemoteCommandTable();
  readonly programs: ProcessProgramStore;
  /** The bounds of every reply the equipment builds (items, bytes). */
  readonly replyBudget: ReplyBudget;
  readonly clock = new EquipmentClock();
  readonly control: ControlStateModel;
  readonly reporter: EquipmentReporter;
  /** What the message services share; the capabilities beyond the basics (spool, store, limits ...) read it too. */
  private readonly shared: EquipmentContext;

  /** Throws HsmsOptionError naming the first bad option. */
  constructor(
    private readonly peer: SecsHandler<GemEquipmentHandlerEvents>,
    private readonly communication: GemCommunication,
    options: GemEquipmentModelOptions,
    catalogueOptions: { readonly build: TimeBuildOptions; readonly parse: ParseOptions },
  ) {
    this.programs = new ProcessProgramStore(options.processProgramLimits);
    this.replyBudget = new ReplyBudget(resolveMaxReplyItems(options.maxReplyItems), peer.connection.options.maxMessageLength, (text) =>
      peer.warnAboutPeer(text),
    );
    this.control = new ControlStateModel(
      {
        initial: oneOf('initialControlState', options.initialControlState, ['ONLINE', 'EQUIPMENT_OFFLINE', 'HOST_OFFLINE'], 'ONLINE'),
        remote: oneOf('initialOnlineMode', options.initialOnlineMode, ['REMOTE', 'LOCAL'], 'REMOTE') === 'REMOTE',
        onlineFailed: oneOf('onlineFailedState', options.onlineFailedState, ['EQUIPMENT_OFFLINE', 'HOST_OFFLINE'], 'EQUIPMENT_OFFLINE'),
      },
      (state, previous) => {
        peer.logger.debug(`control ${previous} -> ${state}`);
        peer.emitSafely('controlState', state, previous);
      },
    );
    this.reports = new EventReportTable({
      reports: count('maxReports', options.maxReports, 1000),
      reportsPerEvent: count('maxReportsPerEvent', options.maxReportsPerEvent, 100),
      vidsPerReport: count('maxVidsPerReport', options.maxVidsPerReport, 1000),
      vidsPerEvent: count('maxVidsPerEvent', options.maxVidsPerEvent, 2000),
      vidsTotal: count('maxVidsTotal', options.maxVidsTotal, 20_000),
      eventReportBytes: count('maxEventReportBytes', options.maxEventReportBytes, 1024 * 1024),
    });
    const context = this.context(new EventReportBuilder(this.reports, this.variables), options, catalogueOptions);
    this.shared = context;
    this.reporter = new EquipmentReporter(context, {
      blocked: () => this.sendBlocked(),
      request: (message, what) => communication.request(message, what),
      name: peer.name,
      controlState: () => this.control.state,
    });
    for (const register of SERVICES) register(context);
    context.persistence.restoreConstants(); // the standard constants the services defined
    // E30: the EstablishCommunicationsTimeout EC (which the host may change) paces the S1F13 retries
    communication.readEstablishDelayFrom(() => establishCommunicationsMs(context));
    peer.router.addAdmission({ refuses: (message) => this.refusesOffline(message) });
    // Requests over the limits are answered from their first bytes, before the router decodes the body.
    const screen = new RequestScreen(this.replyBudget, this.reports.limits, catalogueOptions.build);
    peer.router.addScreen({ screen: (message) => (this.control.online ? screen.screen(message) : undefined) }); // OFF-LINE: the admission's SxF0 (E30)
    noteGemCapability(peer, { equipment: this });
  }

  // --- read-only views (dashboards such as the web console) ---

  /** The status variables defined, in definition order. */
  get statusVariableDefinitions(): readonly StatusVariableDefinition[] {
    return this.variables.statusVariableList;
  }

  /** The collection events defined, in definition order, each with whether the host enabled it (S2F37). */
  get collectionEventStates(): CollectionEventState[] {
    return this.events.ids.map((ceid) => ({ ceid, name: this.events.require(ceid).name, enabled: this.reports.isEnabled(ceid) }));
  }

  /** The alarms defined, in definition order, with whether each is set and enabled (S5F3). */
  get alarmStates(): AlarmState[] {
    return this.alarms.all.map(({ definition, set, enabled }) => ({ alid: definition.alid, text: definition.text, set, enabled }));
  }

  // --- definitions and values that E30 keeps in non-volatile storage ---

  /** Throws GemDuplicateIdError, or GemValueError when the default or value is outside the limits; a stored value wins. */
  addEquipmentConstant(definition: EquipmentConstantDefinition): void {
    this.variables.addEquipmentConstant(definition);
    this.shared.persistence.restoreConstant(definition.ecid);
  }

  /** Throws GemDuplicateIdError. */
  addCollectionEvent(definition: CollectionEventDefinition): void {
    this.events.add(definition);
    // a stored configuration says what the host enabled; `enabled` only sets the first start
    if (definition.enabled === true && this.shared.persistence.eventEnabled(definition.ceid) === undefined)
      this.reports.setEnabled(definition.ceid, true);
  }

  addAlarm(definition: AlarmDefinition): void {
    for (const ceid of [definition.setCeid, definition.clearCeid]) if (ceid !== undefined) this.events.require(ceid);
    this.alarms.add(definition);
    this.shared.persistence.restoreAlarm(definition.alid);
  }

  /** A local change (emits 'equipmentConstantChanged', stored); throws GemUnknownIdError or GemValueError. */
  setEquipmentConstant(ecid: GemId, value: ConstantValue): void {
    const change = this.variables.constants.set(ecid, value);
    if (!change) return;
    this.shared.persistence.save('constants');
    this.peer.emitSafely('equipmentConstantChanged', change);
  }

  /** E30 limits monitoring: gives a variable the limits capability (the host then defines limits with S2F45). */
  addLimitMonitor(definition: LimitMonitorDefinition): void {
    this.shared.limits.add(definition);
  }

  // --- capabilities beyond the basics ---

  /** E30 spooling: the spool state and counters. */
  get spoolStatus(): SpoolStatus {
    return this.shared.spool.spooler.status;
  }

  /**
   * E30: a command answered with HCACK 4 (done later) reports its end with the RemoteCommandCompleted
   * event, DVs RcmdName (`rcmd`) and RcmdResult (`result`, 0 for success by convention).
   */
  completeRemoteCommand(rcmd: string, result = 0): Promise<ReportSendResult> {
    const ids = this.shared.ids;
    return this.reporter.collectionEvent(
      ids.RemoteCommandCompleted,
      new Map<GemId, SecsItem>([
        [ids.RcmdName, A(rcmd)],
        [ids.RcmdResult, U4(result)],
      ]),
    );
  }

  /** E30 OperatorCommandIssued: reports an operator action (DV OperatorCommand = `command`). */
  reportOperatorCommand(command: string): Promise<ReportSendResult> {
    const ids = this.shared.ids;
    return this.reporter.collectionEvent(ids.OperatorCommandIssued, new Map([[ids.OperatorCommand, A(command)]]));
  }

  /** E30 equipment-initiated upload: S7F1 to the host, then S7F3 with the stored program when granted (PPGNT 0). */
  sendProcessProgramToHost(ppid: string | Uint8Array): Promise<ProcessProgramSendResult> {
    return new ProcessProgramUpload(this.shared).send(ppid);
  }

  /** E30 equipment-initiated download: S7F5 to the host; stores and returns the program, or undefined when the host has none. */
  requestProcessProgramFromHost(ppid: string | Uint8Array): Promise<StoredProcessProgram | undefined> {
    return new ProcessProgramUpload(this.shared).request(ppid);
  }

  /** E30 OFF-LINE: only S1F13 and S1F17 are taken (and stream 9 is never answered); everything else gets SxF0. */
  private refusesOffline(message: SecsMessage): string | undefined {
    if (this.control.online || message.stream === 9 || (message.stream === 1 && (message.function === 13 || message.function === 17)))
      return undefined;
    return `${message.sf} refused in control state ${this.control.state} (E30)`;
  }

  /** A standard event raised by a capability: reported like any other, its failure only logged. */
  private raise(ceid: GemId, dataValues?: DataValueInput): void {
    this.reporter.collectionEvent(ceid, dataValues).catch((error: unknown) => {
      this.peer.logger.debug(`event ${String(ceid)} not reported: ${errorText(error)}`);
    });
  }

  /** E30 spooling: an equipment primary goes out now, or to the spool while not COMMUNICATING (when the host spools it), or is dropped. */
  private sendOrSpool(message: SecsMessage, what: string): void {
    const blocked = this.sendBlocked();
    if (blocked === 'notCommunicating' && this.shared.spool.wouldSpool(message.stream, message.function)) {
      this.shared.spool.spooler.offer(message);
      return;
    }
    if (blocked !== undefined) return;
    this.communication.request(message, what).catch((error: unknown) => this.peer.logger.debug(`${what} failed: ${errorText(error)}`));
  }

  /** Why nothing may be sent to the host now, or undefined. */
  private sendBlocked(): 'notCommunicating' | 'offline' | undefined {
    if (!this.communication.communicating) return 'notCommunicating';
    return this.control.online ? undefined : 'offline';
  }

  private context(
    reportBuilder: EventReportBuilder,
    options: GemEquipmentModelOptions,
    { build, parse }: { readonly build: TimeBuildOptions; readonly parse: ParseOptions },
  ): EquipmentContext {
    const peer = this.peer;
    const communication = this.communication;
    const request = (message: SecsMessage, what: string): Promise<SecsMessage> => communication.request(message, what);
    const emitter = peer as unknown as EventEmitter;
    return {
      ...createCapabilities(options, {
        variables: this.variables,
        reports: this.reports,
        alarms: this.alarms,
        clock: this.clock,
        establishCommunicationsTimeout: communication.options.establishCommunicationsMs / 1000,
        timeFormat: communication.options.timeFormat,
        request,
        spoolChanged: (change, status) => peer.emitSafely('spoolChanged', change, status),
        raise: (ceid) => this.raise(ceid),
      }),
      request,
      trigger: (ceid, dataValues) => this.raise(ceid, dataValues),
      sendOrSpool: (message, what) => this.sendOrSpool(message, what),
      debug: (text) => peer.logger.debug(text),
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
      build,
      parse,
      budget: this.replyBudget,
      warn: (text) => peer.warnAboutPeer(text),
      register: (stream, fn, answer) =>
        peer.router.addDefaultRoute(stream, fn, { owner: OWNER, answer: (message) => this.replyBudget.guard(message, answer) }),
      emit: (event, ...args) => peer.emitSafely(event, ...args),
      listens: (event) => peer.listenerCount(event) > 0,
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
