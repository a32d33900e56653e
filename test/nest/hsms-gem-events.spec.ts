import 'reflect-metadata';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EquipmentSimulator,
  GemHostHandler,
  HSMS_TRANSPORT,
  type HsmsConnectionEvent,
  HsmsEventPattern,
  HsmsModule,
} from '../../libs/hsms/src/index.js';
import { Cleanup, CALM_TIMERS } from '../support/hsms-test-kit.js';
import { startHsmsApp } from '../support/nest-test-kit.js';

const events: HsmsConnectionEvent[] = [];

@Controller()
class GemEventsController {
  @EventPattern(HsmsEventPattern.GemCommunicating, HSMS_TRANSPORT)
  communicating(@Payload() e: HsmsConnectionEvent): void {
    events.push(e);
  }

  @EventPattern(HsmsEventPattern.GemCollectionEvent, HSMS_TRANSPORT)
  collectionEvent(@Payload() e: HsmsConnectionEvent): void {
    events.push(e);
  }
}

describe('GEM events through the HSMS transport', () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());

  it('dispatches gem.communicating and gem.collection_event for a GEM host peer', async () => {
    events.length = 0;
    const { app, manager } = await startHsmsApp({
      imports: [HsmsModule.forRoot({ ...CALM_TIMERS, peers: [{ name: 'sim', address: '127.0.0.1', port: 0, active: false, gem: true }] })],
      controllers: [GemEventsController],
    });
    cleanup.add(app, (a) => a.close());
    const simulator = new EquipmentSimulator({
      name: 'sim',
      active: true,
      address: '127.0.0.1',
      port: manager.listeningPort(0)!,
      eventPeriod: 0.1,
      ...CALM_TIMERS,
    });
    cleanup.add(simulator, (s) => s.stop());
    await simulator.start();

    await expect.poll(() => events.map((e) => e.event), { timeout: 4000 }).toContain(HsmsEventPattern.GemCommunicating);
    const host = manager.get('sim');
    expect(host).toBeInstanceOf(GemHostHandler);
    await (host as GemHostHandler).subscribeCollectionEvent(100, [1]);
    await expect.poll(() => events.map((e) => e.event), { timeout: 4000 }).toContain(HsmsEventPattern.GemCollectionEvent);
    const report = events.find((e) => e.event === HsmsEventPattern.GemCollectionEvent)!;
    expect(report.peer).toBe('sim');
    expect(report['collectionEvent']).toMatchObject({ ceid: 100 });
  });
});
