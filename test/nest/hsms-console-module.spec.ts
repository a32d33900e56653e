import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConsolePeerView,
  HsmsConnectionManager,
  HsmsConsoleModule,
  HsmsConsoleService,
  HsmsConsoleSetupError,
  HsmsModule,
  HsmsOptionError,
} from '../../libs/hsms/src/index.js';
import { http } from '../support/console-http.js';
import { CALM_TIMERS, Cleanup } from '../support/hsms-test-kit.js';

const peers = [{ name: 'etcher', address: '127.0.0.1', port: 0, active: false, role: 'host' as const }];

// HsmsConsoleModule as users import it, from the package root, beside a non-global HsmsModule.
describe('HsmsConsoleModule', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());

  async function start(imports: Parameters<typeof Test.createTestingModule>[0]['imports']) {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    const app = cleanup.add(moduleRef, (m) => m.close()); // a TestingModule is an application context: init() runs the lifecycle hooks
    await app.init();
    await app.get(HsmsConnectionManager).ready(); // listening before a test closes it again
    return app.get(HsmsConsoleService);
  }

  it('forRoot beside HsmsModule.forRoot serves the peers of that module on the port given (0: any)', async () => {
    const service = await start([HsmsModule.forRoot({ ...CALM_TIMERS, logLevel: 'error', peers }), HsmsConsoleModule.forRoot({ port: 0 })]);
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(service.token).toMatch(/^[\w-]{43}$/); // generated: 32 random bytes, base64url
    const listed = JSON.parse((await http(`${service.url}api/peers`)).text) as ConsolePeerView[];
    expect(listed.map((p) => p.name)).toEqual(['etcher']);
  });

  it('forRootAsync takes its options from a factory, and enabled: false serves nothing', async () => {
    const service = await start([
      HsmsModule.forRoot({ ...CALM_TIMERS, logLevel: 'error', peers }),
      HsmsConsoleModule.forRootAsync({ useFactory: () => ({ enabled: false }) }),
    ]);
    expect(service.url).toBeUndefined();
    expect(service.server).toBeUndefined();
  });

  it('says what to import when there is no HsmsModule, and names a bad option by its path', async () => {
    const missing = await start([HsmsConsoleModule.forRoot({ port: 0 })]).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(HsmsConsoleSetupError);
    expect(missing).toMatchObject({ code: 'HSMS_CONSOLE_SETUP', message: expect.stringMatching(/import HsmsModule\.forRoot/) });
    const bad = await start([HsmsModule.forRoot({ peers: [] }), HsmsConsoleModule.forRoot({ port: -1 })]).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(HsmsOptionError);
    expect(bad).toMatchObject({ path: 'console.port', code: 'HSMS_OPTION_INVALID' });
  });

  it('stops with the application: the port is closed after close()', async () => {
    const service = await start([HsmsModule.forRoot({ ...CALM_TIMERS, logLevel: 'error', peers }), HsmsConsoleModule.forRoot({ port: 0 })]);
    const url = service.url!;
    await cleanup.run();
    await expect(http(`${url}api/peers`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
