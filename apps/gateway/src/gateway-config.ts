import type { HsmsModuleOptions, HsmsPeerConfig } from '@app/hsms';
import { GATEWAY_EVENT_STREAM, GatewayConfigError, parseStreamFunction } from '@app/gateway-client';

/** One tool the cluster serves: the sample app's peer config, plus how its events are identified. */
export interface GatewayPeerConfig extends HsmsPeerConfig {
  /**
   * The tool's DATAIDs are unique (within the stream's duplicate window): the event's message id is
   * equipment + SxFy + DATAID. Otherwise (default) it is equipment + SxFy + a hash of the body,
   * which is stable across the tool's re-send but merges two byte-identical events sent within the
   * duplicate window.
   */
  uniqueDataIds?: boolean;
}

export interface GatewayLeaseConfig {
  /** KV bucket of the leases. Default 'hsms-gateway-leases'. */
  bucket?: string;
  /** Lease lifetime (ms): a dead owner's tools are free this long after its last renewal. Default 3,000. */
  ttlMs?: number;
  /** Renewal period (ms), by compare-and-swap. Default 1,000. */
  renewMs?: number;
  /** How often free leases are looked for (ms). Default 500. */
  pollMs?: number;
  /** Wait after start before claiming (ms), so gateways started together see each other and share. Default 2 x pollMs. */
  settleMs?: number;
}

export interface GatewayEventConfig {
  /** Stream name. Default HSMS_EVENTS. */
  stream?: string;
  /** Primaries published besides S6F11, S5F1 and S10F1, e.g. ['S6F13', 'S64F1']. */
  primaries?: string[];
  /** How long to wait for a PubAck (ms) before the tool gets SxF0 (and re-sends). Default 5,000. */
  publishTimeoutMs?: number;
  /** JetStream de-duplication window (ms), used when this gateway creates the stream. Default 120,000. */
  duplicateWindowMs?: number;
}

export interface GatewayConfig {
  /** This instance's id: letters, digits, '_' and '-'. Unique in the cluster. */
  gatewayId: string;
  nats: { servers: string | string[] };
  leases?: GatewayLeaseConfig;
  events?: GatewayEventConfig;
  /** HSMS options for every peer (timers, limits, logging), as HsmsModule's, without peers. */
  hsms?: Omit<HsmsModuleOptions, 'peers'>;
  /** The fab's equipment list: every gateway gets the same one and serves the tools it holds leases for. */
  peers: GatewayPeerConfig[];
}

export interface ResolvedGatewayConfig extends GatewayConfig {
  leases: Required<GatewayLeaseConfig>;
  events: Required<Omit<GatewayEventConfig, 'primaries'>> & { primaries: string[] };
  hsms: Omit<HsmsModuleOptions, 'peers'>;
}

/** The primaries every gateway publishes (E30: the events, alarms and terminal messages a host must not lose). */
export const DEFAULT_EVENT_PRIMARIES = ['S6F11', 'S5F1', 'S10F1'] as const;

const ID = /^[A-Za-z0-9_-]+$/;

function positive(field: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new GatewayConfigError(field, `must be a positive number of ms, got ${String(v)}`);
  return v;
}

/** Fills in the defaults and checks every field; throws GatewayConfigError naming the first bad one. */
export function resolveGatewayConfig(config: GatewayConfig): ResolvedGatewayConfig {
  if (typeof config.gatewayId !== 'string' || !ID.test(config.gatewayId)) {
    throw new GatewayConfigError('gatewayId', `use letters, digits, '_' and '-', got '${String(config.gatewayId)}'`);
  }
  const servers = config.nats?.servers;
  if (!servers || (Array.isArray(servers) && servers.length === 0))
    throw new GatewayConfigError('nats.servers', 'name at least one NATS server');
  const ttlMs = positive('leases.ttlMs', config.leases?.ttlMs, 3_000);
  const renewMs = positive('leases.renewMs', config.leases?.renewMs, 1_000);
  if (renewMs * 2 > ttlMs)
    throw new GatewayConfigError(
      'leases.renewMs',
      `must be at most half of ttlMs (${ttlMs}), got ${renewMs}: one lost renewal must not cost the lease`,
    );
  const pollMs = positive('leases.pollMs', config.leases?.pollMs, 500);
  const bucket = config.leases?.bucket ?? 'hsms-gateway-leases';
  if (!ID.test(bucket)) throw new GatewayConfigError('leases.bucket', `use letters, digits, '_' and '-', got '${bucket}'`);
  const primaries = [...new Set([...DEFAULT_EVENT_PRIMARIES, ...(config.events?.primaries ?? [])])];
  primaries.forEach((sf, i) => {
    const parsed = parseStreamFunction(sf);
    if (!parsed || parsed[1] % 2 === 0)
      throw new GatewayConfigError(`events.primaries[${i}]`, `expected a primary like 'S6F13', got '${sf}'`);
  });
  if (!Array.isArray(config.peers)) throw new GatewayConfigError('peers', 'expected a list of peers');
  const names = new Set<string>();
  config.peers.forEach((peer, i) => {
    if (typeof peer?.name !== 'string' || peer.name === '') throw new GatewayConfigError(`peers[${i}].name`, 'must be a non-empty string');
    if (names.has(peer.name)) throw new GatewayConfigError(`peers[${i}].name`, `'${peer.name}' is listed twice`);
    names.add(peer.name);
  });
  return {
    ...config,
    leases: { bucket, ttlMs, renewMs, pollMs, settleMs: config.leases?.settleMs ?? 2 * pollMs },
    events: {
      stream: config.events?.stream ?? GATEWAY_EVENT_STREAM,
      primaries,
      publishTimeoutMs: positive('events.publishTimeoutMs', config.events?.publishTimeoutMs, 5_000),
      duplicateWindowMs: positive('events.duplicateWindowMs', config.events?.duplicateWindowMs, 120_000),
    },
    hsms: config.hsms ?? {},
  };
}
