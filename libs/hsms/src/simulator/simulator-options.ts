import type { HsmsLogger, HsmsLogLevel } from '../connections/hsms-logger.js';
import { type HsmsTimerOptions, TIMER_OPTION_KEYS } from '../connections/hsms-options.js';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { describeValue, readBoolean, readInteger, readSeconds, rejectUnknownKeys, requireObject } from '../protocol/option-checks.js';

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

const SIMULATOR_KEYS: readonly (keyof EquipmentSimulatorOptions)[] = [
  'name',
  'active',
  'address',
  'port',
  'sessionId',
  'localAddress',
  'bindAddress',
  'eventPeriod',
  'alarmEvery',
  'wafersPerLot',
  'stateDir',
  'spooling',
  'logger',
  'logLevel',
  ...TIMER_OPTION_KEYS,
];

/**
 * Checks what the connection and handler do not check themselves, and refuses unknown keys.
 * Throws HsmsOptionError naming the first bad option; connection options (port, sessionId,
 * timers) are checked by the connection with the same error.
 */
export function resolveSimulatorSettings(options: EquipmentSimulatorOptions): ResolvedSimulatorSettings {
  rejectUnknownKeys('', requireObject('', options), SIMULATOR_KEYS);
  if (typeof options.name !== 'string' || options.name.trim() === '')
    throw new HsmsOptionError('name', `must be a non-empty string, got ${describeValue(options.name)}`);
  if (typeof options.active !== 'boolean')
    throw new HsmsOptionError('active', `must be true or false, got ${describeValue(options.active)}`);
  const period = readSeconds('eventPeriod', options.eventPeriod ?? 5, MAX_SECONDS);
  const alarmEvery = readInteger('alarmEvery', options.alarmEvery, 0, Number.MAX_SAFE_INTEGER, 12);
  // 1 would put every cycle past the limit: the alarm would never clear
  if (alarmEvery === 1) throw new HsmsOptionError('alarmEvery', 'must be 0 (never) or an integer of at least 2, got 1');
  const wafersPerLot = readInteger('wafersPerLot', options.wafersPerLot, 1, Number.MAX_SAFE_INTEGER, 25);
  if (options.stateDir !== undefined && (typeof options.stateDir !== 'string' || options.stateDir.trim() === '')) {
    throw new HsmsOptionError('stateDir', `must be a directory path, got ${describeValue(options.stateDir)}`);
  }
  const spooling = readBoolean('spooling', options.spooling, true);
  return { eventPeriodMs: period * 1000, alarmEvery, wafersPerLot, stateDir: options.stateDir, spooling };
}
