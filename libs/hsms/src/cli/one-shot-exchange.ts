import type { HsmsLogger } from '../connections/hsms-logger.js';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import { GemHostHandler } from '../gem/gem-host-handler.js';
import type { HsmsDisconnectCause } from '../hsms/hsms-errors.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import { CliLinkError } from './cli-errors.js';
import { SingleAttemptConnection } from './single-attempt-connection.js';

export interface ExchangeTarget {
  readonly host: string;
  readonly port: number;
  readonly sessionId: number;
  /** t3, t6, t8 as given (the library's defaults otherwise). */
  readonly timers: Pick<HsmsTimerOptions, 't3' | 't6' | 't8'>;
  /** Seconds allowed to connect, select and (unless raw) establish GEM communication. */
  readonly timeoutSeconds: number;
  /** Skip S1F13/S1F14: send right after SELECT. */
  readonly raw: boolean;
  /** Traces every message in SML when given. */
  readonly logger?: HsmsLogger;
}

/**
 * Connects (one attempt), selects, establishes GEM communication (E30: a GEM equipment refuses
 * every other primary before S1F13/S1F14, so a bare send would only get SxF0), sends `message`,
 * and resolves with the reply (undefined for a message without W). Always separates and closes
 * before it settles. Fails with CliConnectError / CliLinkError (link), or the library's request
 * errors: HsmsReplyTimeoutError, HsmsRejectedError, SecsAbortReplyError, SecsStream9Error,
 * HsmsConnectionClosedError.
 */
export async function exchangeOnce(target: ExchangeTarget, message: SecsMessage): Promise<SecsMessage | undefined> {
  const connection = new SingleAttemptConnection(target.host, target.port, target.sessionId, undefined, {
    ...target.timers,
    linktest: 0, // one exchange: nothing to probe
    connectTimeout: target.timeoutSeconds,
    logger: target.logger,
    logLevel: 'verbose',
  });
  const handler = new GemHostHandler(connection, { name: `${target.host}:${target.port}`, initiateCommunication: !target.raw });
  const deadline = performance.now() + target.timeoutSeconds * 1000;
  const remaining = (): number => Math.max(0, deadline - performance.now());
  try {
    handler.enable();
    await connection.whenConnected();
    await untilSelected(handler, remaining(), target.timeoutSeconds);
    if (!target.raw) await establish(handler, remaining(), target.timeoutSeconds);
    if (!message.wBit) {
      handler.sendStreamFunction(message);
      return undefined;
    }
    return await handler.sendAndWaitForResponse(message);
  } finally {
    await handler.disable(); // Separate.req when SELECTED (E37); whatever was sent leaves first
  }
}

/** Resolves once SELECTED; CliLinkError when the peer closes first or `ms` pass. */
function untilSelected(handler: GemHostHandler, ms: number, timeoutSeconds: number): Promise<void> {
  if (handler.selected) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      handler.off('selected', onSelected);
      handler.off('closed', onClosed);
      if (error) reject(error);
      else resolve();
    };
    const onSelected = (): void => done();
    const onClosed = (cause: HsmsDisconnectCause): void =>
      done(new CliLinkError(`the connection closed (${cause}) before it was SELECTED`));
    const timer = setTimeout(() => done(new CliLinkError(`the link was not SELECTED within ${timeoutSeconds} s`)), ms);
    handler.on('selected', onSelected);
    handler.on('closed', onClosed);
  });
}

/** GEM communication within `ms`; CliLinkError (naming --raw) otherwise. */
async function establish(handler: GemHostHandler, ms: number, timeoutSeconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliLinkError(`GEM communication was not established within ${timeoutSeconds} s (no S1F14 COMMACK 0); --raw sends without it`),
        ),
      ms,
    );
  });
  try {
    await Promise.race([handler.establishCommunication(), timeout]);
  } catch (error) {
    if (error instanceof CliLinkError) throw error;
    throw new CliLinkError(
      `GEM communication was not established: ${error instanceof Error ? error.message : String(error)}; --raw sends without it`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
