import { parseS2F49, S2F50 } from '../../secs/catalogue/index.js';
import { ControlState } from '../control-state.js';
import type { EquipmentContext } from './equipment-context.js';

/**
 * E30 enhanced remote command: S2F49 runs the command registered with addRemoteCommand, as S2F41
 * does, with OBJSPEC and DATAID in the request; CEPVAL may be a list. Parameter errors come back as
 * CEPACK (E5 codes 1-3 mean what CPACK 1-3 mean). A command that answers HCACK 4 reports its end
 * later with completeRemoteCommand (the RemoteCommandCompleted event).
 */
export function registerEnhancedCommandServices(ctx: EquipmentContext): void {
  ctx.register(2, 49, async (m) => {
    const { dataId, objspec, rcmd, params } = parseS2F49(m, ctx.parse);
    const remote = ctx.control.state === ControlState.OnlineRemote;
    const answer = await ctx.commands.run(
      { rcmd: String(rcmd), params: params.map((p) => ({ cpname: p.cpname, cpval: p.cepval })), objspec, dataId },
      remote,
    );
    return S2F50({ hcack: answer.hcack, params: answer.params.map((p) => ({ cpname: p.cpname, cepack: p.cpack })) }, ctx.build);
  });
}
