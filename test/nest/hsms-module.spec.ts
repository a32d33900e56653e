import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { connect } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  HEADER_ONLY,
  HsmsClient,
  HsmsClientPatternError,
  HsmsConnectionManager,
  HsmsHandler,
  HsmsModule,
  type HsmsModuleOptions,
  HsmsOptionError,
  HsmsReplyTimeoutError,
  InjectHsmsPeer,
  L,
  resolveHsmsModuleOptions,
  type SecsHandler,
  SecsMessage,
  secsCatalogue,
  U4,
} from '../../libs/hsms/src/index.js';
import { Cleanup, CALM_TIMERS, nextEvent } from '../support/hsms-test-kit.js';
import { connectTool, startHsmsApp } from '../support/nest-test-kit.js';

@Injectable()
class EtcherService {
  constructor(
    @InjectHsmsPeer('etcher') readonly etcher: HsmsHandler,
    readonly manager: HsmsConnectionManager,
    readonly client: HsmsClient,
  ) {}
}

@Controller()
class EmptyController {}

const hsmsConfig = registerAs(
  'hsms',
  (): HsmsModuleOptions => ({
    ...CALM_TIMERS,
    t3: 0.3,
    peers: [{ name: 'etcher', address: '127.0.0.1', port: 0, active: false, role: 'host' }],
  }),
);

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, load: [hsmsConfig] }),
    HsmsModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => config.getOrThrow<HsmsModuleOptions>('hsms'),
      injectPeers: ['etcher'],
    }),
  ],
  providers: [EtcherService],
  controllers: [EmptyController],
})
class AsyncAppModule {}

describe('HsmsModule', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());
  // The equipment-side tool checks bodies against the catalogue, which reads its YAML on first use:
  // read it before any 0.3 s T3 runs, so a loaded machine does not turn the first reply into a timeout.
  beforeAll(() => void secsCatalogue.find(1, 3));

  async function startAsyncApp(): Promise<{ service: EtcherService; tool: SecsHandler; port: number; close: () => Promise<void> }> {
    const { app, manager } = await startHsmsApp({ imports: [AsyncAppModule] });
    let closed = false;
    const close = async (): Promise<void> => {
      if (!closed) await app.close();
      closed = true;
    };
    cleanup.add(app, close);
    const port = manager.listeningPort(0)!;
    const tool = cleanup.add(await connectTool(port, 'equipment'), (t) => t.disable());
    return { service: app.get(EtcherService), tool, port, close };
  }

  it('builds from forRootAsync with ConfigService and injects the peer with @InjectHsmsPeer', async () => {
    const { service } = await startAsyncApp();
    expect(service.etcher).toBe(service.manager.get('etcher'));
    expect(service.etcher.selected).toBe(true);
  });

  it('HsmsClient.send returns the reply as an Observable', async () => {
    const { service, tool } = await startAsyncApp();
    tool.registerStreamFunction(1, 3, (message) => {
      const ids = message.body?.type === 'L' ? message.body.items : [];
      return L(...ids.map(() => A('value')));
    });
    const reply = await firstValueFrom(service.client.send<SecsMessage>({ peer: 'etcher', sf: 'S1F3' }, L(U4(1), U4(2))));
    expect(reply.sf).toBe('S1F4');
    expect(reply.body?.equals(L(A('value'), A('value')))).toBe(true);
  });

  it('HsmsClient sends a header-only primary with HEADER_ONLY', async () => {
    const { service, tool } = await startAsyncApp();
    tool.registerStreamFunction(1, 1, () => L(A('TOOL'), A('1.0')));
    const reply = await firstValueFrom(service.client.send<SecsMessage>({ peer: 'etcher', sf: 'S1F1' }, HEADER_ONLY));
    expect(reply.body?.equals(L(A('TOOL'), A('1.0')))).toBe(true);
  });

  it('HsmsClient.send errors with the T3 timeout when the tool never answers', async () => {
    const { service, tool } = await startAsyncApp();
    tool.registerStreamFunction(1, 3, () => new Promise(() => undefined)); // never answers
    await expect(firstValueFrom(service.client.send({ peer: 'etcher', sf: 'S1F3' }, L()))).rejects.toBeInstanceOf(HsmsReplyTimeoutError);
  });

  it('HsmsClient.emit sends a primary without W-bit', async () => {
    const { service, tool } = await startAsyncApp();
    const received = new Promise<SecsMessage>((resolve) => tool.once('primary', resolve));
    await firstValueFrom(service.client.emit({ peer: 'etcher', sf: 'S10F3' }, L(U4(0), A('hello'))), { defaultValue: undefined });
    const message = await received;
    expect(message.sf).toBe('S10F3');
    expect(message.wBit).toBe(false);
  });

  it('HsmsClient refuses a pattern that names no peer', async () => {
    const { service } = await startAsyncApp();
    await expect(firstValueFrom(service.client.send({ peer: 'nobody', sf: 'S1F1' }, HEADER_ONLY))).rejects.toBeInstanceOf(
      HsmsClientPatternError,
    );
  });

  it('app.close() separates the peer and leaves no listening socket', async () => {
    const { tool, port, close } = await startAsyncApp();
    const closed = nextEvent(tool, 'closed');
    await close();
    const [cause] = await closed;
    expect(cause).toBe('separate');
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('refuses bad options at start-up, naming the field', async () => {
    const build = Test.createTestingModule({
      imports: [HsmsModule.forRoot({ peers: [{ name: 'x', address: '127.0.0.1', port: 70000, active: true }] })],
    }).compile();
    await expect(build).rejects.toThrow(HsmsOptionError);
    await expect(build).rejects.toThrow(/peers\[0\]\.port/);
  });
});

describe('HsmsModule option validation', () => {
  it.each([
    [{ t3: 0 }, /^t3:/],
    [{ maxQueuedBytes: 10 }, /^maxQueuedBytes:/],
    [{ peers: [{ name: 'a', address: '127.0.0.1', port: 5000, active: true, maxItemDepth: 0 }] }, /peers\[0\]\.maxItemDepth/],
    [{ peers: [{ name: 'a', address: '127.0.0.1', port: 5000, active: 'yes' }] }, /peers\[0\]\.active/],
    [
      {
        peers: [
          { name: 'a', address: '127.0.0.1', port: 5000, active: true },
          { name: 'a', address: '127.0.0.2', port: 5000, active: true },
        ],
      },
      /peers\[1\]\.name/,
    ],
  ])('refuses %j naming the field', (options, field) => {
    expect(() => resolveHsmsModuleOptions(options as HsmsModuleOptions)).toThrow(field);
  });
});
