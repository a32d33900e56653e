import type { SecsMessage } from '../../protocol/secs-message.js';
import { parseS10F1, parseS5F1, parseS6F11, S10F2, S5F2, S6F12, type BuildOptions, type ParseOptions } from '../../secs/catalogue/index.js';
import type { SecsReply } from '../../secs/secs-callbacks.js';
import type { GemHostHandlerEvents } from '../gem-host.events.js';
import type { SubscriptionTable } from './subscription-table.js';

/** What the host's receivers need of their peer. */
export interface HostReceiverContext {
  /** Offers a default route: `observe` runs for every such primary (also when the application answers it), `answer` when nothing else does. */
  route(
    stream: number,
    fn: number,
    route: { observe?(message: SecsMessage): void; answer(message: SecsMessage): SecsReply | Promise<SecsReply> },
  ): void;
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
 * S10F1 terminal requests, each emitted as a typed event when it arrives (whoever answers it) and,
 * when the application does not answer it, acknowledged. A report whose body does not match its
 * structure is not emitted and is acknowledged with an error code (a host sends no S9).
 */
export function registerHostReceivers(ctx: HostReceiverContext): void {
  receiver(
    ctx,
    6,
    11,
    (m) => parseS6F11(m, ctx.parse),
    (reading) => ctx.emit('collectionEvent', ctx.subscriptions.decode(reading)),
    (ok) => S6F12(ok ? ACCEPTED : ERROR, ctx.build),
  );

  receiver(
    ctx,
    5,
    1,
    (m) => parseS5F1(m, ctx.parse),
    (alarm) => ctx.emit('alarm', { alid: alarm.alid, alcd: alarm.alcd, set: alarm.set, category: alarm.category, text: alarm.altx }),
    (ok) => S5F2(ok ? ACCEPTED : ERROR, ctx.build),
  );

  // without a 'terminalMessage' listener nobody sees the text: E5 "terminal not available"
  receiver(
    ctx,
    10,
    1,
    (m) => parseS10F1(m, ctx.parse),
    (message) => ctx.emit('terminalMessage', message),
    (ok) => {
      const code = ctx.listens('terminalMessage') ? ACCEPTED : ACKC10_TERMINAL_NOT_AVAILABLE;
      return S10F2(ok ? code : ERROR, ctx.build);
    },
  );
}

/**
 * One report receiver: the reading is parsed once per message (observe, then maybe answer) and
 * remembered beside the message it came from.
 */
export function receiver<T>(
  ctx: HostReceiverContext,
  stream: number,
  fn: number,
  parse: (m: SecsMessage) => T,
  emit: (reading: T) => void,
  ack: (ok: boolean) => SecsReply,
): void {
  const readings = new WeakMap<SecsMessage, T | undefined>();
  ctx.route(stream, fn, {
    observe: (m) => {
      const reading = read(ctx, m, () => parse(m));
      readings.set(m, reading);
      if (reading !== undefined) emit(reading);
    },
    answer: (m) => ack((readings.has(m) ? readings.get(m) : read(ctx, m, () => parse(m))) !== undefined),
  });
}

function read<T>(ctx: HostReceiverContext, message: SecsMessage, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    ctx.warn(
      `${message.sf} does not match its structure (${error instanceof Error ? error.message : String(error)}): not reported; acknowledged with an error code unless the application answers it`,
    );
    return undefined;
  }
}
