import type { SecsHandlerEvents } from '../secs/secs-handler.events.js';
import type { CommunicationState } from './communication-state.js';

/**
 * Events of a GemHandler: the SECS and HSMS ones plus the E30 communication state model's. As
 * below, never 'error'; a throwing listener is logged.
 */
export interface GemHandlerEvents extends SecsHandlerEvents {
  /** The E30 communication state changed. */
  communicationState: [state: CommunicationState, previous: CommunicationState];
  /** E30 COMMUNICATING was entered: S1F13/S1F14 exchanged with COMMACK 0 (either side's S1F13). */
  communicating: [];
}

/** A terminal text (S10F1 or S10F3): terminal number and the line. */
export interface TerminalMessage {
  readonly tid: number;
  readonly text: string;
}
