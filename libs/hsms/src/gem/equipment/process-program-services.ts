import { parseS7F1, parseS7F17, parseS7F3, parseS7F5, S7F18, S7F2, S7F20, S7F4, S7F6 } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * E30 process program management from the in-memory store: S7F1 load inquire, S7F3 send,
 * S7F5 request, S7F17 delete, S7F19 current EPPD (the list of PPIDs).
 */
export function registerProcessProgramServices(ctx: EquipmentContext): void {
  const { programs, build, parse } = ctx;

  // E5 PPGNT within the store's limits (a program already stored may be replaced)
  ctx.register(7, 1, (m) => {
    const { ppid, length } = parseS7F1(m, parse);
    return S7F2(programs.grant(ppid, typeof length === 'string' ? Number.MAX_SAFE_INTEGER : length), build); // LENGTH as text: not a size we can grant
  });

  // E5 ACKC7: the program is measured by the bytes it came in, and stored only within the limits
  ctx.register(7, 3, (m) => {
    const { ppid, ppbody } = parseS7F3(m, parse);
    const ackc7 = programs.receive(ppid, ppbody, m.encodeBody().length);
    if (ackc7 === 0) ctx.emit('processProgramChanged', { ppid, change: 'stored' });
    return S7F4(ackc7, build);
  });

  ctx.register(7, 5, (m) => {
    const program = programs.get(parseS7F5(m, parse));
    // E5: an empty list when the program is not there
    return S7F6(program === undefined ? undefined : { ppid: program.ppid, ppbody: program.body }, build);
  });

  ctx.register(7, 17, (m) => {
    const { ackc7, deleted } = programs.delete(parseS7F17(m, parse));
    for (const ppid of deleted) ctx.emit('processProgramChanged', { ppid, change: 'deleted' });
    return S7F18(ackc7, build);
  });

  ctx.register(7, 19, () => {
    ctx.budget.rows('S7F20', programs.size, 1);
    return S7F20(programs.ppids, build);
  });
}
