// The security options and limits in the Nest module's config: validation naming the field, and
// the options reaching the manager's multi-passive port (TLS from files, allow list) end to end.
import { join } from 'node:path';
import { Controller } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsActiveConnection,
  HsmsConnectionManager,
  type HsmsListenerSecurityOptions,
  type HsmsManagerOptions,
  HsmsModule,
  type HsmsModuleOptions,
  HsmsOptionError,
  type HsmsPeerConfig,
  HsmsState,
  resolveHsmsModuleOptions,
  SecsHandler,
} from '../libs/hsms/src/index.js';
import { CALM_TIMERS, Cleanup, nextEvent, reachState } from './support/hsms-test-kit.js';
import { startHsmsApp } from './support/nest-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const file = (name: string) => join(import.meta.dirname, 'fixtures/tls', name);
const SERVER_TLS = { certFile: file('server.pem'), keyFile: file('server.key') };
const PASSIVE: HsmsPeerConfig = { name: 'tool', address: '127.0.0.2', port: 0, active: false };
const ACTIVE: HsmsPeerConfig = { name: 'etcher', address: '127.0.0.1', port: 5000, active: true };

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The path an HsmsOptionError names, and its message. */
function refusal(options: unknown): { field: string; message: string } {
  try {
    resolveHsmsModuleOptions(options as HsmsModuleOptions);
  } catch (error) {
    if (error instanceof HsmsOptionError) return { field: error.path, message: error.message };
    throw error;
  }
  throw new Error('the options validated');
}

describe('resolveHsmsModuleOptions: security and limits', () => {
  it('accepts every new option at once', () => {
    expect(() =>
      resolveHsmsModuleOptions({
        allow: ['127.0.0.0/8', '::1'],
        connectRateLimit: { attempts: 5, perSeconds: 10 },
        tls: { ...SERVER_TLS, caFile: file('ca.pem'), requestCert: true },
        maxItemDepth: 16,
        maxItemCount: 10_000,
        peers: [{ ...PASSIVE, maxItemDepth: 8 }, ACTIVE],
      }),
    ).not.toThrow();
    expect(() => resolveHsmsModuleOptions({ connectRateLimit: false })).not.toThrow();
  });

  // [options, field, text in the message]
  const bad: Array<[HsmsModuleOptions | Record<string, unknown>, string, string]> = [
    [{ allow: ['127.0.0.0/8', '127.0.0.300'] }, 'allow[1]', "'127.0.0.300' is not an IP address or CIDR"],
    [{ allow: [] }, 'allow', 'at least one'],
    [{ connectRateLimit: { attempts: 0, perSeconds: 10 } }, 'connectRateLimit.attempts', 'integer in 1..'],
    [{ connectRateLimit: { attempts: 3, perSeconds: -1 } }, 'connectRateLimit.perSeconds', 'seconds in (0,'],
    [
      { tls: { certFile: file('server.pem'), keyFile: file('missing.key') }, peers: [PASSIVE] },
      'tls.keyFile',
      `cannot read '${file('missing.key')}' (ENOENT)`,
    ],
    [{ tls: { caFile: file('nope.pem') } }, 'tls.caFile', 'cannot read'],
    [{ tls: { caFile: file('ca.pem') }, peers: [PASSIVE] }, 'tls.cert', 'a listening side needs a certificate and its key'],
    [{ tls: { ...SERVER_TLS, keyfile: 'x' } }, 'tls.keyfile', "unknown option 'keyfile' (did you mean 'keyFile'?)"],
    [{ maxItemDepth: 0 }, 'maxItemDepth', 'integer in 1..1000'],
    [{ maxItemCount: 2.5 }, 'maxItemCount', 'integer in 1..'],
    [{ peers: [PASSIVE, { ...ACTIVE, maxItemCount: 0 }] }, 'peers[1].maxItemCount', 'integer in 1..'],
  ];

  it.each(bad)('refuses %j naming %s', (options, field, text) => {
    const { field: named, message } = refusal(options);
    expect(named).toBe(field);
    expect(message).toContain(text);
    expect(message.startsWith(`${field}: `)).toBe(true);
  });

  it('lets tls carry only a CA when every peer is active (we only connect)', () => {
    expect(() => resolveHsmsModuleOptions({ tls: { caFile: file('ca.pem') }, peers: [ACTIVE] })).not.toThrow();
  });
});

/** A tool that connects to `port` over TLS (trusting the test CA) from `localAddress` and selects. */
function tlsTool(port: number, localAddress: string): SecsHandler {
  const connection = new HsmsActiveConnection('127.0.0.1', port, 0, undefined, {
    ...CALM_TIMERS,
    localAddress,
    tls: { caFile: file('ca.pem') },
  });
  const tool = new SecsHandler(connection, { name: 'tool', role: 'equipment' });
  cleanup.add(tool, (t) => t.disable());
  tool.enable();
  return tool;
}

describe('security options reach the listening ports', () => {
  it('through HsmsConnectionManager: a TLS multi-passive port that admits only the allow list', async () => {
    const options: HsmsManagerOptions & HsmsListenerSecurityOptions = {
      ...CALM_TIMERS,
      bindAddress: '127.0.0.1',
      allow: ['127.0.0.2/32'],
      tls: SERVER_TLS,
    };
    const manager = cleanup.add(new HsmsConnectionManager(options), (m) => m.stop());
    const inside = manager.addPeer('inside', '127.0.0.2', 0, false, 0);
    const outside = manager.addPeer('outside', '127.0.0.3', 0, false, 0);
    inside.enable();
    outside.enable();
    await manager.ready();
    const port = manager.listeningPort(0)!;

    const established = nextEvent(manager, 'established');
    const outsider = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.3' }), (p) => p.destroy());
    await outsider.waitForClose(); // configured, but outside the allow list
    await reachState(tlsTool(port, '127.0.0.2'), HsmsState.Selected);
    expect((await established)[0].peer).toBe('inside');
    expect(inside.state).toBe(HsmsState.Selected);
    expect(outside.state).toBe(HsmsState.NotConnected);
  });

  it('through HsmsModule.forRoot: certificate files from the config make the passive port a TLS listener', async () => {
    @Controller()
    class EmptyController {}
    const { app, manager } = await startHsmsApp({
      imports: [
        HsmsModule.forRoot({ ...CALM_TIMERS, bindAddress: '127.0.0.1', tls: SERVER_TLS, allow: ['127.0.0.0/8'], peers: [PASSIVE] }),
      ],
      controllers: [EmptyController],
    });
    cleanup.add(app, (a) => a.close());
    const port = manager.listeningPort(0)!;

    const plain = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    plain.sendRaw(Buffer.from([0, 0, 0, 10, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 1])); // a plain Select.req
    await plain.waitForClose();
    expect(manager.get('tool')!.state).toBe(HsmsState.NotConnected);

    await reachState(tlsTool(port, '127.0.0.2'), HsmsState.Selected);
    await reachState(manager.get('tool')!, HsmsState.Selected);
  });
});
