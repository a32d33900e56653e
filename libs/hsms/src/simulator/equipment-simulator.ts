import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HsmsActiveConnection } from '../connections/hsms-active-connection.js';
import { FileGemStateStore } from '../gem/state/file-state-store.js';
import { LeveledLogger } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import { HsmsPassiveConnection } from '../connections/hsms-passive-connection.js';
import { ControlState } from '../gem/control-state.js';
import { GemEquipmentHandler } from '../gem/gem-equipment-handler.js';
import type { TerminalMessage } from '../gem/gem-handler.events.js';
import { A, U4, type SecsItem } from '../protocol/items/secs-item.js';
import { ChamberModel, type ChamberSnapshot, type CycleOutcome } from './chamber-model.js';
import { defineSimulatedVariables, defineTemperatureConstants } from './simulated-variables.js';
import { registerSimulatorCommands } from './simulator-commands.js';
import { SimulatorListenError } from './simulator-errors.js';
import { SIMULATOR_IDS, SIMULATOR_MDLN, SIMULATOR_SOFTREV } from './simulator-ids.js';
import { resolveSimulatorSettings, type EquipmentSimulatorOptions, type ResolvedSimulatorSettings } from './simulator-options.js';

const { ceid, dvid, alid } = SIMULATOR_IDS;

/** The HSMS timer options the simulator hands to its connection as they are. */
const TIMER_KEYS = ['t3', 't5', 't6', 't7', 't8', 'linktest', 'linktestFailures', 'maxMessageLength', 'connectTimeout'] as const;

/**
 * A GEM equipment (E30) to talk to when no tool is at hand: the sample app embeds it and
 * `hsms serve` / `hsms connect` run it. A plasma chamber with status variables, data values,
 * temperature constants, collection events, an over-temperature alarm, remote commands
 * START/STOP/PAUSE and terminal services (the ids are in SIMULATOR_IDS). It is ON-LINE REMOTE
 * from the start and goes back there by itself whenever communication is established.
 *
 * Every eventPeriod seconds the chamber runs one process cycle and reports it as collection event
 * 100 (sent while the host has enabled it; spooled while the link is down, E30 spooling, until the
 * host asks with S6F23); every alarmEvery
 * cycles the heater overshoots, which sets alarm 1 (S5F1, event 101, a terminal line to the host)
 * and clears it a cycle later (S5F1, event 102). Every message is logged in SML at verbose level.
 */
export class EquipmentSimulator {
  readonly name: string;
  private readonly settings: ResolvedSimulatorSettings;
  private readonly connection: HsmsActiveConnection | HsmsPassiveConnection;
  private readonly equipment: GemEquipmentHandler;
  private readonly model: ChamberModel;
  private readonly logger: LeveledLogger;
  private running = false;
  private stopping: Promise<void> | undefined;
  private cycleTimer: NodeJS.Timeout | undefined;
  private readonly deferred = new Set<NodeJS.Immediate>();
  /** The last cycle's S6F11 is still waiting for its S6F12: the next cycle does not pile another on (T3 bounds the wait). */
  private cycleReportOpen = false;
  private readonly store: FileGemStateStore;
  /** The state directory made for this run when none was given; removed by stop(). */
  private readonly temporaryStateDir: string | undefined;

