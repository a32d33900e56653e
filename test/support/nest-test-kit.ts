// Helpers for the Nest tests (test/nest/*.spec.ts): build an app around HsmsModule with
// Test.createTestingModule + createNestMicroservice, and a tool-side peer from the library.
import { type INestMicroservice, type ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HsmsActiveConnection } from '../../libs/hsms/src/connections/hsms-active-connection.js';
import { HsmsConnectionManager } from '../../libs/hsms/src/hsms/hsms-connection-manager.js';
import { HsmsState } from '../../libs/hsms/src/hsms/hsms-handler.events.js';
import { HsmsServer } from '../../libs/hsms/src/nest/hsms.server.js';
import { SecsHandler } from '../../libs/hsms/src/secs/secs-handler.js';
import type { SecsRole } from '../../libs/hsms/src/secs/secs-callbacks.js';
import { CALM_TIMERS, reachState } from './hsms-test-kit.js';

/** An app on the HSMS transport; `manager` is the module's own manager. */
export interface HsmsTestApp {
  app: INestMicroservice;
  manager: HsmsConnectionManager;
  /** The transport the app listens with (for its processing hooks, say). */
  server: HsmsServer;
}

export async function startHsmsApp(metadata: ModuleMetadata): Promise<HsmsTestApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const server = moduleRef.get(HsmsServer);
  const app = moduleRef.createNestMicroservice({ strategy: server, logger: false });
  await app.listen();
  return { app, manager: moduleRef.get(HsmsConnectionManager), server };
}

/** A peer built from the library that connects to `port` and waits until SELECTED. */
export async function connectTool(
  port: number,
  role: SecsRole = 'equipment',
  sessionId = 0,
  localAddress = '127.0.0.1',
): Promise<SecsHandler> {
  const connection = new HsmsActiveConnection('127.0.0.1', port, sessionId, undefined, { ...CALM_TIMERS, localAddress });
  const tool = new SecsHandler(connection, { name: 'tool', role });
  tool.enable();
  await reachState(tool, HsmsState.Selected);
  return tool;
}
