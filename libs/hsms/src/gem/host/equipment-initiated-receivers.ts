import type { SecsMessage } from '../../protocol/secs-message.js';
import {
  parseS6F5,
  parseS7F1,
  parseS7F3,
  parseS7F5,
  S6F6,
  S7F2,
  S7F4,
  S7F6,
  type PpidReading,
  type ProcessProgramReading,
} from '../../secs/catalogue/index.js';
import type { ProcessProgramBody } from '../process-program-store.js';
import type { HostReceiverContext } from './host-receivers.js';

/** Gives the host's process program for an equipment's S7F5, or undefined when the host has none. */
export type HostProcessProgramProvider = (ppid: PpidReading) => ProcessProgramBody | undefined | Promise<ProcessProgramBody | undefined>;

// E5 GRANT6 0, PPGNT 0, ACKC7 0 and 4 (PPID not found).
const GRANTED = 0;
const ACCEPTED = 0;

/**
 * What an equipment starts and the host answers: S6F5 multi-block inquire (granted), and the
 * equipment-initiated process program transfer: S7F1 load inquire (granted), S7F3 send (emitted as
 * 'processProgramReceived', ACKC7 0), S7F5 request (answered from the provider; E5: an empty list
 * when the host does not have it).
 */
export function registerEquipmentInitiatedReceivers(
  ctx: HostReceiverContext,
  provider: () => HostProcessProgramProvider | undefined,
): void {
  ctx.route(6, 5, {
    answer: (m) => {
      parseS6F5(m, ctx.parse);
      return S6F6(GRANTED, ctx.build);
    },
  });

  ctx.route(7, 1, {
    answer: (m) => {
      parseS7F1(m, ctx.parse);
      return S7F2(GRANTED, ctx.build);
    },
  });

  // the program is reported when it arrives, also when the application answers S7F3 itself
  const programs = new WeakMap<SecsMessage, ProcessProgramReading>();
  ctx.route(7, 3, {
    observe: (m) => {
      let program: ProcessProgramReading;
      try {
        program = parseS7F3(m, ctx.parse);
      } catch (error) {
        ctx.warn(`S7F3 does not match its structure (${error instanceof Error ? error.message : String(error)}): not reported`);
        return;
      }
      programs.set(m, program);
      ctx.emit('processProgramReceived', { ppid: program.ppid, body: program.ppbody });
    },
    // a body that does not match (not observed) is parsed again here, so its error answers SxF0
    answer: (m) => {
      if (!programs.has(m)) parseS7F3(m, ctx.parse);
      return S7F4(ACCEPTED, ctx.build);
    },
  });

  ctx.route(7, 5, {
    answer: async (m) => {
      const ppid = parseS7F5(m, ctx.parse);
      const body = await provider()?.(ppid);
      return S7F6(body === undefined ? undefined : { ppid, ppbody: body }, ctx.build);
    },
  });
}
