import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { GatewayConfigError } from '@app/gateway-client';
import type { GatewayConfig } from './gateway-config.js';

/**
 * Reads the gateway's YAML (or JSON) config from `path` (GATEWAY_CONFIG); GATEWAY_ID and NATS_URL
 * override the file, so one file serves every instance of the cluster.
 */
export function loadGatewayConfig(path: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const file = resolve(path);
  const raw = parse(readFileSync(file, 'utf8')) as Partial<GatewayConfig> | null;
  if (!raw || typeof raw !== 'object') throw new GatewayConfigError('(file)', `${file}: expected a YAML mapping`);
  const gatewayId = env['GATEWAY_ID'] ?? raw.gatewayId;
  const servers = env['NATS_URL'] ?? raw.nats?.servers;
  return { ...raw, gatewayId: gatewayId ?? '', nats: { servers: servers ?? [] }, peers: raw.peers ?? [] } as GatewayConfig;
}
