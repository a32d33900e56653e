/** What the simulated chamber is doing (status variable 3). */
export type ChamberProcessState = 'IDLE' | 'PROCESSING' | 'PAUSED';

/** What the model reads each cycle: the equipment constants the host may change at any time. */
export interface ChamberSettings {
  /** Temperature the heater regulates to (C). */
  setpoint(): number;
  /** Above this temperature the over-temperature alarm is set (C). */
  alarmLimit(): number;
  /** A heater excursion past the alarm limit every this many cycles; 0 never. */
  readonly alarmEvery: number;
  /** Wafers in one lot: the lot completes after this many processing cycles. */
  readonly wafersPerLot: number;
  /** Source of noise in [0, 1); Math.random unless a test wants fixed values. */
  readonly random?: () => number;
}

/** What one cycle changed, for the simulator to report. */
export interface CycleOutcome {
  readonly cycle: number;
  /** The over-temperature alarm changed state in this cycle. */
  readonly alarm: 'set' | 'cleared' | undefined;
  /** The lot that just finished its last wafer (the chamber is IDLE again). */
  readonly lotCompleted: string | undefined;
}

/** A read-only view of the chamber for logs and tests. */
export interface ChamberSnapshot {
  readonly state: ChamberProcessState;
  readonly temperature: number;
  readonly pressure: number;
  readonly lot: string;
  readonly recipe: string;
  readonly waferCount: number;
  readonly cycle: number;
  readonly overTemperature: boolean;
}

/** The alarm clears only this far below the limit, so a temperature on the limit does not chatter. */
const ALARM_HYSTERESIS = 5;
/** Fraction of the way to the setpoint the heater closes per cycle. */
const HEATER_GAIN = 0.5;
/** Noise amplitudes (+/-) per cycle. */
const TEMPERATURE_NOISE = 1;
const PRESSURE_NOISE = 0.05;
/** Chamber pressure (Pa) by state: plasma process gas, held gas while paused, base vacuum. */
const PRESSURE: Readonly<Record<ChamberProcessState, number>> = { PROCESSING: 12, PAUSED: 5, IDLE: 0.5 };

/**
 * A plasma chamber reduced to what a GEM demo needs: a temperature that drifts around its
 * setpoint with a heater excursion now and then (the alarm), a pressure that follows the process
 * state, and a wafer counter. It has no timers: the simulator calls step() once per cycle, so a
 * test can drive it cycle by cycle.
 */
export class ChamberModel {
  private processState: ChamberProcessState = 'IDLE';
  private temperatureC: number;
  private pressurePa = PRESSURE.IDLE;
  private lotId = '';
  private recipeId = '';
  private wafers = 0;
  private lotWafers = 0;
  private cycles = 0;
  private alarmActive = false;
  private readonly random: () => number;

  constructor(private readonly settings: ChamberSettings) {
    this.random = settings.random ?? Math.random;
    this.temperatureC = settings.setpoint(); // a warmed-up chamber: no alarm at start
  }

  get snapshot(): ChamberSnapshot {
    return {
      state: this.processState,
      temperature: this.temperatureC,
      pressure: this.pressurePa,
      lot: this.lotId,
      recipe: this.recipeId,
      waferCount: this.wafers,
      cycle: this.cycles,
      overTemperature: this.alarmActive,
    };
  }

  /** From IDLE or PAUSED: processes `lot` (a new lot restarts the lot's wafer count). False while PROCESSING. */
  start(lot: string, recipe: string): boolean {
    if (this.processState === 'PROCESSING') return false;
    if (lot !== this.lotId || this.processState === 'IDLE') this.lotWafers = 0;
    this.lotId = lot;
    this.recipeId = recipe;
    this.processState = 'PROCESSING';
    return true;
  }

  /** From PROCESSING or PAUSED: back to IDLE. False when already IDLE. */
  stop(): boolean {
    if (this.processState === 'IDLE') return false;
    this.processState = 'IDLE';
    return true;
  }

  /** From PROCESSING: PAUSED. False otherwise. */
  pause(): boolean {
    if (this.processState !== 'PROCESSING') return false;
    this.processState = 'PAUSED';
    return true;
  }

  /** One process cycle: the heater, the pressure, one wafer when processing, the alarm latch. */
  step(): CycleOutcome {
    this.cycles += 1;
    this.moveTemperature();
    this.pressurePa = Math.max(0, PRESSURE[this.processState] + this.noise(PRESSURE_NOISE));
    const lotCompleted = this.processWafer();
    return { cycle: this.cycles, alarm: this.updateAlarm(), lotCompleted };
  }

  private moveTemperature(): void {
    const setpoint = this.settings.setpoint();
    const every = this.settings.alarmEvery;
    if (every > 0 && this.cycles % every === 0) {
      // a heater excursion: clearly past the limit, whatever the setpoint
      this.temperatureC = Math.max(setpoint, this.settings.alarmLimit()) + ALARM_HYSTERESIS + 5 * this.random();
      return;
    }
    this.temperatureC += (setpoint - this.temperatureC) * HEATER_GAIN + this.noise(TEMPERATURE_NOISE);
  }

  private processWafer(): string | undefined {
    if (this.processState !== 'PROCESSING') return undefined;
    this.wafers += 1;
    this.lotWafers += 1;
    if (this.lotWafers < this.settings.wafersPerLot) return undefined;
    this.processState = 'IDLE';
    this.lotWafers = 0;
    return this.lotId;
  }

  private updateAlarm(): 'set' | 'cleared' | undefined {
    const limit = this.settings.alarmLimit();
    if (!this.alarmActive && this.temperatureC > limit) {
      this.alarmActive = true;
      return 'set';
    }
    if (this.alarmActive && this.temperatureC <= limit - ALARM_HYSTERESIS) {
      this.alarmActive = false;
      return 'cleared';
    }
    return undefined;
  }

  private noise(amplitude: number): number {
    return (this.random() * 2 - 1) * amplitude;
  }
}
