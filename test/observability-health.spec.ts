// The HSMS health indicator: through a real terminus HealthCheckService in a Nest app whose tools
// connect over loopback, and through the structural API that works without terminus.
import 'reflect-metadata';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsConnectionManager,
  type HsmsHandler,
  HsmsHealthIndicator,
  type HsmsHealthOptions,
  HsmsModule,
  HsmsState,
} from '../libs/hsms/src/index.js';
import { loadHealthSessions, plainHealthSessions } from '../libs/hsms/src/nest/hsms-health-sessions.js';
import { CALM_TIMERS, Cleanup, reachState } from './support/hsms-test-kit.js';
import { connectTool, startHsmsApp } from './support/nest-test-kit.js';
import { LOOPBACK } from './support/raw-peer.js';

@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly hsms: HsmsHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check(options?: HsmsHealthOptions) {
    return this.health.check([() => this.hsms.isHealthy('hsms', options)]);
  }
}

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function healthApp() {
  const { app, manager } = await startHsmsApp({
    imports: [
      HsmsModule.forRoot({
        ...CALM_TIMERS,
        bindAddress: LOOPBACK,
        peers: [
          { name: 'etcher', address: '127.0.0.1', port: 0, active: false },
          { name: 'stepper', address: '127.0.0.2', port: 0, active: false },
        ],
      }),
      TerminusModule.forRoot({ logger: false }),
    ],
    controllers: [HealthController],
  });
  cleanup.add(app, (a) => a.close());
  return { controller: app.get(HealthController), manager, port: manager.listeningPort(0)! };
}

/** The terminus response body of a failed check (HealthCheckService throws 503 with it). */
async function failedCheck(check: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await check.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceUnavailableException);
  return (error as ServiceUnavailableException).getResponse() as Record<string, unknown>;
}

describe('HsmsHealthIndicator with terminus', () => {
  it('reports up and down through HealthCheckService as peers select and drop', async () => {
    const { controller, manager, port } = await healthApp();
    const etcher = manager.get('etcher')!;

    const none = await failedCheck(controller.check({ requireSelected: 'all' }));
    expect(none).toMatchObject({
      status: 'error',
      error: {
        hsms: {
          status: 'down',
          selected: 0,
          total: 2,
          requiredNotSelected: ['etcher', 'stepper'],
          peers: { etcher: { state: HsmsState.NotConnected, lastDisconnectCause: null }, stepper: { state: HsmsState.NotConnected } },
        },
      },
    });
    // by default no peer is required: the indicator only reports
    expect(await controller.check()).toMatchObject({
      status: 'ok',
      info: { hsms: { status: 'up', selected: 0, requiredNotSelected: [] } },
    });

    const etcherTool = cleanup.add(await connectTool(port, 'equipment', 0, '127.0.0.1'), (t) => t.disable());
    await reachState(etcher, HsmsState.Selected);
    expect(await controller.check({ requireSelected: ['etcher'] })).toMatchObject({
      status: 'ok',
      info: {
        hsms: { status: 'up', selected: 1, peers: { etcher: { state: HsmsState.Selected }, stepper: { state: HsmsState.NotConnected } } },
      },
    });
    expect(await failedCheck(controller.check({ requireSelected: 'all' }))).toMatchObject({
      error: { hsms: { status: 'down', requiredNotSelected: ['stepper'] } },
    });

    cleanup.add(await connectTool(port, 'equipment', 0, '127.0.0.2'), (t) => t.disable());
    await reachState(manager.get('stepper')!, HsmsState.Selected);
    const all = await controller.check({ requireSelected: 'all' });
    expect(all).toMatchObject({ status: 'ok', info: { hsms: { status: 'up', selected: 2, total: 2, requiredNotSelected: [] } } });
    expect(Date.parse(all.info!.hsms!.peers['etcher']!.since)).not.toBeNaN(); // the result is typed through HealthCheckService

    await etcherTool.disable(); // Separate.req: the host side's etcher link ends
    await reachState(etcher, HsmsState.NotConnected);
    expect(await failedCheck(controller.check({ requireSelected: 'all' }))).toMatchObject({
      error: {
        hsms: {
          status: 'down',
          selected: 1,
          requiredNotSelected: ['etcher'],
          peers: { etcher: { state: HsmsState.NotConnected, lastDisconnectCause: 'separate' } },
        },
      },
    });
    expect(await controller.check({ requireSelected: ['stepper'] })).toMatchObject({ status: 'ok' });
  });

  it('is down for a required name that is no peer', async () => {
    const { controller } = await healthApp();
    expect(await failedCheck(controller.check({ requireSelected: ['nope'] }))).toMatchObject({
      error: { hsms: { status: 'down', requiredNotSelected: ['nope'] } },
    });
  });

  it("uses terminus's own HealthIndicatorService when terminus is installed", async () => {
    expect(await loadHealthSessions()).toBeInstanceOf(HealthIndicatorService);
  });
});

