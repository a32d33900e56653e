import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../apps/sample/src/app.module.js';
import { A, L, S6F11, SecsMessage, U4 } from '../libs/hsms/src/core.js';
import { Cleanup } from './support/hsms-test-kit.js';
import { connectTool, startHsmsApp } from './support/nest-test-kit.js';

// The sample app as users start it, but with a test config: one multi-passive peer on a free
// port, no simulator, no run-time peers; an external tool from the library talks to it.
const TEST_CONFIG = `
hsms:
  logLevel: warn
  t3: 5
  t5: 0.05
  linktest: 0
  peers:
    - name: tool-1
      address: 127.0.0.1
      port: 0
      active: false
      sessionId: 0
      role: host
simulator:
  enabled: false
`;

describe('the sample app', () => {
  const cleanup = new Cleanup();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hsms-sample-'));
    writeFileSync(join(dir, 'hsms.yaml'), TEST_CONFIG);
    process.env['HSMS_CONFIG'] = join(dir, 'hsms.yaml');
  });
  afterAll(() => {
    delete process.env['HSMS_CONFIG'];
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => cleanup.run());

  it('answers an external tool: S1F1, S1F13 and an S6F11 event report', async () => {
    const { app, manager } = await startHsmsApp({ imports: [AppModule] });
    cleanup.add(app, (a) => a.close());
    const tool = cleanup.add(await connectTool(manager.listeningPort(0)!, 'equipment'), (t) => t.disable());

    const s1f2 = await tool.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(s1f2.body?.equals(L(A('SAMPLEHOST'), A('1.0.0')))).toBe(true);

    const s1f14 = await tool.sendAndWaitForResponse(new SecsMessage(1, 13, true, L(A('TOOL'), A('1.0'))));
    expect(s1f14.sf).toBe('S1F14');

    const event = S6F11({ dataId: 1, ceid: 100, reports: [{ rptid: 1, values: [U4(42)] }] });
    const s6f12 = await tool.sendAndWaitForResponse(event);
    expect(s6f12.sf).toBe('S6F12');
    expect(s6f12.body?.type).toBe('B');
  });
});
