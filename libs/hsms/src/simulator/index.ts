// The equipment simulator's public names: the simulator, its options, ids and errors.
export { EquipmentSimulator } from './equipment-simulator.js';
export type { EquipmentSimulatorOptions } from './simulator-options.js';
export { SimulatorListenError } from './simulator-errors.js';
export { SIMULATOR_IDS, SIMULATOR_MDLN, SIMULATOR_SOFTREV } from './simulator-ids.js';
export type { ChamberSnapshot, ChamberProcessState } from './chamber-model.js';
