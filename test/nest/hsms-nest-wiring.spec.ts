// How Nest meets the peers (issue 9: 2, 3, 4, 6, 9): `new HsmsServer()` takes HsmsModule's manager
// or fails at listen() saying what to write; peers start when the transport listens; an
// @EventPattern on a W-bit primary is reported and the rules answer; HsmsClient reflects the peers
// and registers through ClientsModule. Real sockets on loopback throughout.
import 'reflect-metadata';
import { Controller, Inject, Injectable, type INestMicroservice, Module, type ModuleMetadata } from '@nestjs/common';
import { ClientProxy, ClientsModule, Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsPassiveConnection } from '../../libs/hsms/src/connections/hsms-passive-connection.js';
import { CaptureLogger } from '../../libs/hsms/src/connections/testing/capture-logger.js';
import { HsmsConnectionManager } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../../libs/hsms/src/hsms/hsms-handler.events.js';
import {
  HEADER_ONLY,
  HsmsClient,
  HsmsClientMessageMismatchError,
  HsmsClientNotConnectedError,
  HsmsContext,
  HsmsEventPattern,
  HsmsModule,
  HsmsOptionError,
  HsmsServer,
  HsmsServerSetupError,
  HSMS_TRANSPORT,
  resolveHsmsModuleOptions,
  type HsmsLifecycleEvent,
} from '../../libs/hsms/src/index.js';
import { A, L, type SecsItem } from '../../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../../libs/hsms/src/protocol/secs-message.js';
import { S1F14 } from '../../libs/hsms/src/secs/catalogue/index.js';
import { SecsHandler } from '../../libs/hsms/src/secs/secs-handler.js';
import { CALM_TIMERS, Cleanup, reachState } from '../support/hsms-test-kit.js';
import { connectTool } from '../support/nest-test-kit.js';
import { LOOPBACK } from '../support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const calls: string[] = [];
const selectedEvents: string[] = [];
const closedCauses: string[] = [];

@Controller()
class WiringController {
  @MessagePattern('S1F1', HSMS_TRANSPORT)
  areYouThere(): SecsItem {
    calls.push('S1F1');
    return L(A('NEST'), A('1'));
  }

  @MessagePattern('S1F13', HSMS_TRANSPORT)
  establish(@Ctx() ctx: HsmsContext): SecsMessage {
    calls.push(`S1F13 from ${ctx.getPeer()}`);
    return S1F14({ commack: 0 });
  }

  @EventPattern('S6F11', HSMS_TRANSPORT)
  eventReport(@Payload() body: SecsItem): void {
    calls.push(`S6F11 event ${body.type}`);
  }

  @EventPattern(HsmsEventPattern.Selected, HSMS_TRANSPORT)
  selected(@Payload() e: HsmsLifecycleEvent<'hsms.selected'>): void {
    selectedEvents.push(e.peer);
  }

  @EventPattern(HsmsEventPattern.ConnectionClosed, HSMS_TRANSPORT)
  closed(@Payload() e: HsmsLifecycleEvent<'hsms.connection.closed'>): void {
    closedCauses.push(e.cause); // typed: HsmsDisconnectCause, no cast
  }
}

afterEach(() => {
  calls.length = 0;
  selectedEvents.length = 0;
  closedCauses.length = 0;
});

async function testingModule(metadata: ModuleMetadata) {
  return Test.createTestingModule(metadata).compile();
}

function track(app: INestMicroservice): INestMicroservice {
  return cleanup.add(app, (a) => a.close());
}

/** Our passive equipment tool listening on a free loopback port (the app's active peer connects to it). */
async function listeningTool(): Promise<{ tool: SecsHandler; port: number }> {
  const connection = new HsmsPassiveConnection(LOOPBACK, 0, 0, undefined, { bindAddress: LOOPBACK, ...CALM_TIMERS });
  const tool = cleanup.add(new SecsHandler(connection, { name: 'tool', role: 'equipment' }), (t) => t.disable());
  tool.enable();
  return { tool, port: await connection.whenListening() };
}

