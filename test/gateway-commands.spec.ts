// Commands through the gateway cluster (apps/gateway, issue 13): request/reply on
// hsms.cmd.<equipment>.<SxFy>, answered by the gateway that holds the tool with the tool's own
// reply; named errors, at once, when nobody holds the tool or its link is down; the caller's
// deadline respected; the client's Nest module and the example fab service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Test } from '@nestjs/testing';
import { A, L, SecsMessage, U4 } from '../libs/hsms/src/core.js';
import {
  GatewayClient,
  GatewayClientModule,
  GatewayCommandTimeoutError,
  GatewayError,
  GatewayInvalidCommandError,
  GatewayToolReplyError,
  GatewayToolUnavailableError,
} from '@app/gateway-client';
import type { NatsServerProcess } from '../apps/gateway/testing/nats-server-process.js';
import { FabExampleModule } from '../apps/gateway/example/fab-example.module.js';
import { FabEventsService } from '../apps/gateway/example/fab-events.service.js';
import { Cleanup, gatewayConfig, natsClient, startGateway, startNats, startTools, TEST_LEASES, waitUntil } from './support/gateway-kit.js';

describe('gateway commands', () => {
  const suite = new Cleanup();
  const cleanup = new Cleanup();
  let nats: NatsServerProcess;
  let client: GatewayClient;

  beforeAll(async () => {
    nats = await startNats(suite);
    client = new GatewayClient(await natsClient(suite, nats));
  });
  afterEach(() => cleanup.run());
  afterAll(() => suite.run());

  it("sends a command to the tool through the gateway that holds it and returns the tool's reply", async () => {
    const { tools, peers } = await startTools(cleanup, 2, {}, 'cmd');
    const gw = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket: 'cmd-owned' } }));
    await waitUntil(() => tools.every((t) => gw.selected(t.name)), 'tools selected by the gateway');
    const reply = await client.command('cmd-2', new SecsMessage(1, 1, true));
    expect(reply.sf).toBe('S1F2');
    expect(reply.body?.toSml()).toBe(L(A('cmd-2'), A('1.0')).toSml());
  });

  it('fails at once with GatewayToolUnavailableError (no-owner) when no gateway holds the tool', async () => {
    const error = await client.command('nobody-holds-me', new SecsMessage(1, 1, true), { timeoutMs: 15_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayToolUnavailableError);
    expect((error as GatewayToolUnavailableError).reason).toBe('no-owner');
    expect((error as GatewayToolUnavailableError).code).toBe('GATEWAY_TOOL_UNAVAILABLE');
    expect((error as GatewayToolUnavailableError).name).toBe('GatewayToolUnavailableError');
    expect(error).toBeInstanceOf(GatewayError);
  });

  it('fails at once with GatewayToolUnavailableError (not-selected) when the holder has no session with the tool', async () => {
    const { tools, peers } = await startTools(cleanup, 1, {}, 'down');
    await tools[0]!.stop(); // the tool is gone; its port refuses
    const gw = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket: 'cmd-down' } }));
    await waitUntil(() => gw.service.owned().length === 1, 'gw-a holds the lease');
    const error = await client.command('down-1', new SecsMessage(1, 1, true), { timeoutMs: 15_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayToolUnavailableError);
    expect((error as GatewayToolUnavailableError).reason).toBe('not-selected');
  });

  it("gives up at the caller's deadline (GatewayCommandTimeoutError) and reports a tool's abort as GatewayToolReplyError", async () => {
    const { tools, peers } = await startTools(cleanup, 1, {}, 'slow');
    tools[0]!.handler.registerStreamFunction(2, 41, () => new Promise(() => undefined)); // never answers
    const gw = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket: 'cmd-slow' } }));
    await waitUntil(() => gw.selected('slow-1'), 'tool selected by the gateway');
    const late = await client
      .command('slow-1', new SecsMessage(2, 41, true, L(A('START'), L())), { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(GatewayCommandTimeoutError);
    // S1F99 is no function of stream 1: the equipment answers S9F5 and S1F0
    const refused = await client.command('slow-1', new SecsMessage(1, 99, true), { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayToolReplyError);
  });

  it('refuses to send what is not a W-bit primary', async () => {
    await expect(client.command('cmd-1', new SecsMessage(1, 2, false))).rejects.toBeInstanceOf(GatewayInvalidCommandError);
    await expect(client.command('cmd-1', new SecsMessage(6, 11, false, L()))).rejects.toBeInstanceOf(GatewayInvalidCommandError);
  });

  it('serves Nest applications: GatewayClientModule, and the example fab service applying each event once', async () => {
    const { tools, peers } = await startTools(cleanup, 2, { window: 2 }, 'fab');
    const gw = await startGateway(cleanup, gatewayConfig(nats, 'gw-a', peers, { leases: { ...TEST_LEASES, bucket: 'cmd-fab' } }));
    const moduleRef = await Test.createTestingModule({
      imports: [FabExampleModule.forRoot(nats.url, { durable: 'fab-example-test' }), GatewayClientModule.forRoot({ servers: nats.url })],
    }).compile();
    const app = cleanup.add(moduleRef, (m) => m.close());
    await app.init();
    const fab = app.get(FabEventsService);
    await waitUntil(() => tools.every((t) => gw.selected(t.name)), 'tools selected by the gateway');
    expect((await fab.areYouThere('fab-1')).sf).toBe('S1F2');
    expect((await app.get(GatewayClient).command('fab-2', new SecsMessage(1, 3, true, L()))).body?.toSml()).toBe(L(U4(0)).toSml());
    for (let i = 0; i < 10; i++) for (const tool of tools) tool.raise();
    await waitUntil(() => fab.applied('fab-1') === 10 && fab.applied('fab-2') === 10, 'every event applied');
    expect(fab.skipped).toBe(0);
  });
});
