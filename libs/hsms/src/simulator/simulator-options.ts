import type { HsmsLogger, HsmsLogLevel } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import { SimulatorOptionError } from './simulator-errors.js';

export interface EquipmentSimulatorOptions extends HsmsTimerOptions {
  /** Name in logs and errors. */
  name: string;
  /** true: connect to `address:port` (E37 active); false: listen on `port` for a peer at `address` (passive). */
  active: boolean;
  /** Active: the host to connect to. Passive: the peer address to accept ('*' or '0.0.0.0': any). */
  address: string;
  /** Active: the host's port. Passive: the port to listen on (0: a free one, see listeningPort). */
  port: number;
  /** HSMS session id (device id). Default 0. */
  sessionId?: number;
  /** Active only: the local address to connect from. Default: the OS's choice. */
  localAddress?: string;
  /** Passive only: the interface to listen on. Default: all interfaces. */
  bindAddress?: string;
  /** Seconds between process cycles, each reported as collection event 100 (fractions allowed). Default 5. */
  eventPeriod?: number;
  /** A chamber over-temperature excursion (alarm 1 set, then cleared) every this many cycles; 0 never. Default 12. */
  alarmEvery?: number;
  /** Wafers per lot: a started lot completes after this many cycles. Default 25. */
  wafersPerLot?: number;
  /**
   * E30 non-volatile state (reports, enabled events and alarms, constants, the spool): a directory
   * kept across runs. Default: a fresh temporary directory, removed again by stop().
   */
  stateDir?: string;
  /** E30 spooling of S6F11 and S5F1 while the link is down (EnableSpooling at first start). Default true. */
  spooling?: boolean;
  logger?: HsmsLogger;
  /**
   * Most detailed level written to `logger`. Default 'verbose' (every message in SML): showing the
   * conversation is what a simulator is for.
   */
  logLevel?: HsmsLogLevel;
}

export interface ResolvedSimulatorSettings {
  readonly eventPeriodMs: number;
  readonly alarmEvery: number;
  readonly wafersPerLot: number;
  readonly stateDir: string | undefined;
  readonly spooling: boolean;
}

/** Upper bound of the event period (a day): anything longer is a typo for milliseconds. */
const MAX_SECONDS = 86_400;

/**
 * Checks what the connection and handler do not check themselves. Throws SimulatorOptionError
 * naming the first bad option; connection options are checked by the connection (HsmsOptionError).
 */
export function resolveSimulatorSettings(options: EquipmentSimulatorOptions): ResolvedSimulatorSettings {
  if (typeof options.name !== 'string' || options.name.trim() === '') throw new SimulatorOptionError('name', `must be a non-empty string, got ${JSON.stringify(options.name)}`);
  if (typeof options.active !== 'boolean') throw new SimulatorOptionError('active', `must be true or false, got ${String(options.active)}`);
  const period = options.eventPeriod ?? 5;
  if (typeof period !== 'number' || !Number.isFinite(period) || period <= 0 || period > MAX_SECONDS) {
    throw new SimulatorOptionError('eventPeriod', `must be a number of seconds in (0, ${MAX_SECONDS}], got ${String(period)}`);
  }
  const alarmEvery = options.alarmEvery ?? 12;
  // 1 would put every cycle past the limit: the alarm would never clear
  if (!Number.isSafeInteger(alarmEvery) || alarmEvery < 0 || alarmEvery === 1) {
    throw new SimulatorOptionError('alarmEvery', `must be 0 (never) or an integer of at least 2, got ${String(alarmEvery)}`);
  }
  const wafersPerLot = options.wafersPerLot ?? 25;
  if (!Number.isSafeInteger(wafersPerLot) || wafersPerLot < 1) {
    throw new SimulatorOptionError('wafersPerLot', `must be a positive integer, got ${String(wafersPerLot)}`);
  }
  if (options.stateDir !== undefined && (typeof options.stateDir !== 'string' || options.stateDir.trim() === '')) {
    throw new SimulatorOptionError('stateDir', `must be a directory path, got ${JSON.stringify(options.stateDir)}`);
  }
  if (options.spooling !== undefined && typeof options.spooling !== 'boolean') throw new SimulatorOptionError('spooling', `must be true or false, got ${String(options.spooling)}`);
  return { eventPeriodMs: period * 1000, alarmEvery, wafersPerLot, stateDir: options.stateDir, spooling: options.spooling ?? true };
}
