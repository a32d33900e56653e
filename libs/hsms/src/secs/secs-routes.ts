import type { SecsMessage } from '../protocol/secs-message.js';
import type { SecsReply } from './secs-callbacks.js';

/**
 * A default route a capability (GEM host, GEM equipment) offers for one stream/function. The
 * router tries it after the application's handlers: `observe` runs for every admitted primary of
 * its SxFy (so typed events fire even when the application answers), `answer` only when no
 * application handler answered.
 */
export interface SecsDefaultRoute {
  /** Who offers it, named in the start-up report of overlaps ('GEM host'). */
  readonly owner: string;
  /** Sees the primary before anything answers it; must not throw (a throw is logged). */
  observe?(message: SecsMessage): void;
  /** The reply when the application has no handler for it. */
  answer?(message: SecsMessage): SecsReply | Promise<SecsReply>;
}

/** A capability's gate in front of every route (E30: no primary but S1F13 while not COMMUNICATING). */
export interface SecsAdmission {
  /** Why `message` is refused now (answered SxF0, E5), or undefined to let it through. */
  refuses(message: SecsMessage): string | undefined;
}

/**
 * A capability's screen in front of the body's decoding: it may answer a primary from its encoded
 * bytes alone (GEM equipment: a request over its limits, such as S1F11 with a million ids), so
 * that neither the E5 body check nor any route decodes what would only be refused.
 */
export interface SecsScreen {
  /** The reply for `message` decided without decoding it, or undefined to go on; may throw SecsAbortError (SxF0). */
  screen(message: SecsMessage): SecsReply | undefined;
}

/** How an application handler takes a primary: it answers it, or only observes it (an event handler on a W-bit primary). */
export type SecsApplicationKind = 'answer' | 'observe';

/** The application's handler for one received primary. */
export interface SecsApplicationMatch {
  readonly kind: SecsApplicationKind;
  /** Runs the handler; its value is the reply for kind 'answer' and ignored for 'observe'. */
  run(): Promise<SecsReply>;
}

/** One pattern the application handles, for the start-up report. */
export interface SecsApplicationPattern {
  /** 'S6F11' */
  readonly sf: string;
  readonly kind: SecsApplicationKind;
}

/**
 * Application handlers beside registered callbacks: the Nest transport's @MessagePattern /
 * @EventPattern handlers for one peer. Tried after registered callbacks, before default routes.
 */
export interface SecsApplicationRoutes {
  match(message: SecsMessage): SecsApplicationMatch | undefined;
  patterns(): Iterable<SecsApplicationPattern>;
}
