/**
 * The identifiers the equipment simulator defines, so hosts, tests and the sample app can name
 * them instead of repeating numbers. VIDs share one space (E30), so SVIDs, DVIDs and ECIDs differ.
 */
export const SIMULATOR_IDS = Object.freeze({
  svid: Object.freeze({ chamberTemperature: 1, chamberPressure: 2, processState: 3, waferCount: 4, controlState: 5 }),
  dvid: Object.freeze({ lotId: 20, cycleNumber: 21, recipe: 22 }),
  ecid: Object.freeze({ temperatureSetpoint: 10, temperatureAlarmLimit: 11 }),
  ceid: Object.freeze({
    processCycle: 100,
    alarmSet: 101,
    alarmCleared: 102,
    processStarted: 110,
    processStopped: 111,
    processPaused: 112,
    lotCompleted: 113,
  }),
  alid: Object.freeze({ overTemperature: 1 }),
});

/** E30 model name and software revision the simulator reports in S1F2, S1F13 and S1F14. */
export const SIMULATOR_MDLN = 'SIMTOOL';
export const SIMULATOR_SOFTREV = '1.0.0';
