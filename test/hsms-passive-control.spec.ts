// E37 control-message rules as our passive handler applies them, driven by a raw-socket peer.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeselectStatus,
  HsmsHeader,
  HsmsPacket,
  HsmsState,
  RejectReason,
  type SecsMessage,
  SelectStatus,
  SType,
} from '../libs/hsms/src/core.js';
import { Cleanup, nextEvent, packetsBeforeLinktest, passiveHandler, reachState, requestSelect } from './support/hsms-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function connectedPeer() {
  const { handler, port } = await passiveHandler(cleanup);
  const established = nextEvent(handler, 'established');
  const peer = cleanup.add(await RawPeer.connect(port), (p) => p.destroy());
  await established;
  return { handler, peer };
}

async function selectedPeer() {
  const pair = await connectedPeer();
  const rsp = await requestSelect(pair.peer);
  expect(rsp.header.byte3).toBe(SelectStatus.Established);
  await reachState(pair.handler, HsmsState.Selected);
  return pair;
}

const isReject = (p: HsmsPacket) => p.sType === SType.RejectReq;

describe('passive handler: Select', () => {
  it('answers Select.req with status 0 and becomes SELECTED', async () => {
    const { handler, peer } = await connectedPeer();
    expect(handler.state).toBe(HsmsState.NotSelected);
    const selected = nextEvent(handler, 'selected');
    const rsp = await requestSelect(peer, 0x1234);
    expect(rsp.header.byte3).toBe(SelectStatus.Established);
    expect(rsp.header.sessionId).toBe(0xffff);
    await selected;
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('is SELECTED before its Select.rsp leaves: a data message right behind Select.req is accepted', async () => {
    const { handler, peer } = await connectedPeer();
    const message = nextEvent(handler, 'message');
    // one write: Select.req and S1F1 W arrive in the same chunk
    peer.sendRaw(Buffer.concat([HsmsPacket.selectReq(1).encode(), HsmsPacket.dataMessage(0, 1, 1, true, 2).encode()]));
    const [received] = await message;
    expect(received.sf).toBe('S1F1');
    expect(received.header?.system).toBe(2);
    expect((await packetsBeforeLinktest(peer)).filter(isReject)).toEqual([]);
  });

  it('answers Select.req with status 1 when already selected', async () => {
    const { handler, peer } = await selectedPeer();
    const again = await requestSelect(peer, 2);
    expect(again.header.byte3).toBe(SelectStatus.AlreadyActive);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});

describe('passive handler: Deselect', () => {
  it('answers Deselect.req with status 0 when selected and goes NOT_SELECTED', async () => {
    const { handler, peer } = await selectedPeer();
    const deselected = nextEvent(handler, 'deselected');
    peer.send(HsmsPacket.deselectReq(5));
    const rsp = await peer.waitFor((p) => p.sType === SType.DeselectRsp);
    expect(rsp.system).toBe(5);
    expect(rsp.header.byte3).toBe(DeselectStatus.Ok);
    await deselected;
    expect(handler.state).toBe(HsmsState.NotSelected);
  });

  it('answers Deselect.req with status 1 when not selected', async () => {
    const { handler, peer } = await connectedPeer();
    peer.send(HsmsPacket.deselectReq(6));
    const rsp = await peer.waitFor((p) => p.sType === SType.DeselectRsp);
    expect(rsp.header.byte3).toBe(DeselectStatus.NotEstablished);
    expect(handler.state).toBe(HsmsState.NotSelected);
  });
});

describe('passive handler: Linktest', () => {
  it('answers Linktest.req while NOT_SELECTED with the same system bytes', async () => {
    const { handler, peer } = await connectedPeer();
    peer.send(HsmsPacket.linktestReq(0xabcdef01));
    const rsp = await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(rsp.system).toBe(0xabcdef01);
    expect(handler.state).toBe(HsmsState.NotSelected);
  });

  it('answers Linktest.req while SELECTED', async () => {
    const { peer } = await selectedPeer();
    peer.send(HsmsPacket.linktestReq(77));
    expect((await peer.waitFor((p) => p.sType === SType.LinktestRsp)).system).toBe(77);
  });
});

describe('passive handler: Reject.req it sends', () => {
  it.each([8, 10, 11, 128, 255])('rejects SType %i with reason 1, naming the SType and copying the system bytes', async (sType) => {
    const { peer } = await connectedPeer();
    peer.send(new HsmsPacket(new HsmsHeader(0xffff, 0, 0, 0, sType, 40 + sType)));
    const reject = await peer.waitFor(isReject);
    expect(reject.header.byte3).toBe(RejectReason.STypeNotSupported);
    expect(reject.header.byte2).toBe(sType);
    expect(reject.system).toBe(40 + sType);
  });

  it.each([1, 2, 0xff])('rejects PType %i with reason 2, naming the PType', async (pType) => {
    const { peer } = await selectedPeer();
    peer.send(new HsmsPacket(new HsmsHeader(0, 0x81, 1, pType, SType.DataMessage, 99)));
    const reject = await peer.waitFor(isReject);
    expect(reject.header.byte3).toBe(RejectReason.PTypeNotSupported);
    expect(reject.header.byte2).toBe(pType);
    expect(reject.system).toBe(99);
  });

  it.each([
    ['Select.rsp', HsmsPacket.selectRsp(31, 0)],
    ['Deselect.rsp', HsmsPacket.deselectRsp(32, 0)],
    ['Linktest.rsp', HsmsPacket.linktestRsp(33)],
  ])('rejects a %s nobody asked for with reason 3', async (_name, rsp) => {
    const { handler, peer } = await selectedPeer();
    peer.send(rsp);
    const reject = await peer.waitFor(isReject);
    expect(reject.header.byte3).toBe(RejectReason.TransactionNotOpen);
    expect(reject.header.byte2).toBe(rsp.sType);
    expect(reject.system).toBe(rsp.system);
    expect(handler.state).toBe(HsmsState.Selected);
  });

  it('rejects a data message while NOT_SELECTED with reason 4 and does not deliver it', async () => {
    const { handler, peer } = await connectedPeer();
    const delivered: SecsMessage[] = [];
    handler.on('message', (m) => delivered.push(m));
    peer.send(HsmsPacket.dataMessage(0, 1, 1, true, 123));
    const reject = await peer.waitFor(isReject);
    expect(reject.header.byte3).toBe(RejectReason.EntityNotSelected);
    expect(reject.header.byte2).toBe(SType.DataMessage);
    expect(reject.system).toBe(123);
    await packetsBeforeLinktest(peer);
    expect(delivered).toEqual([]);
  });

  it('never answers a Reject.req, even one for nothing it sent', async () => {
    const { handler, peer } = await selectedPeer();
    peer.send(HsmsPacket.rejectReq(HsmsHeader.data(0, 1, 1, true, 555), RejectReason.EntityNotSelected));
    expect(await packetsBeforeLinktest(peer)).toEqual([]);
    expect(handler.state).toBe(HsmsState.Selected);
  });
});

describe('passive handler: Separate and session ids', () => {
  it('closes at once on Separate.req without answering it', async () => {
    const { handler, peer } = await selectedPeer();
    const closed = nextEvent(handler, 'closed');
    const before = peer.received.length;
    peer.send(HsmsPacket.separateReq(9));
    const [cause] = await closed;
    expect(cause).toBe('separate');
    expect(handler.state).toBe(HsmsState.NotConnected);
    await peer.waitForClose();
    expect(peer.received.slice(before)).toEqual([]);
  });

  it('passes a data message for another session id upward, as it came', async () => {
    const { handler, peer } = await selectedPeer();
    const message = nextEvent(handler, 'message');
    peer.send(HsmsPacket.dataMessage(0x0042, 1, 1, true, 8));
    const [received] = await message;
    expect(received.header?.sessionId).toBe(0x0042);
    expect(received.wBit).toBe(true);
    expect((await packetsBeforeLinktest(peer)).filter(isReject)).toEqual([]);
  });

  it('emits established, then selected, then closed, with the state events in between', async () => {
    const { handler, port } = await passiveHandler(cleanup);
    const events: string[] = [];
    for (const name of ['established', 'selected', 'deselected', 'closed'] as const) handler.on(name, () => events.push(name));
    handler.on('state', (state) => events.push(state));
    const peer = cleanup.add(await RawPeer.connect(port), (p) => p.destroy());
    await requestSelect(peer);
    await reachState(handler, HsmsState.Selected);
    const closed = nextEvent(handler, 'closed');
    peer.end();
    expect(await closed).toEqual(['remote']);
    expect(events).toEqual(['established', 'NOT_SELECTED', 'selected', 'SELECTED', 'closed', 'NOT_CONNECTED']);
  });
});