describe('new HsmsServer()', () => {
  it("routes HsmsModule's peers when passed as { strategy: new HsmsServer() }", async () => {
    const moduleRef = await testingModule({
      imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'tool', address: LOOPBACK, port: 0, active: false }] })],
      controllers: [WiringController],
    });
    const app = track(moduleRef.createNestMicroservice({ strategy: new HsmsServer(), logger: false }));
    await app.listen();
    const manager = app.get(HsmsConnectionManager);
    const tool = cleanup.add(await connectTool(manager.listeningPort(0)!, 'equipment'), (t) => t.disable());
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(reply.body?.equals(L(A('NEST'), A('1')))).toBe(true);
    expect(calls).toEqual(['S1F1']);
  });

  it('fails listen() with what to write when no HsmsModule is loaded, and never reports started', async () => {
    const logger = new CaptureLogger();
    const moduleRef = await testingModule({ controllers: [WiringController] });
    const app = track(moduleRef.createNestMicroservice({ strategy: new HsmsServer(), logger }));
    await expect(app.listen()).rejects.toThrow(HsmsServerSetupError);
    await expect(app.listen()).rejects.toThrow(/inject: \[HsmsServer\], useFactory: \(strategy: HsmsServer\) => \(\{ strategy \}\)/);
    expect(logger.lines.filter((l) => /successfully started/.test(l.message))).toHaveLength(0);
  });
});

describe('peers start when the transport listens', () => {
  it('keeps the peers down until listen(), then routes the first S1F13 and delivers hsms.selected', async () => {
    const { tool, port } = await listeningTool();
    const moduleRef = await testingModule({
      imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'etcher', address: LOOPBACK, port, active: true }] })],
      controllers: [WiringController],
    });
    const server = moduleRef.get(HsmsServer);
    const app = track(moduleRef.createNestMicroservice({ strategy: server, logger: false }));
    await app.init(); // bootstrap hooks have run; the transport has not listened yet
    const etcher = app.get(HsmsConnectionManager).get('etcher')!;
    expect(etcher.connection.enabled).toBe(false);
    expect(tool.state).toBe(HsmsState.NotConnected);
    await app.listen();
    await reachState(tool, HsmsState.Selected);
    const reply = await tool.sendAndWaitForResponse(new SecsMessage(1, 13, true, L()));
    expect(reply.sf).toBe('S1F14');
    expect(calls).toEqual(['S1F13 from etcher']);
    expect(selectedEvents).toEqual(['etcher']);
    await tool.disable();
    await until(() => closedCauses.length > 0);
    expect(closedCauses[0]).toBe('separate'); // the tool left with Separate.req
  });

  it('starts the peers on bootstrap when no HsmsServer routes them', async () => {
    const { tool, port } = await listeningTool();
    const moduleRef = cleanup.add(
      await testingModule({
        imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'etcher', address: LOOPBACK, port, active: true }] })],
      }),
      (m) => m.close(),
    );
    await moduleRef.init(); // an application context: no transport at all
    await reachState(tool, HsmsState.Selected);
  });
});

describe('@EventPattern on a message with the W-bit', () => {
  it('warns once at start-up, runs the event handler, and lets the rules answer (S6F0 on the host side)', async () => {
    const logger = new CaptureLogger();
    const moduleRef = await testingModule({
      imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'tool', address: LOOPBACK, port: 0, active: false }] })],
      controllers: [WiringController],
    });
    const app = track(moduleRef.createNestMicroservice({ strategy: moduleRef.get(HsmsServer), logger }));
    await app.listen();
    const warnings = logger.find('warn', /@EventPattern S6F11: .* an event handler only observes them; .*SxF0 on the host side/);
    expect(warnings).toHaveLength(1);
    const tool = cleanup.add(await connectTool(app.get(HsmsConnectionManager).listeningPort(0)!, 'equipment'), (t) => t.disable());
    await expect(tool.sendAndWaitForResponse(new SecsMessage(6, 11, true, L()))).rejects.toThrow(/aborted by the peer with S6F0/);
    await until(() => calls.includes('S6F11 event L'));
  });
});

describe('start-up report of overlapping routes', () => {
  it('says in one line, for all GEM peers, which default routes the Nest handlers answer instead', async () => {
    const logger = new CaptureLogger();
    const gemPeer = (name: string, address: string) => ({ name, address, port: 0, active: false, gem: true });
    const moduleRef = await testingModule({
      imports: [
        HsmsModule.forRoot({
          ...CALM_TIMERS,
          peers: [
            gemPeer('tool-1', '127.0.0.2'),
            gemPeer('tool-2', '127.0.0.3'),
            { name: 'plain', address: '127.0.0.4', port: 0, active: false },
          ],
        }),
      ],
      controllers: [WiringController],
    });
    const app = track(moduleRef.createNestMicroservice({ strategy: moduleRef.get(HsmsServer), logger }));
    await app.listen();
    const lines = logger.find('log', /^routes/);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toMatch(
      /^routes of peers tool-1, tool-2: the application answers S1F1 \(@MessagePattern over GEM\), S1F13 \(@MessagePattern over GEM\); the default routes' events still fire$/,
    );
  });
});

