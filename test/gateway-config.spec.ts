// The gateway's pure parts (apps/gateway, libs/gateway-client): configuration checks, token-safe
// subjects, event message ids, and the clear failure when nats-server is not installed.
import { describe, expect, it } from 'vitest';
import { B, L, SecsMessage, U4 } from '../libs/hsms/src/core.js';
import { commandSubject, equipmentToken, eventSubject, GatewayConfigError } from '@app/gateway-client';
import { resolveGatewayConfig, type GatewayConfig } from '../apps/gateway/src/gateway-config.js';
import { eventMessageId } from '../apps/gateway/src/event-message-id.js';
import { NatsServerMissingError, NatsServerProcess } from '../apps/gateway/testing/nats-server-process.js';

const base: GatewayConfig = { gatewayId: 'gw-1', nats: { servers: 'nats://127.0.0.1:4222' }, peers: [] };

describe('gateway configuration', () => {
  it('fills the defaults: 3 s leases renewed every second, S6F11 S5F1 S10F1 published', () => {
    const resolved = resolveGatewayConfig({ ...base, events: { primaries: ['S6F13'] } });
    expect(resolved.leases).toEqual({ bucket: 'hsms-gateway-leases', ttlMs: 3000, renewMs: 1000, pollMs: 500, settleMs: 1000 });
    expect(resolved.events.primaries).toEqual(['S6F11', 'S5F1', 'S10F1', 'S6F13']);
  });

  it.each([
    [{ gatewayId: 'gw 1' }, 'gatewayId'],
    [{ nats: { servers: [] } }, 'nats.servers'],
    [{ leases: { ttlMs: 1000, renewMs: 600 } }, 'leases.renewMs'],
    [{ leases: { ttlMs: -1 } }, 'leases.ttlMs'],
    [{ events: { primaries: ['S6F12'] } }, 'events.primaries[3]'],
    [
      {
        peers: [
          { name: 'a', address: '127.0.0.1', port: 1, active: true },
          { name: 'a', address: '127.0.0.1', port: 2, active: true },
        ],
      },
      'peers[1].name',
    ],
  ] as Array<[Partial<GatewayConfig>, string]>)('names the bad field: %j -> %s', (patch, field) => {
    const error = (() => {
      try {
        resolveGatewayConfig({ ...base, ...patch });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GatewayConfigError);
    expect((error as GatewayConfigError).field).toBe(field);
    expect((error as GatewayConfigError).code).toBe('GATEWAY_CONFIG');
    expect((error as GatewayConfigError).code).toBe(GatewayConfigError.code);
    expect((error as GatewayConfigError).name).toBe('GatewayConfigError');
  });
});

describe('gateway subjects and message ids', () => {
  it('makes any equipment name one token-safe subject token, different names different tokens', () => {
    const names = ['etcher-1', 'etch.er', 'etch=2Eer', 'a b', 'ätzer', 'x*', 'y>'];
    const tokens = names.map(equipmentToken);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect(new Set(tokens).size).toBe(names.length);
    expect(eventSubject('etch.er', 'S6F11')).toBe('hsms.evt.etch=2Eer.S6F11');
    expect(commandSubject('etcher-1', 'S2F41')).toBe('hsms.cmd.etcher-1.S2F41');
  });

  it('gives a re-sent event the same id, and different events different ids', () => {
    const event = (dataId: number, value: number): SecsMessage =>
      new SecsMessage(6, 11, true, L(U4(dataId), U4(100), L(L(U4(1), L(U4(value))))));
    expect(eventMessageId('t', event(7, 1), true)).toBe('t.S6F11.d.7');
    expect(eventMessageId('t', event(7, 2), true)).toBe('t.S6F11.d.7');
    expect(eventMessageId('t', event(7, 1), false)).toBe(eventMessageId('t', event(7, 1), false));
    expect(eventMessageId('t', event(7, 1), false)).not.toBe(eventMessageId('t', event(7, 2), false));
    expect(eventMessageId('u', event(7, 1), false)).not.toBe(eventMessageId('t', event(7, 1), false));
    // S5F1 has no DATAID: always the body hash
    expect(eventMessageId('t', new SecsMessage(5, 1, true, L(B(0x81), U4(1))), true)).toMatch(/^t\.S5F1\.h\./);
  });
});

describe('nats-server for the tests', () => {
  it('fails with a clear, named error when nats-server is not installed', () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      expect(() => NatsServerProcess.assertInstalled()).toThrow(NatsServerMissingError);
      expect(() => NatsServerProcess.assertInstalled()).toThrow(/apt-get install -y nats-server/);
    } finally {
      process.env['PATH'] = path;
    }
  });
});
