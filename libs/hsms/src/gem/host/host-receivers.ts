import type { SecsMessage } from '../../protocol/secs-message.js';
import {
  parseS10F1,
  parseS5F1,
  parseS6F11,
  S10F2,
  S5F2,
  S6F12,
  type BuildOptions,
  type ParseOptions,
} from '../../secs/catalogue/index.js';
import type { SecsReply } from '../../secs/secs-callbacks.js';
import type { GemHostHandlerEvents } from '../gem-host.events.js';
import type { SubscriptionTable } from './subscription-table.js';

/** What the host's receivers need of their handler. */
export interface HostReceiverContext {
  register(stream: number, fn: number, answer: (message: SecsMessage) => SecsReply | Promise<SecsReply>): void;
  emit<K extends keyof GemHostHandlerEvents>(event: K, ...args: GemHostHandlerEvents[K]): void;
  listens(event: keyof GemHostHandlerEvents): boolean;
  readonly subscriptions: SubscriptionTable;
  readonly build: BuildOptions;
  readonly parse: ParseOptions;
  warn(text: string): void;
}

// E5: ACKC5 / ACKC6 0 accepted, anything else an error; ACKC10 2 terminal not available.
const ACCEPTED = 0;
const ERROR = 1;
const ACKC10_TERMINAL_NOT_AVAILABLE = 2;

/**
 * The equipment's reports as the host receives them: S6F11 event reports, S5F1 alarm reports and
 * S10F1 terminal requests, each acknowledged and emitted as a typed event. A report whose body does
 * not match its structure is acknowledged with an error code and not emitted (a host sends no S9).
 */
export function registerHostReceivers(ctx: HostReceiverContext): void {
  ctx.register(6, 11, (m) => {
    const reading = read(ctx, m, () => parseS6F11(m, ctx.parse));
    if (reading === undefined) return S6F12(ERROR, ctx.build);
    ctx.emit('collectionEvent', ctx.subscriptions.decode(reading));
    return S6F12(ACCEPTED, ctx.build);
  });

  ctx.register(5, 1, (m) => {
    const alarm = read(ctx, m, () => parseS5F1(m, ctx.parse));
    if (alarm === undefined) return S5F2(ERROR, ctx.build);
    ctx.emit('alarm', { alid: alarm.alid, alcd: alarm.alcd, set: alarm.set, category: alarm.category, text: alarm.altx });
    return S5F2(ACCEPTED, ctx.build);
  });

  ctx.register(10, 1, (m) => {
    const message = read(ctx, m, () => parseS10F1(m, ctx.parse));
    if (message === undefined) return S10F2(ERROR, ctx.build);
    // without a 'terminalMessage' listener nobody sees the text: E5 "terminal not available"
    const code = ctx.listens('terminalMessage') ? ACCEPTED : ACKC10_TERMINAL_NOT_AVAILABLE;
    ctx.emit('terminalMessage', message);
    return S10F2(code, ctx.build);
  });
}

function read<T>(ctx: HostReceiverContext, message: SecsMessage, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    ctx.warn(`${message.sf} refused with an error code: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