describe('module peers as data', () => {
  it('refuses a passive peer given by host name at configuration', () => {
    expect(() => resolveHsmsModuleOptions({ peers: [{ name: 'tool', address: 'localhost', port: 5000, active: false }] })).toThrow(
      HsmsOptionError,
    );
    expect(() => resolveHsmsModuleOptions({ peers: [{ name: 'tool', address: 'localhost', port: 5000, active: false }] })).toThrow(
      /peers\[0\]\.address: a passive peer .* must be an IP address, got 'localhost'/,
    );
    expect(() =>
      resolveHsmsModuleOptions({ peers: [{ name: 'tool', address: 'localhost', port: 5000, active: true, gem: { mdln: 'X' } }] }),
    ).not.toThrow();
  });

  it('a configured peer given to addPeer starts unless enabled is false', async () => {
    const manager = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK }), (m) => m.stop());
    expect(manager.addPeer<SecsHandler>({ name: 'on', address: '127.0.0.2', port: 0, active: false }).connection.enabled).toBe(true);
    expect(
      manager.addPeer<SecsHandler>({ name: 'off', address: '127.0.0.3', port: 0, active: false, enabled: false }).connection.enabled,
    ).toBe(false);
  });
});

@Injectable()
class ClientUser {
  constructor(@Inject('HSMS') readonly client: ClientProxy) {}
}

@Module({
  imports: [
    HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'tool', address: LOOPBACK, port: 0, active: false }] }),
    ClientsModule.register([{ name: 'HSMS', customClass: HsmsClient, options: { connectTimeout: 0.2 } }]),
  ],
  providers: [ClientUser],
})
class ClientsAppModule {}

describe('HsmsClient', () => {
  it('registers through ClientsModule, rejects connect() while no peer is SELECTED, then sends', async () => {
    const moduleRef = await testingModule({ imports: [ClientsAppModule] });
    const app = track(moduleRef.createNestMicroservice({ strategy: moduleRef.get(HsmsServer), logger: false }));
    await app.listen();
    const client = app.get(ClientUser).client as HsmsClient;
    expect(client).toBeInstanceOf(HsmsClient);
    await expect(client.connect()).rejects.toThrow(HsmsClientNotConnectedError);
    await expect(client.connect()).rejects.toThrow(/no peer SELECTED within connectTimeout 0.2 s \(tool NOT_CONNECTED\)/);
    const tool = cleanup.add(await connectTool(app.get(HsmsConnectionManager).listeningPort(0)!, 'equipment'), (t) => t.disable());
    tool.registerStreamFunction(1, 1, () => L(A('TOOL'), A('2')));
    await client.connect();
    const reply = await firstValueFrom((client as HsmsClient).send({ peer: 'tool', sf: 'S1F1' }, HEADER_ONLY));
    expect(reply.body?.equals(L(A('TOOL'), A('2')))).toBe(true);
  });

  it("refuses a SecsMessage whose SxFy is not the pattern's, sending nothing", async () => {
    const moduleRef = await testingModule({ imports: [ClientsAppModule] });
    const app = track(moduleRef.createNestMicroservice({ strategy: moduleRef.get(HsmsServer), logger: false }));
    await app.listen();
    const client = app.get(HsmsClient);
    const tool = cleanup.add(await connectTool(app.get(HsmsConnectionManager).listeningPort(0)!, 'equipment'), (t) => t.disable());
    const received: string[] = [];
    tool.on('message', (m) => received.push(m.sf));
    await expect(firstValueFrom(client.send({ peer: 'tool', sf: 'S1F3' }, new SecsMessage(2, 13, true, L())))).rejects.toThrow(
      HsmsClientMessageMismatchError,
    );
    await expect(firstValueFrom(client.send({ peer: 'tool', sf: 'S1F3' }, new SecsMessage(2, 13, true, L())))).rejects.toThrow(
      /the pattern says S1F3 but the SecsMessage given as data is S2F13/,
    );
    await tool.sendLinktestReq(); // a round trip after the refused sends: nothing of them arrived before it
    expect(received).toEqual([]);
  });
});

/** Polls `condition` every 5 ms for at most 4 s (bounded), for conditions no event announces. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 800 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
