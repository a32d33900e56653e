import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { HsmsConsoleOptions, HsmsModuleOptions, HsmsPeerConfig } from '@app/hsms';

/** The embedded equipment simulator: one GEM equipment per entry. */
export interface SimulatorConfig {
  /** Start the simulator with the app. Default true. */
  enabled?: boolean;
  equipment?: SimulatedEquipmentConfig[];
}

export interface SimulatedEquipmentConfig {
  /** Name in logs. */
  name: string;
  /** true: the simulator connects to `address:port`; false: it listens on `port` for `address`. */
  active: boolean;
  address: string;
  port: number;
  sessionId?: number;
  /** Seconds between simulated collection events. Default 5. */
  eventPeriod?: number;
  /** Local address an active simulator connects from (a distinct 127.x address per tool). */
  localAddress?: string;
  /** Interface a passive simulator listens on. Default all interfaces. */
  bindAddress?: string;
}

export interface SampleConfig {
  hsms: HsmsModuleOptions;
  /** Peers the FabService adds at run time through the injected HsmsConnectionManager. */
  runtimePeers: HsmsPeerConfig[];
  simulator: SimulatorConfig;
  /** The web console (HsmsConsoleModule): on by default at http://127.0.0.1:3000/. */
  console: HsmsConsoleOptions;
}

/** Default config file, relative to the working directory (the repository root for `npm start`). */
export const DEFAULT_CONFIG_PATH = 'apps/sample/config/hsms.yaml';

/** Reads the YAML config named by HSMS_CONFIG (or the default); used as a @nestjs/config loader. */
export function loadSampleConfig(path = process.env['HSMS_CONFIG'] ?? DEFAULT_CONFIG_PATH): SampleConfig {
  const file = resolve(path);
  const raw = parse(readFileSync(file, 'utf8')) as Partial<SampleConfig> | null;
  if (!raw || typeof raw !== 'object' || typeof raw.hsms !== 'object') {
    throw new Error(`${file}: expected a YAML mapping with an 'hsms' section`);
  }
  return {
    hsms: raw.hsms,
    runtimePeers: raw.runtimePeers ?? [],
    simulator: raw.simulator ?? { enabled: false },
    console: raw.console ?? {},
  };
}
