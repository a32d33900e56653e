// The README's examples, run as written against the EquipmentSimulator over loopback: the "Ten
// lines of Nest" (a gem: true peer whose @MessagePattern('S6F11') handler IS called while GEM's
// collection event still fires) and the code blocks of "The API by task". The first test keeps
// this file and README.md from drifting apart: every line of those blocks must appear here, with
// only the tool's address and port replaced by the simulator's.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  A,
  B,
  EquipmentSimulator,
  GemHostHandler,
  HSMS_TRANSPORT,
  HsmsClient,
  HsmsConnectionManager,
  HsmsContext,
  HsmsModule,
  HsmsServer,
  L,
  S6F12,
  U4,
  type HsmsLifecycleEvent,
  type SecsItem,
} from '../libs/hsms/src/index.js';
import { Cleanup } from './support/hsms-test-kit.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const SELF = readFileSync(new URL(import.meta.url), 'utf8');
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The ```ts blocks of README.md under `heading`, up to the next '## ' heading. */
function readmeBlocks(heading: string): string[] {
  const start = README.indexOf(`## ${heading}`);
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** A simulator listening on a free loopback port, cycling fast so collection event 100 comes soon. */
async function simulator(name: string): Promise<EquipmentSimulator> {
  const sim = cleanup.add(new EquipmentSimulator({ name, active: false, address: '127.0.0.1', port: 0, bindAddress: '127.0.0.1', eventPeriod: 0.05, logLevel: 'warn' }), (s) => s.stop());
  await sim.start();
  return sim;
}

/** Polls `condition` every 10 ms for at most 8 s (bounded), for what only shows in console output. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 800 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

// ---- README "Ten lines of Nest", as written; the module takes the simulator's address and port ----
@Controller()
class ToolController {
  @MessagePattern('S6F11', HSMS_TRANSPORT) // called on a gem: true peer too; the return value is the reply
  // biome-ignore lint/correctness/noUnusedFunctionParameters: the README's handler shows the body parameter
  event(@Payload() body: SecsItem, @Ctx() ctx: HsmsContext) { console.log(`${ctx.getPeer()} S6F11`); return S6F12(0); }
  @EventPattern('gem.collection_event', HSMS_TRANSPORT) // GEM's decoded report still fires
  report(@Payload() e: HsmsLifecycleEvent<'gem.collection_event'>) { console.log(`${e.peer} CEID ${e.collectionEvent.ceid}`); }
}
async function tenLinesOfNest(address: string, port: number): Promise<INestMicroservice> {
  @Module({
    imports: [HsmsModule.forRoot({ peers: [{ name: 'etcher-1', address: address, port: port, active: true, gem: true }] })],
    controllers: [ToolController],
  })
  class AppModule {}
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, { strategy: new HsmsServer() });
  cleanup.add(app, (a) => a.close());
  await app.listen(); // the peers start here, so their first message is already routed
  return app;
}
// ---- end of the README example ----

describe('README examples', () => {
  it('are the code in this file, line for line (only the endpoints differ)', () => {
    const endpoints: Array<[RegExp, string]> = [
      [/'10\.0\.0\.[56]'/g, 'address'],
      [/port: 5000/g, 'port: port'],
    ];
    const blocks = [...readmeBlocks('Ten lines of Nest'), ...readmeBlocks('The API by task')];
    expect(blocks.length).toBe(3);
    for (const block of blocks) {
      for (const line of block.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
        const local = endpoints.reduce((text, [from, to]) => text.replace(from, to), line).replace("'etcher-2', address: address", "'etcher-2', address: address2").replace('port: port, active: true, gem: {', 'port: port2, active: true, gem: {');
        expect(SELF, `README line not in the test: ${line}`).toContain(local);
      }
    }
  });

  it('run against the simulator: the S6F11 handler is called, GEM still reports, the client and addPeer work', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    cleanup.add(log, (l) => l.mockRestore());
    const sim = await simulator('sim-1');
    const app = await tenLinesOfNest('127.0.0.1', sim.listeningPort!);
    const lines = (): string[] => log.mock.calls.map((call) => String(call[0]));

    // the host has to ask for the event (E30: the equipment sends only enabled events)
    const manager = app.get(HsmsConnectionManager);
    const etcher1 = manager.get('etcher-1') as GemHostHandler;
    expect(etcher1).toBeInstanceOf(GemHostHandler);
    await until(() => etcher1.communicating);
    await etcher1.subscribeCollectionEvent(100, [1, 2]);
    await until(() => lines().includes('etcher-1 S6F11') && lines().includes('etcher-1 CEID 100'));

    // ---- README "Send requests", with the module's client ----
    const client = app.get(HsmsClient);
    const reply = await firstValueFrom(client.send({ peer: 'etcher-1', sf: 'S1F3' }, L(U4(1), U4(2))));
    await firstValueFrom(client.emit({ peer: 'etcher-1', sf: 'S10F1' }, L(B(0), A('hello'))), { defaultValue: undefined });
    expect(reply.sf).toBe('S1F4');
    expect(reply.body?.type === 'L' && reply.body.items.length).toBe(2);

    // ---- README "Manage peers at run time", against a second simulator ----
    const sim2 = await simulator('sim-2');
    const [address2, port2] = ['127.0.0.1', sim2.listeningPort!];
    const etcher = manager.addPeer<GemHostHandler>({ name: 'etcher-2', address: address2, port: port2, active: true, gem: { establishCommunicationsTimeout: 5 }, t3: 20 });
    etcher.on('collectionEvent', (report) => console.log(`etcher-2 CEID ${report.ceid}`));
    etcher.on('communicating', () => void etcher.subscribeCollectionEvent(100, [1, 2]));
    await until(() => lines().includes('etcher-2 CEID 100'));
    expect(etcher).toBeInstanceOf(GemHostHandler);
  });
});
