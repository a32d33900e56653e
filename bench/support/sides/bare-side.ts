// The bare node:net pair (bare-frames.ts): no library code at all.
import { createServer } from 'node:net';
import { BareHost, serveBareEquipment } from '../bare-frames.js';
import type { BenchHost } from './side.js';
import { CONNECT_TIMEOUT_MS, withDeadline } from './side.js';

export function startEquipment(): Promise<number> {
  const server = createServer(serveBareEquipment);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve((server.address() as { port: number }).port));
  });
}

export function connectHost(port: number): Promise<BenchHost> {
  return withDeadline(BareHost.connect(port), CONNECT_TIMEOUT_MS, 'bare: not connected');
}
