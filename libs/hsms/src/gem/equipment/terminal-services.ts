import { parseS10F1, parseS10F3, parseS10F5, parseS10F9, S10F10, S10F2, S10F4, S10F6 } from '../../secs/catalogue/index.js';
import type { EquipmentContext } from './equipment-context.js';

/** E5 ACKC10: 0 accepted for display, 2 terminal not available. */
const ACKC10_ACCEPTED = 0;
const ACKC10_TERMINAL_NOT_AVAILABLE = 2;

/**
 * E30 terminal services, host to operator: S10F3 Terminal Display, Single, S10F5 Multi-Block and
 * S10F9 Broadcast. S10F1 is the
 * equipment's message in E30, but some hosts send it for the same purpose, so it is taken too.
 * Without a 'terminalDisplay' listener nobody can show the text: ACKC10 2.
 */
export function registerTerminalServices(ctx: EquipmentContext): void {
  const ackc10 = (): number => (ctx.listens('terminalDisplay') ? ACKC10_ACCEPTED : ACKC10_TERMINAL_NOT_AVAILABLE);

  ctx.register(10, 3, (m) => {
    const message = parseS10F3(m, ctx.parse);
    const code = ackc10();
    ctx.emit('terminalDisplay', message);
    return S10F4(code, ctx.build);
  });

  // E30 multi-block display: the lines reach the operator as one message, joined with newlines
  ctx.register(10, 5, (m) => {
    const { tid, lines } = parseS10F5(m, ctx.parse);
    const code = ackc10();
    ctx.emit('terminalDisplay', { tid, text: lines.join('\n') });
    return S10F6(code, ctx.build);
  });

  // E30 broadcast: a line for every terminal, shown as terminal 0
  ctx.register(10, 9, (m) => {
    const text = parseS10F9(m, ctx.parse);
    const code = ackc10();
    ctx.emit('terminalDisplay', { tid: 0, text });
    return S10F10(code, ctx.build);
  });

  ctx.register(10, 1, (m) => {
    const message = parseS10F1(m, ctx.parse);
    const code = ackc10();
    ctx.emit('terminalDisplay', message);
    return S10F2(code, ctx.build);
  });
}
