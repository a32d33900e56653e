import { parseS6F5, parseS7F1, parseS7F3, parseS7F5, S6F6, S7F2, S7F4, S7F6, type PpidReading } from '../../secs/catalogue/index.js';
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
export function registerEquipmentInitiatedReceivers(ctx: HostReceiverContext, provider: () => HostProcessProgramProvider | undefined): void {
  ctx.register(6, 5, (m) => {
    parseS6F5(m, ctx.parse);
    return S6F6(GRANTED, ctx.build);
  });

  ctx.register(7, 1, (m) => {
    parseS7F1(m, ctx.parse);
    return S7F2(GRANTED, ctx.build);
  });

  ctx.register(7, 3, (m) => {
    const { ppid, ppbody } = parseS7F3(m, ctx.parse);
    ctx.emit('processProgramReceived', { ppid, body: ppbody });
    return S7F4(ACCEPTED, ctx.build);
  });

  ctx.register(7, 5, async (m) => {
    const ppid = parseS7F5(m, ctx.parse);
    const body = await provider()?.(ppid);
    return S7F6(body === undefined ? undefined : { ppid, ppbody: body }, ctx.build);
  });
}
