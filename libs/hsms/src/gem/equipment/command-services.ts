import { parseS2F41, S2F42 } from '../../secs/catalogue/index.js';
import { ControlState } from '../control-state.js';
import type { EquipmentContext } from './equipment-context.js';

/** E30 remote control: S2F41 Host Command Send, answered with S2F42 HCACK and the parameters in error. */
export function registerCommandServices(ctx: EquipmentContext): void {
  ctx.register(2, 41, async (m) => {
    const { rcmd, params } = parseS2F41(m, ctx.parse);
    const remote = ctx.control.state === ControlState.OnlineRemote;
    const answer = await ctx.commands.run({ rcmd: String(rcmd), params }, remote);
    return S2F42({ hcack: answer.hcack, params: answer.params }, ctx.build);
  });
}
