import type { SecsMessage } from '../../protocol/secs-message.js';
import type { BuildOptions, ParseOptions, TimeBuildOptions } from '../../secs/catalogue/index.js';

/** What the host's typed calls beyond the basics need of their handler. */
export interface HostRequestLinks {
  /** Sends a primary while COMMUNICATING and resolves with its reply. */
  request(message: SecsMessage, what: string): Promise<SecsMessage>;
  readonly build: TimeBuildOptions & BuildOptions;
  readonly parse: ParseOptions;
}

/** Sends `message` and reads its reply with `parse`. */
export async function ask<T>(
  links: HostRequestLinks,
  message: SecsMessage,
  parse: (reply: SecsMessage, options?: ParseOptions) => T,
): Promise<T> {
  return parse(await links.request(message, `send ${message.sf}`), links.parse);
}
