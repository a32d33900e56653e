// Logging through the injectable logger: state changes at debug, each message at verbose in SML,
// and the SML is not even built when verbose is off.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { A, HsmsPacket, HsmsState, L, SecsMessage, SType } from '../libs/hsms/src/core.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { Cleanup, nextEvent, passiveHandler, reachState, requestSelect } from './support/hsms-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup.run();
});

async function conversation(logger: CaptureLogger, logLevel: 'debug' | 'verbose') {
  const { handler, port } = await passiveHandler(cleanup, { logger, logLevel });
  const peer = cleanup.add(await RawPeer.connect(port), (p) => p.destroy());
  await requestSelect(peer);
  await reachState(handler, HsmsState.Selected);
  const message = nextEvent(handler, 'message');
  peer.send(new SecsMessage(1, 13, true, L(A('host'), A('1.0.0'))).toPacket(0, 77));
  const [received] = await message;
  handler.sendResponse(new SecsMessage(1, 14, false, L()), received.header!.system);
  await peer.waitFor((p) => p.sType === SType.DataMessage);
  peer.send(HsmsPacket.linktestReq(78));
  await peer.waitFor((p) => p.sType === SType.LinktestRsp);
}

describe('handler logging', () => {
  it('logs state changes at debug and every message in SML at verbose', async () => {
    const logger = new CaptureLogger();
    await conversation(logger, 'verbose');
    expect(logger.find('debug', /NOT_SELECTED -> SELECTED/)).toHaveLength(1);
    const received = logger.find('verbose', /^received S1F13 W/);
    expect(received).toHaveLength(1);
    expect(received[0]!.message).toContain('<A "host">');
    expect(received[0]!.message).toContain('system 0x0000004d');
    expect(logger.find('verbose', /^sent S1F14/)).toHaveLength(1);
    expect(logger.find('verbose', /^sent Select\.rsp status 0/)).toHaveLength(1);
  });

  it('builds no SML at debug level, yet still logs state changes', async () => {
    const logger = new CaptureLogger();
    const toSml = vi.spyOn(SecsMessage.prototype, 'toSml');
    await conversation(logger, 'debug');
    expect(toSml).not.toHaveBeenCalled();
    expect(logger.find('verbose', /./)).toEqual([]);
    expect(logger.find('debug', /NOT_SELECTED -> SELECTED/)).toHaveLength(1);
  });
});
