import { optionPath, readOneOf } from '../protocol/option-checks.js';

/**
 * What a connection does when a send would put more than maxQueuedBytes in its write queue:
 * 'reject' fails that send with HsmsSendQueueFullError and keeps the link (the peer may catch up);
 * 'close' fails it the same way and closes the link, dropping everything queued for that peer.
 */
export type HsmsQueueFullPolicy = 'reject' | 'close';

export interface HsmsSendQueueOptions {
  /** Default 'reject'. */
  onQueueFull?: HsmsQueueFullPolicy;
}

/** Validates onQueueFull, throwing HsmsOptionError naming it. */
export function resolveQueueFullPolicy(value: unknown, at = ''): HsmsQueueFullPolicy {
  return readOneOf<HsmsQueueFullPolicy>(optionPath(at, 'onQueueFull'), value, ['reject', 'close'], 'reject');
}
