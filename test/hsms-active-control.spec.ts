// E37 control-message rules as our active handler applies them, against a raw-socket listener.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeselectStatus,
  HsmsControlTimeoutError,
  HsmsDeselectRefusedError,
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsPacket,
  HsmsRejectedError,
  HsmsState,
  RejectReason,
  SelectStatus,
  SType,
} from '../libs/hsms/src/core.js';
import { activeHandler, Cleanup, nextEvent, reachState, selectedActive as selectedActiveHandler } from './support/hsms-test-kit.js';
import { RawPeer, type RawPeerServer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function listener(): Promise<RawPeerServer> {
  return cleanup.add(await RawPeer.listen(), (s) => s.close());
}

async function selectedActive(options = {}) {
  return selectedActiveHandler(cleanup, options);
}

describe('active handler: Select', () => {
  it('sends Select.req as soon as it connects and becomes SELECTED on status 0', async () => {
    const server = await listener();
    const handler = activeHandler(cleanup, server.port);
    const peer = await server.nextPeer();
    const req = await peer.waitFor((p) => p.sType === SType.SelectReq);
    expect(req.header.sessionId).toBe(0xffff);
    expect(handler.state).toBe(HsmsState.NotSelected);
    const selected = nextEvent(handler, 'selected');
    peer.send(HsmsPacket.selectRsp(req.system, SelectStatus.Established));
    await selected;
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('accepts a data message that arrives in the same chunk as the Select.rsp', async () => {
    const server = await listener();
    const handler = activeHandler(cleanup, server.port);
    const peer = await server.nextPeer();
    const req = await peer.waitFor((p) => p.sType === SType.SelectReq);
    const message = nextEvent(handler, 'message');
    peer.sendRaw(Buffer.concat([HsmsPacket.selectRsp(req.system, 0).encode(), HsmsPacket.dataMessage(0, 1, 13, true, 5).encode()]));
    const [received] = await message;
    expect(received.sf).toBe('S1F13');
  });

  it.each([SelectStatus.AlreadyActive, SelectStatus.NotReady, SelectStatus.ConnectExhaust])(
    'closes when Select.rsp has status %i, then reconnects after T5',
    async (status) => {
      const server = await listener();
      const handler = activeHandler(cleanup, server.port, { t5: 0.1 });
      const peer = await server.nextPeer();
      const req = await peer.waitFor((p) => p.sType === SType.SelectReq);
      let closedAt = 0;
      handler.once('closed', () => (closedAt = performance.now()));
      const closed = nextEvent(handler, 'closed');
      peer.send(HsmsPacket.selectRsp(req.system, status));
      expect(await closed).toEqual(['select']);
      await peer.waitForClose();
      const again = await server.nextPeer();
      // E37 T5: the next attempt waits at least T5 after the close
      expect(server.acceptTimes[1]! - closedAt).toBeGreaterThanOrEqual(95);
      await again.waitFor((p) => p.sType === SType.SelectReq);
    },
  );

  it('closes when no Select.rsp comes within T6', async () => {
    const server = await listener();
    const handler = activeHandler(cleanup, server.port, { t6: 0.05 });
    const peer = await server.nextPeer();
    const closed = nextEvent(handler, 'closed');
    await peer.waitFor((p) => p.sType === SType.SelectReq);
    expect(await closed).toEqual(['t6']);
    await peer.waitForClose();
  });

  it('closes at once when its Select.req is rejected, long before T6', async () => {
    const server = await listener();
    const handler = activeHandler(cleanup, server.port, { t6: 5 });
    const peer = await server.nextPeer();
    const req = await peer.waitFor((p) => p.sType === SType.SelectReq);
    const closed = nextEvent(handler, 'closed', () => true, 2000);
    peer.send(HsmsPacket.rejectReq(req.header, RejectReason.STypeNotSupported));
    expect(await closed).toEqual(['select']);
  });
});

describe('active handler: Linktest, Deselect, Separate', () => {
  it('sendLinktestReq resolves with the Linktest.rsp for its system bytes', async () => {
    const { handler, peer } = await selectedActive();
    const reply = handler.sendLinktestReq();
    const req = await peer.waitFor((p) => p.sType === SType.LinktestReq);
    peer.send(HsmsPacket.linktestRsp(req.system));
    const rsp = await reply;
    expect(rsp.sType).toBe(SType.LinktestRsp);
    expect(rsp.system).toBe(req.system);
  });

  it('fails sendLinktestReq with a T6 error and closes the link when unanswered', async () => {
    const { handler, peer } = await selectedActive({ t6: 0.05 });
    const closed = nextEvent(handler, 'closed');
    await expect(handler.sendLinktestReq()).rejects.toBeInstanceOf(HsmsControlTimeoutError);
    expect(await closed).toEqual(['t6']);
    await peer.waitForClose();
  });

  it('sendDeselectReq goes NOT_SELECTED on status 0', async () => {
    const { handler, peer } = await selectedActive();
    const deselected = nextEvent(handler, 'deselected');
    const reply = handler.sendDeselectReq();
    const req = await peer.waitFor((p) => p.sType === SType.DeselectReq);
    peer.send(HsmsPacket.deselectRsp(req.system, DeselectStatus.Ok));
    expect((await reply).header.byte3).toBe(0);
    await deselected;
    expect(handler.state).toBe(HsmsState.NotSelected);
  });

  it('sendDeselectReq fails with the status and stays SELECTED when the peer is busy', async () => {
    const { handler, peer } = await selectedActive();
    const reply = handler.sendDeselectReq();
    const req = await peer.waitFor((p) => p.sType === SType.DeselectReq);
    peer.send(HsmsPacket.deselectRsp(req.system, DeselectStatus.Busy));
    await expect(reply).rejects.toMatchObject({ name: HsmsDeselectRefusedError.name, status: DeselectStatus.Busy });
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('refuses Deselect when not SELECTED and Linktest when not connected', async () => {
    const server = await listener();
    const handler = activeHandler(cleanup, server.port);
    await expect(handler.sendLinktestReq()).rejects.toBeInstanceOf(HsmsNotConnectedError);
    await server.nextPeer();
    await reachState(handler, HsmsState.NotSelected);
    await expect(handler.sendDeselectReq()).rejects.toBeInstanceOf(HsmsNotSelectedError);
  });

  it('sendSeparateReq sends Separate.req, then closes the connection', async () => {
    const { handler, peer } = await selectedActive({ t5: 5 });
    const closed = nextEvent(handler, 'closed');
    expect(handler.sendSeparateReq()).toBe(true);
    expect(await closed).toEqual(['local']);
    const separate = await peer.waitFor((p) => p.sType === SType.SeparateReq);
    expect(separate.header.sessionId).toBe(0xffff);
    await peer.waitForClose();
    expect(handler.sendSeparateReq()).toBe(false);
  });

  it('disable() separates a SELECTED link first, stops reconnecting, and can be called twice', async () => {
    const { server, handler, peer } = await selectedActive({ t5: 0.05 });
    const started = performance.now();
    await Promise.all([handler.disable(), handler.disable()]);
    expect(performance.now() - started).toBeLessThan(2000);
    await peer.waitFor((p) => p.sType === SType.SeparateReq);
    await peer.waitForClose();
    expect(handler.state).toBe(HsmsState.NotConnected);
    await handler.disable();
    await expect(server.nextPeer(300)).rejects.toThrow(/no connection/);
  });

  it('fails a Reject.req-ed Linktest.req at once with the reason', async () => {
    const { handler, peer } = await selectedActive({ t6: 5 });
    const reply = handler.sendLinktestReq();
    const req = await peer.waitFor((p) => p.sType === SType.LinktestReq);
    const sentAt = performance.now();
    peer.send(HsmsPacket.rejectReq(req.header, RejectReason.STypeNotSupported));
    await expect(reply).rejects.toMatchObject({ name: HsmsRejectedError.name, reason: RejectReason.STypeNotSupported });
    expect(performance.now() - sentAt).toBeLessThan(2000);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});