  /** Throws HsmsOptionError naming the first bad option. */
  constructor(options: EquipmentSimulatorOptions) {
    this.settings = resolveSimulatorSettings(options);
    this.name = options.name;
    const logLevel = options.logLevel ?? 'verbose';
    this.logger = new LeveledLogger(options.logger, logLevel, `Simulator ${options.name}`);
    this.connection = createConnection(options, logLevel);
    this.temporaryStateDir = this.settings.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'hsms-simulator-')) : undefined;
    this.store = new FileGemStateStore(this.settings.stateDir ?? this.temporaryStateDir!);
    this.equipment = new GemEquipmentHandler(this.connection, {
      name: options.name,
      mdln: SIMULATOR_MDLN,
      softrev: SIMULATOR_SOFTREV,
      stateStore: this.store,
      spooling: { enabled: this.settings.spooling },
    });
    this.model = new ChamberModel({
      ...defineTemperatureConstants(this.equipment),
      alarmEvery: this.settings.alarmEvery,
      wafersPerLot: this.settings.wafersPerLot,
    });
    defineSimulatedVariables(this.equipment, this.model);
    // E30 limits monitoring: the host may set deadbands on the chamber temperature (S2F45)
    this.equipment.addLimitMonitor({ vid: SIMULATOR_IDS.svid.chamberTemperature, units: 'C', min: 0, max: 1000 });
    registerSimulatorCommands(this.equipment, this.model, {
      started: (lot, recipe) => this.commandDone(`START lot ${lot}${recipe ? ` recipe ${recipe}` : ''}`, ceid.processStarted),
      stopped: () => this.commandDone('STOP', ceid.processStopped),
      paused: () => this.commandDone('PAUSE', ceid.processPaused),
    });
    this.watchHandler();
  }

  /** The GEM equipment handler, for anything the simulator does not do by itself. */
  get handler(): GemEquipmentHandler {
    return this.equipment;
  }

  /** Passive: the port listened on (the real one when `port` was 0); undefined when active or not listening. */
  get listeningPort(): number | undefined {
    return this.connection instanceof HsmsPassiveConnection ? this.connection.listeningPort : undefined;
  }

  /** The simulated chamber now. */
  get chamber(): ChamberSnapshot {
    return this.model.snapshot;
  }

  /**
   * Starts the link and the process cycles. Passive: resolves once listening (rejects with
   * SimulatorListenError, everything stopped again, when the port cannot be listened on). Active:
   * resolves at once; the connection is attempted and retried every T5.
   */
  async start(): Promise<void> {
    await this.stopping;
    if (!this.running) {
      this.running = true;
      this.equipment.enable();
      this.cycleTimer = setInterval(() => this.runCycle(), this.settings.eventPeriodMs);
    }
    if (!(this.connection instanceof HsmsPassiveConnection)) return;
    try {
      await this.connection.whenListening();
    } catch (error) {
      if (!this.running) return; // stop() came first
      await this.stop();
      throw new SimulatorListenError(this.name, this.connection.port, error);
    }
  }

  /**
   * Stops the cycles and the link (Separate.req when SELECTED, E37). Idempotent; finishes in bounded
   * time even when the host vanished (the handler's disable() bound).
   */
  stop(): Promise<void> {
    if (!this.running) return this.stopping ?? Promise.resolve();
    this.running = false;
    clearInterval(this.cycleTimer);
    this.cycleTimer = undefined;
    for (const immediate of this.deferred) clearImmediate(immediate);
    this.deferred.clear();
    this.stopping = this.equipment.disable().finally(() => {
      this.stopping = undefined;
      this.store.close();
      if (this.temporaryStateDir !== undefined) rmSync(this.temporaryStateDir, { recursive: true, force: true });
    });
    return this.stopping;
  }

  // --- the chamber's cycle ---

  private runCycle(): void {
    try {
      const outcome = this.model.step();
      if (outcome.alarm !== undefined) this.alarmChanged(outcome.alarm === 'set');
      if (outcome.lotCompleted !== undefined) this.lotCompleted(outcome);
      this.reportCycle(outcome.cycle);
    } catch (error) {
      this.logger.error('process cycle failed', error); // a timer callback must never throw
    }
  }

  private reportCycle(cycle: number): void {
    // not COMMUNICATING: the report goes to the spool (E30) when spooling is on, else it is dropped
    if (this.cycleReportOpen || !this.equipment.isCollectionEventEnabled(ceid.processCycle)) return;
    this.cycleReportOpen = true;
    void this.report(`process cycle ${cycle} (CEID ${ceid.processCycle})`, () =>
      this.equipment.triggerCollectionEvent(ceid.processCycle, this.eventValues()),
    ).finally(() => {
      this.cycleReportOpen = false;
    });
  }

  private alarmChanged(set: boolean): void {
    const { temperature } = this.model.snapshot;
    const what = `alarm ${alid.overTemperature} (chamber over temperature) ${set ? 'set' : 'cleared'} at ${temperature.toFixed(1)} C`;
    if (set) this.logger.warn(what);
    else this.logger.log(what);
    void this.report(what, () => (set ? this.equipment.setAlarm(alid.overTemperature) : this.equipment.clearAlarm(alid.overTemperature)));
    // E30 terminal services: tell the operator at the host, when there is a host to tell
    if (set && this.equipment.communicating && this.equipment.online) {
      void this.report('terminal message', () =>
        this.equipment.sendTerminalMessage(0, `ALARM ${alid.overTemperature}: chamber over temperature, ${temperature.toFixed(1)} C`),
      );
    }
  }

  private lotCompleted(outcome: CycleOutcome): void {
    this.logger.log(`lot ${outcome.lotCompleted ?? ''} completed at cycle ${outcome.cycle}`);
    void this.report(`lot completed (CEID ${ceid.lotCompleted})`, () =>
      this.equipment.triggerCollectionEvent(ceid.lotCompleted, this.eventValues()),
    );
  }

  // --- reactions ---

  /** After an accepted remote command: its event goes out once the S2F42 has left (E30 order). */
  private commandDone(what: string, event: number): void {
    this.logger.log(`remote command ${what} accepted; process state ${this.model.snapshot.state}`);
    const immediate = setImmediate(() => {
      this.deferred.delete(immediate);
      void this.report(`${what} (CEID ${event})`, () => this.equipment.triggerCollectionEvent(event, this.eventValues()));
    });
    this.deferred.add(immediate);
  }

  /** Logs what the host did to the equipment, and brings it ON-LINE REMOTE when communication starts. */
  private watchHandler(): void {
    this.equipment.on('communicating', () => {
      this.logger.log('communicating with the host');
      void this.goOnlineRemote();
    });
    this.equipment.on('controlState', (state, previous) => this.logger.log(`control state ${previous} -> ${state}`));
    this.equipment.on('terminalDisplay', (message: TerminalMessage) => this.logger.log(`terminal ${message.tid}: ${message.text}`));
    this.equipment.on('equipmentConstantChanged', (change) =>
      this.logger.log(`equipment constant ${change.name} ${String(change.previous)} -> ${String(change.value)}`),
    );
  }

  /** E30: the simulated operator leaves the switch at REMOTE and brings the tool ON-LINE when it is not. */
  private async goOnlineRemote(): Promise<void> {
    try {
      if (!this.equipment.online) await this.equipment.goOnline();
      if (this.equipment.controlState === ControlState.OnlineLocal) this.equipment.setRemote();
    } catch (error) {
      this.logger.warn(`could not go ON-LINE REMOTE: ${errorText(error)}`);
    }
  }

  /** The data values the simulator's events carry (E30: valid at the event). */
  private eventValues(): Record<string, SecsItem> {
    const { lot, cycle, recipe } = this.model.snapshot;
    return { [dvid.lotId]: A(lot), [dvid.cycleNumber]: U4(cycle), [dvid.recipe]: A(recipe) };
  }

  /**
   * Runs one report to the host and logs how it ended; never rejects. A failure while stopping (the
   * link closing under it) is expected and logged at debug only.
   */
  private report(what: string, send: () => Promise<unknown>): Promise<void> {
    return Promise.resolve()
      .then(send)
      .then(
        (result) => {
          if (this.logger.enabled('debug')) this.logger.debug(`${what}: ${JSON.stringify(result)}`);
        },
        (error: unknown) => {
          if (this.running) this.logger.warn(`${what} failed: ${errorText(error)}`);
          else this.logger.debug(`${what} failed while stopping: ${errorText(error)}`);
        },
      );
  }
}

function createConnection(
  options: EquipmentSimulatorOptions,
  logLevel: NonNullable<EquipmentSimulatorOptions['logLevel']>,
): HsmsActiveConnection | HsmsPassiveConnection {
  const timers: HsmsTimerOptions = {};
  for (const key of TIMER_KEYS) if (options[key] !== undefined) timers[key] = options[key];
  const common = { ...timers, logger: options.logger, logLevel };
  const sessionId = options.sessionId ?? 0;
  return options.active
    ? new HsmsActiveConnection(options.address, options.port, sessionId, undefined, { ...common, localAddress: options.localAddress })
    : new HsmsPassiveConnection(options.address, options.port, sessionId, undefined, { ...common, bindAddress: options.bindAddress });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
