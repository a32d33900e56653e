import type { GemEquipmentHandler } from '../gem/gem-equipment-handler.js';
import { A, F4, U4 } from '../protocol/items/secs-item.js';
import type { ChamberModel } from './chamber-model.js';
import { SIMULATOR_IDS } from './simulator-ids.js';

const { svid, dvid, ecid, ceid, alid } = SIMULATOR_IDS;

/** Readings are reported to one decimal, as a real controller displays them. */
const tenth = (value: number): number => Math.round(value * 10) / 10;

/**
 * Defines the two temperature constants (the host may change them with S2F15) and returns how the
 * chamber model reads them. Called before the model exists: the model starts at the setpoint.
 */
export function defineTemperatureConstants(handler: GemEquipmentHandler): { setpoint(): number; alarmLimit(): number } {
  handler.addEquipmentConstant({
    ecid: ecid.temperatureSetpoint,
    name: 'TemperatureSetpoint',
    unit: 'C',
    default: 350,
    min: 20,
    max: 500,
    format: 'F4',
  });
  handler.addEquipmentConstant({
    ecid: ecid.temperatureAlarmLimit,
    name: 'TemperatureAlarmLimit',
    unit: 'C',
    default: 400,
    min: 20,
    max: 600,
    format: 'F4',
  });
  return {
    setpoint: () => Number(handler.getEquipmentConstant(ecid.temperatureSetpoint)),
    alarmLimit: () => Number(handler.getEquipmentConstant(ecid.temperatureAlarmLimit)),
  };
}

/**
 * Defines on the equipment handler the rest of what a host may ask the simulator for: status
 * variables read live from the chamber, data values, the collection events and the
 * over-temperature alarm (see SIMULATOR_IDS for the numbers).
 */
export function defineSimulatedVariables(handler: GemEquipmentHandler, chamber: ChamberModel): void {
  handler.addStatusVariable({
    svid: svid.chamberTemperature,
    name: 'ChamberTemperature',
    unit: 'C',
    value: () => F4(tenth(chamber.snapshot.temperature)),
  });
  handler.addStatusVariable({
    svid: svid.chamberPressure,
    name: 'ChamberPressure',
    unit: 'Pa',
    value: () => F4(tenth(chamber.snapshot.pressure)),
  });
  handler.addStatusVariable({ svid: svid.processState, name: 'ProcessState', value: () => A(chamber.snapshot.state) });
  handler.addStatusVariable({ svid: svid.waferCount, name: 'WaferCount', value: () => U4(chamber.snapshot.waferCount) });
  handler.addStatusVariable({ svid: svid.controlState, name: 'ControlState', value: () => A(handler.controlState) });

  // E30 data values: valid at an event; the events pass them, these are the fallbacks
  handler.addDataValue({ dvid: dvid.lotId, name: 'LotId', value: () => A(chamber.snapshot.lot) });
  handler.addDataValue({ dvid: dvid.cycleNumber, name: 'CycleNumber', value: () => U4(chamber.snapshot.cycle) });
  handler.addDataValue({ dvid: dvid.recipe, name: 'Recipe', value: () => A(chamber.snapshot.recipe) });

  handler.addCollectionEvent({ ceid: ceid.processCycle, name: 'ProcessCycle' });
  handler.addCollectionEvent({ ceid: ceid.alarmSet, name: 'AlarmSet' });
  handler.addCollectionEvent({ ceid: ceid.alarmCleared, name: 'AlarmCleared' });
  handler.addCollectionEvent({ ceid: ceid.processStarted, name: 'ProcessStarted' });
  handler.addCollectionEvent({ ceid: ceid.processStopped, name: 'ProcessStopped' });
  handler.addCollectionEvent({ ceid: ceid.processPaused, name: 'ProcessPaused' });
  handler.addCollectionEvent({ ceid: ceid.lotCompleted, name: 'LotCompleted' });

  // Enabled from the start so a host that never sends S5F3 still sees the demo's alarm.
  // ALCD category 4: parameter control error (E5).
  handler.addAlarm({
    alid: alid.overTemperature,
    text: 'chamber over temperature',
    category: 4,
    enabled: true,
    setCeid: ceid.alarmSet,
    clearCeid: ceid.alarmCleared,
  });
}
