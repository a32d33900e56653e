import { parseS2F31, parseSecsTime, S2F18, S2F32 } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/** E5 TIACK: 0 ok, 1 error, not done. */
const TIACK_OK = 0;
const TIACK_NOT_DONE = 1;

/** E30 clock: S2F17 Date and Time Request, S2F31 Date and Time Set (kept as an offset, see EquipmentClock). */
export function registerClockServices(ctx: EquipmentContext): void {
  ctx.register(2, 17, () => S2F18(ctx.clock.now(), ctx.build));

  ctx.register(2, 31, (m) => {
    let time: Date;
    try {
      time = parseSecsTime(parseS2F31(m, ctx.parse), { utc: ctx.build.utc === true });
    } catch {
      return S2F32(TIACK_NOT_DONE, ctx.build); // not a date and time: E5 "error, not done"
    }
    const offset = ctx.clock.set(time);
    ctx.emit('clockChanged', time, offset);
    return S2F32(TIACK_OK, ctx.build);
  });
}
