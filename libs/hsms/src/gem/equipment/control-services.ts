import { S1F16, S1F18 } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/** E30 control state requests from the host: S1F15 Request OFF-LINE, S1F17 Request ON-LINE. */
export function registerControlServices(ctx: EquipmentContext): void {
  ctx.register(1, 15, () => S1F16(ctx.control.hostRequestsOffline(), ctx.build));
  ctx.register(1, 17, () => S1F18(ctx.control.hostRequestsOnline(), ctx.build));
}
