import type { PpidReading } from '../secs/catalogue/index.js';
import type { ControlState } from './control-state.js';
import type { EquipmentConstantChange } from './equipment-constants.js';
import type { GemHandlerEvents, TerminalMessage } from './gem-handler.events.js';
import type { SpoolChange, SpoolStatus } from './spooling/spooler.js';

/** A stored or deleted process program. */
export interface ProcessProgramChange {
  readonly ppid: PpidReading;
  readonly change: 'stored' | 'deleted';
}

/** Events of a GemEquipmentHandler (never 'error'; a throwing listener is logged). */
export interface GemEquipmentHandlerEvents extends GemHandlerEvents {
  /** The E30 control state changed. */
  controlState: [state: ControlState, previous: ControlState];
  /** An equipment constant changed (by the host's S2F15, or a local set). */
  equipmentConstantChanged: [change: EquipmentConstantChange];
  /** The host sent a line for the operator (E30 terminal services: S10F3; S10F1 from a host is taken too). */
  terminalDisplay: [message: TerminalMessage];
  /** The host set the clock (S2F31); `offsetMs` is how far it runs from the system clock. */
  clockChanged: [time: Date, offsetMs: number];
  /** The host stored (S7F3) or deleted (S7F17) a process program. */
  processProgramChanged: [change: ProcessProgramChange];
  /** E30 spooling: the spool became active, full or inactive, or a transmission failed. */
  spoolChanged: [change: SpoolChange, status: SpoolStatus];
}
