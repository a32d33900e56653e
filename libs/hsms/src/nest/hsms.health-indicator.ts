import type { Provider } from '@nestjs/common';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsDisconnectCause } from '../hsms/hsms-errors.js';
import { HsmsState } from '../hsms/hsms-handler.events.js';
import { type HealthIndicatorSessions, type HealthResultLike, loadHealthSessions } from './hsms-health-sessions.js';

export interface HsmsHealthOptions {
  /**
   * Peers that must be SELECTED for the indicator to be up: their names, or 'all'. Default none:
   * the indicator is up and only reports, since one tool going offline must not fail the host's
   * own health (a liveness probe would restart it). A name that is not a peer counts as not SELECTED.
   */
  requireSelected?: readonly string[] | 'all';
}

/** One peer in the indicator's details. */
export type HsmsHealthPeer = {
  state: HsmsState;
  /** When the peer entered `state` (ISO 8601). */
  since: string;
  lastDisconnectCause: HsmsDisconnectCause | null;
};

/** The details under the indicator's key (beside `status`). */
export type HsmsHealthDetails = {
  /** How many peers are SELECTED, of how many. */
  selected: number;
  total: number;
  /** The required peers that are not SELECTED (why the indicator is down); empty when up. */
  requiredNotSelected: string[];
  peers: Record<string, HsmsHealthPeer>;
};

/** `{ [key]: { status, ...details } }`: a terminus HealthIndicatorResult. */
export type HsmsHealthIndicatorResult<Key extends string = 'hsms'> = Record<Key, { status: 'up' | 'down' } & HsmsHealthDetails>;

/**
 * A health indicator for @nestjs/terminus reporting every peer's HSMS state:
 *
 *   @Get('health') @HealthCheck()
 *   check() { return this.health.check([() => this.hsms.isHealthy('hsms', { requireSelected: 'all' })]); }
 *
 * HsmsModule provides it. Terminus is an optional peer dependency: it is imported on the first
 * check, not when the library loads; without it the result has the same shape (plainHealthSessions).
 */
export class HsmsHealthIndicator {
  private sessions: Promise<HealthIndicatorSessions> | undefined;

  /** `sessions`: terminus's HealthIndicatorService or an equivalent; default: loaded on first use. */
  constructor(
    private readonly manager: HsmsConnectionManager,
    sessions?: HealthIndicatorSessions,
  ) {
    if (sessions) this.sessions = Promise.resolve(sessions);
  }

  /** Up when every required peer is SELECTED; the details list every peer's state either way. */
  async isHealthy<const Key extends string = 'hsms'>(
    key: Key = 'hsms' as Key,
    options: HsmsHealthOptions = {},
  ): Promise<HsmsHealthIndicatorResult<Key>> {
    const details = this.details(required(options));
    this.sessions ??= loadHealthSessions();
    const session = (await this.sessions).check(key);
    const result: HealthResultLike = details.requiredNotSelected.length === 0 ? session.up(details) : session.down(details);
    return result as HsmsHealthIndicatorResult<Key>;
  }

  private details(required: readonly string[] | 'all'): HsmsHealthDetails {
    // a Map, not an object, while names are looked up: a peer may be called 'constructor'
    const peers = new Map<string, HsmsHealthPeer>();
    for (const { name, handler } of this.manager.peers) {
      peers.set(name, {
        state: handler.state,
        since: handler.stateSince.toISOString(),
        lastDisconnectCause: handler.lastDisconnectCause ?? null,
      });
    }
    const isSelected = (name: string): boolean => peers.get(name)?.state === HsmsState.Selected;
    const names = required === 'all' ? [...peers.keys()] : required;
    return {
      selected: [...peers.keys()].filter(isSelected).length,
      total: peers.size,
      requiredNotSelected: names.filter((name) => !isSelected(name)),
      peers: Object.fromEntries(peers),
    };
  }
}

function required({ requireSelected = [] }: HsmsHealthOptions): readonly string[] | 'all' {
  if (requireSelected === 'all' || (Array.isArray(requireSelected) && requireSelected.every((name) => typeof name === 'string')))
    return requireSelected;
  throw new TypeError(
    `HsmsHealthIndicator option requireSelected: must be 'all' or an array of peer names, got ${JSON.stringify(requireSelected)}`,
  );
}

/** HsmsModule's provider: depends on the manager only, so an application without terminus loads as before. */
export const hsmsHealthIndicatorProvider: Provider = {
  provide: HsmsHealthIndicator,
  inject: [HsmsConnectionManager],
  useFactory: (manager: HsmsConnectionManager) => new HsmsHealthIndicator(manager),
};
