import { describe, expect, it } from 'vitest';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import { type EquipmentSimulatorOptions, resolveSimulatorSettings } from './simulator-options.js';

const BASE: EquipmentSimulatorOptions = { name: 'sim', active: false, address: '127.0.0.1', port: 0 };

function refusal(options: unknown): HsmsOptionError {
  try {
    resolveSimulatorSettings(options as EquipmentSimulatorOptions);
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('the options were accepted');
}

describe('resolveSimulatorSettings', () => {
  it('fills the defaults and reads numbers given as decimal strings', () => {
    expect(resolveSimulatorSettings(BASE)).toEqual({
      eventPeriodMs: 5000,
      alarmEvery: 12,
      wafersPerLot: 25,
      stateDir: undefined,
      spooling: true,
    });
    const fromEnv = {
      ...BASE,
      eventPeriod: '0.5',
      alarmEvery: '0',
      wafersPerLot: '3',
      spooling: false,
      stateDir: '/var/lib/sim',
    } as unknown as EquipmentSimulatorOptions;
    expect(resolveSimulatorSettings(fromEnv)).toEqual({
      eventPeriodMs: 500,
      alarmEvery: 0,
      wafersPerLot: 3,
      stateDir: '/var/lib/sim',
      spooling: false,
    });
  });

  it('refuses an unknown key naming the nearest valid one', () => {
    expect(refusal({ ...BASE, sessionID: 1 }).message).toBe("sessionID: unknown option 'sessionID' (did you mean 'sessionId'?)");
    expect(refusal({ ...BASE, evntPeriod: 1 }).message).toBe("evntPeriod: unknown option 'evntPeriod' (did you mean 'eventPeriod'?)");
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ active: 'no' }, 'active'],
    [{ eventPeriod: 100_000 }, 'eventPeriod'],
    [{ eventPeriod: '5s' }, 'eventPeriod'],
    [{ alarmEvery: 1 }, 'alarmEvery'],
    [{ wafersPerLot: 0 }, 'wafersPerLot'],
    [{ stateDir: ' ' }, 'stateDir'],
    [{ spooling: 'sometimes' }, 'spooling'],
  ])('refuses %j naming %s', (extra, path) => {
    const error = refusal({ ...BASE, ...extra });
    expect(error.path).toBe(path);
    expect(error.code).toBe('HSMS_OPTION_INVALID');
  });
});
