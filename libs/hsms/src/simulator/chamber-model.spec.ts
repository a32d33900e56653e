import { describe, expect, it } from 'vitest';
import { ChamberModel, type ChamberSettings } from './chamber-model.js';

/** A chamber with fixed noise (random() = 0.5 gives zero noise) and settings a test may change. */
function chamber(overrides: Partial<ChamberSettings> = {}, constants = { setpoint: 350, limit: 400 }) {
  const model = new ChamberModel({
    setpoint: () => constants.setpoint,
    alarmLimit: () => constants.limit,
    alarmEvery: 0,
    wafersPerLot: 3,
    random: () => 0.5,
    ...overrides,
  });
  return { model, constants };
}

describe('ChamberModel', () => {
  it('starts IDLE at its setpoint, with no alarm', () => {
    const { model } = chamber();
    expect(model.snapshot).toMatchObject({ state: 'IDLE', temperature: 350, waferCount: 0, cycle: 0, overTemperature: false });
  });

  it('moves START / PAUSE / STOP through the process states and refuses the others', () => {
    const { model } = chamber();
    expect(model.stop()).toBe(false);
    expect(model.pause()).toBe(false);
    expect(model.start('LOT-1', 'ETCH')).toBe(true);
    expect(model.start('LOT-2', 'ETCH')).toBe(false);
    expect(model.snapshot).toMatchObject({ state: 'PROCESSING', lot: 'LOT-1', recipe: 'ETCH' });
    expect(model.pause()).toBe(true);
    expect(model.pause()).toBe(false);
    expect(model.start('LOT-1', 'ETCH')).toBe(true); // resumes
    expect(model.stop()).toBe(true);
    expect(model.snapshot.state).toBe('IDLE');
  });

  it('processes one wafer per cycle while PROCESSING and completes the lot after wafersPerLot', () => {
    const { model } = chamber();
    model.step();
    expect(model.snapshot.waferCount).toBe(0);
    model.start('LOT-1', '');
    const outcomes = [model.step(), model.step(), model.step()];
    expect(outcomes.map((o) => o.lotCompleted)).toEqual([undefined, undefined, 'LOT-1']);
    expect(model.snapshot).toMatchObject({ state: 'IDLE', waferCount: 3, cycle: 4 });
  });

  it('counts a paused lot on from where it stopped when it is started again', () => {
    const { model } = chamber();
    model.start('LOT-1', '');
    model.step();
    model.step();
    model.pause();
    model.step();
    model.start('LOT-1', '');
    expect(model.step().lotCompleted).toBe('LOT-1');
  });

  it('overshoots every alarmEvery cycles: the alarm is set, then cleared the cycle after', () => {
    const { model } = chamber({ alarmEvery: 3 });
    const alarms = Array.from({ length: 7 }, () => model.step().alarm);
    expect(alarms).toEqual([undefined, undefined, 'set', 'cleared', undefined, 'set', 'cleared']);
  });

  it('keeps the alarm set while the temperature stays within the hysteresis below the limit', () => {
    const { model, constants } = chamber();
    constants.setpoint = 420; // the host raised the setpoint past the limit: 385, 402.5, ...
    expect(Array.from({ length: 3 }, () => model.step().alarm)).toEqual([undefined, 'set', undefined]);
    constants.setpoint = 398; // 2 C under the limit: still too hot to clear
    for (let i = 0; i < 5; i++) expect(model.step().alarm).toBeUndefined();
    expect(model.snapshot.overTemperature).toBe(true);
    constants.setpoint = 350;
    const cleared = Array.from({ length: 5 }, () => model.step().alarm).filter((a) => a === 'cleared');
    expect(cleared).toHaveLength(1);
  });

  it('drifts the temperature with the noise and follows the pressure of the process state', () => {
    let value = 0.9;
    const { model } = chamber({ random: () => value });
    model.step();
    expect(model.snapshot.temperature).toBeCloseTo(350.8, 5); // (0.9 * 2 - 1) * 1 C
    value = 0.5;
    expect(model.snapshot.pressure).toBeLessThan(1);
    model.start('LOT-1', '');
    model.step();
    expect(model.snapshot.pressure).toBeCloseTo(12, 5);
  });
});