describe('HsmsHealthIndicator without terminus', () => {
  it('builds the same result shape as terminus does', () => {
    const data = { selected: 1, peers: { a: { state: 'SELECTED' } } };
    const terminus = new HealthIndicatorService();
    expect(plainHealthSessions.check('hsms').up(data)).toEqual(terminus.check('hsms').up(data));
    expect(plainHealthSessions.check('x').down(data)).toEqual(terminus.check('x').down(data));
  });

  it('falls back to the plain results only when the package itself is missing, as Node reports it', async () => {
    // Node's own error for a package that is not installed: the form the fallback recognises
    const script =
      "import('@nestjs/terminus-not-installed').catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))";
    const reported = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 }).toString()) as {
      code: string;
      message: string;
    };
    expect(reported.code).toBe('ERR_MODULE_NOT_FOUND');
    const missing = Object.assign(new Error(reported.message.replace('@nestjs/terminus-not-installed', '@nestjs/terminus')), {
      code: reported.code,
    });
    expect(await loadHealthSessions(() => Promise.reject(missing))).toBe(plainHealthSessions);

    const broken = Object.assign(new Error("Cannot find package 'some-dependency' imported from terminus"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(loadHealthSessions(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('reports a peer selecting and dropping through the structural API', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK }), (m) => m.stop());
    const peer: HsmsHandler = manager.addPeer('etcher', LOOPBACK, 0, false, 0);
    peer.enable();
    await manager.ready();
    const indicator = new HsmsHealthIndicator(manager, plainHealthSessions);
    expect(await indicator.isHealthy('tools', { requireSelected: ['etcher'] })).toMatchObject({
      tools: { status: 'down', requiredNotSelected: ['etcher'] },
    });

    const tool = cleanup.add(await connectTool(manager.listeningPort(0)!, 'equipment'), (t) => t.disable());
    await reachState(peer, HsmsState.Selected);
    expect(await indicator.isHealthy('tools', { requireSelected: ['etcher'] })).toMatchObject({
      tools: { status: 'up', selected: 1, requiredNotSelected: [] },
    });

    await tool.disable();
    await reachState(peer, HsmsState.NotConnected);
    expect(await indicator.isHealthy()).toMatchObject({
      hsms: { status: 'up', selected: 0, peers: { etcher: { state: HsmsState.NotConnected, lastDisconnectCause: 'separate' } } },
    });
  });

  it('refuses a requireSelected that is neither a list of names nor all', async () => {
    const manager = new HsmsConnectionManager();
    const indicator = new HsmsHealthIndicator(manager, plainHealthSessions);
    await expect(indicator.isHealthy('hsms', { requireSelected: 'any' as unknown as 'all' })).rejects.toThrow(/requireSelected/);
  });

  it('leaves terminus out of the library: no file imports it statically', () => {
    const root = join(import.meta.dirname, '../libs/hsms/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(files.length).toBeGreaterThan(50);
    const staticImport = /(?:from|import)\s+['"]@nestjs\/terminus['"]/;
    expect(files.filter((f) => staticImport.test(readFileSync(join(root, f), 'utf8')))).toEqual([]);
    expect(readFileSync(join(root, 'nest/hsms-health-sessions.ts'), 'utf8')).toContain("import('@nestjs/terminus')");
  });
});
