// HsmsConnectionManager end to end: the seed's conversation, a multi-passive port with several
// peers from distinct loopback addresses, one event stream, and bounded removal.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsConnectionManager,
  HsmsDuplicateConnectionError,
  HsmsDuplicatePeerError,
  HsmsHandler,
  HsmsOptionError,
  type HsmsPeerDefinition,
  HsmsPacket,
  type HsmsPeerEvent,
  type HsmsPeerPacketEvent,
  HsmsState,
  SecsMessage,
  SType,
} from '../libs/hsms/src/core.js';
import { activeHandler, CALM_TIMERS, Cleanup, nextEvent, passiveHandler, reachState, requestSelect } from './support/hsms-test-kit.js';
import { RawPeer } from './support/raw-peer.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

function manager(options = {}): HsmsConnectionManager {
  return cleanup.add(new HsmsConnectionManager({ bindAddress: '127.0.0.1', ...CALM_TIMERS, ...options }), (m) => m.stop());
}

/** Resolves when the manager has emitted `event` for every name in `peers`. */
function eventsFor(m: HsmsConnectionManager, event: 'selected' | 'established', peers: string[]): Promise<void> {
  const waiting = new Set(peers);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' for ${[...waiting].join(', ')}`)), 4000);
    const listener = (e: HsmsPeerEvent): void => {
      waiting.delete(e.peer);
      if (waiting.size > 0) return;
      clearTimeout(timer);
      m.off(event, listener);
      resolve();
    };
    m.on(event, listener);
  });
}

/** Resolves when a plain TCP connect to the port is refused (nothing listens there any more). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('HsmsConnectionManager: the seed conversation', () => {
  it('addPeer + enable + sendLinktestReq returns a Linktest.rsp, then stop()', async () => {
    const equipment = await passiveHandler(cleanup);
    const m = manager();
    const handler = m.addPeer('etcher-1', '127.0.0.1', equipment.port, true, 0);
    const selected = nextEvent(m, 'selected');
    handler.enable();
    const [event] = await selected;
    expect(event.peer).toBe('etcher-1');
    expect(event.handler).toBe(handler);
    const rsp = await handler.sendLinktestReq();
    expect(rsp.sType).toBe(SType.LinktestRsp);
    expect(rsp.toString()).toMatch(/sType:0x06/);
    const closed = nextEvent(equipment.handler, 'closed');
    await m.stop();
    expect(await closed).toEqual(['separate']); // stop() separates a SELECTED peer politely
    expect(m.peers).toEqual([]);
    expect(handler.state).toBe(HsmsState.NotConnected);
  });
});

describe('HsmsConnectionManager: multi-passive', () => {
  it('serves two peers from 127.0.0.2 and 127.0.0.3 on one port, selected at once', async () => {
    const m = manager();
    const a = m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    const b = m.addPeer('tool-b', '127.0.0.3', 0, false, 0);
    a.enable();
    b.enable();
    await m.ready();
    const port = m.listeningPort(0)!;
    expect(port).toBeGreaterThan(0);
    const bothSelected = eventsFor(m, 'selected', ['tool-a', 'tool-b']);
    const toolA = activeHandler(cleanup, port, { localAddress: '127.0.0.2' });
    const toolB = activeHandler(cleanup, port, { localAddress: '127.0.0.3' });
    await bothSelected;
    expect([a.connection.remoteAddress, b.connection.remoteAddress].map((s) => s?.replace('::ffff:', ''))).toEqual([
      '127.0.0.2',
      '127.0.0.3',
    ]);
    await reachState(toolA, HsmsState.Selected);
    await reachState(toolB, HsmsState.Selected);
    const [rspA, rspB] = await Promise.all([a.sendLinktestReq(), b.sendLinktestReq()]);
    expect([rspA.sType, rspB.sType]).toEqual([SType.LinktestRsp, SType.LinktestRsp]);
    expect(m.peers.map((p) => [p.name, p.address, p.active])).toEqual([
      ['tool-a', '127.0.0.2', false],
      ['tool-b', '127.0.0.3', false],
    ]);
  });

  it('turns away an address that is no peer without disturbing the others', async () => {
    const m = manager();
    const a = m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    a.enable();
    await m.ready();
    const port = m.listeningPort(0)!;
    const stranger = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.4' }), (p) => p.destroy());
    await stranger.waitForClose();
    const peer = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    expect((await requestSelect(peer)).header.byte3).toBe(0);
  });

  it('closes only the peer that sends a malformed frame (length 4); the other stays SELECTED', async () => {
    const m = manager();
    for (const [name, address] of [
      ['tool-a', '127.0.0.2'],
      ['tool-b', '127.0.0.3'],
    ] as const)
      m.addPeer(name, address, 0, false, 0).enable();
    await m.ready();
    const port = m.listeningPort(0)!;
    const bad = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    const good = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.3' }), (p) => p.destroy());
    await requestSelect(bad);
    await requestSelect(good);
    const closed = nextEvent(m, 'closed');
    bad.sendRaw(Buffer.from([0, 0, 0, 4, 1, 2, 3, 4]));
    const [event] = await closed;
    expect([event.peer, event.cause]).toEqual(['tool-a', 'protocol']);
    await bad.waitForClose();
    good.send(HsmsPacket.linktestReq(5));
    await good.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(m.get('tool-b')!.state).toBe(HsmsState.Selected);
  });

  it('stops the port with its last peer, and keeps it while a peer remains', async () => {
    const m = manager();
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0).enable();
    m.addPeer('tool-b', '127.0.0.3', 0, false, 0).enable();
    await m.ready();
    const port = m.listeningPort(0)!;
    await m.removePeer('tool-a');
    const peer = cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.3' }), (p) => p.destroy());
    expect((await requestSelect(peer)).header.byte3).toBe(0);
    await m.removePeer('tool-b');
    expect(m.listeningPort(0)).toBeUndefined();
    expect(await refused(port)).toBe(true);
  });
});

describe('HsmsConnectionManager: names, options, events', () => {
  it('refuses a duplicate name and a duplicate address on one port with named errors', () => {
    const m = manager();
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    expect(() => m.addPeer('tool-a', '127.0.0.9', 0, false, 0)).toThrow(HsmsDuplicatePeerError);
    expect(() => m.addPeer('tool-a', '127.0.0.9', 0, false, 0)).toThrow(/'tool-a' already exists/);
    expect(() => m.addPeer('tool-z', '127.0.0.2', 0, false, 0)).toThrow(HsmsDuplicateConnectionError);
    expect(m.has('tool-z')).toBe(false);
  });

  it('refuses an unknown key of a peer given as data, naming the nearest valid one, and adds nothing', () => {
    const m = manager();
    const typo = { name: 'typo', address: '127.0.0.1', port: 5000, active: true, sessionID: 7 } as unknown as HsmsPeerDefinition;
    expect(() => m.addPeer(typo)).toThrow(HsmsOptionError);
    expect(() => m.addPeer(typo)).toThrow("sessionID: unknown option 'sessionID' (did you mean 'sessionId'?)");
    expect(m.has('typo')).toBe(false);
  });

  it('refuses out-of-range options at construction and at addPeer, naming the option', () => {
    expect(() => new HsmsConnectionManager({ t3: -1 })).toThrow(HsmsOptionError);
    expect(() => new HsmsConnectionManager({ t3: -1 })).toThrow(/^t3:/);
    expect(() => new HsmsConnectionManager({ linktestFailures: 0 })).toThrow(/linktestFailures/);
    const m = manager();
    expect(() => m.addPeer('x', '127.0.0.1', 5000, true, 0, undefined, { t6: 0 })).toThrow(/^t6:/);
    expect(() => m.addPeer('y', '127.0.0.1', 0, true, 0)).toThrow(/^port:/);
    expect(() => m.addPeer('z', '127.0.0.1', 5000, true, 70000)).toThrow(/^sessionId:/);
    expect(m.peers).toEqual([]);
  });

  it('applies per-peer overrides: only the peer with a short T7 is closed for not selecting', async () => {
    const m = manager({ t7: 5 });
    m.addPeer('quick', '127.0.0.2', 0, false, 0, undefined, { t7: 0.05 }).enable();
    m.addPeer('patient', '127.0.0.3', 0, false, 0).enable();
    await m.ready();
    const port = m.listeningPort(0)!;
    const closed = nextEvent(m, 'closed');
    const established = eventsFor(m, 'established', ['quick', 'patient']);
    cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    cleanup.add(await RawPeer.connect(port, { localAddress: '127.0.0.3' }), (p) => p.destroy());
    await established;
    const [event] = await closed;
    expect([event.peer, event.cause]).toEqual(['quick', 't7']);
    expect(m.get('patient')!.state).toBe(HsmsState.NotSelected);
  });

  it('emits one stream of events carrying the peer name, in order', async () => {
    const m = manager();
    const events: string[] = [];
    for (const name of ['peerAdded', 'established', 'selected', 'deselected', 'beforeClosed', 'closed'] as const) {
      m.on(name, (e: HsmsPeerEvent) => events.push(`${e.peer}:${name}`));
    }
    m.on('message', (e) => events.push(`${e.peer}:message ${e.message.sf}`));
    m.on('state', (e) => events.push(`${e.peer}:${e.previous}->${e.state}`));
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0).enable();
    await m.ready();
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    await requestSelect(peer);
    const message = nextEvent(m, 'message');
    peer.send(HsmsPacket.dataMessage(0, 6, 11, false, 3));
    await message;
    const deselected = nextEvent(m, 'deselected');
    peer.send(HsmsPacket.deselectReq(4));
    await deselected;
    const closed = nextEvent(m, 'closed');
    peer.end();
    expect((await closed)[0].cause).toBe('remote');
    expect(events).toEqual([
      'tool-a:peerAdded',
      'tool-a:established',
      'tool-a:NOT_CONNECTED->NOT_SELECTED',
      'tool-a:selected',
      'tool-a:NOT_SELECTED->SELECTED',
      'tool-a:message S6F11',
      'tool-a:deselected',
      'tool-a:SELECTED->NOT_SELECTED',
      'tool-a:beforeClosed',
      'tool-a:closed',
      'tool-a:NOT_SELECTED->NOT_CONNECTED',
    ]);
  });

  it('forwards every received packet while someone listens, and reports removal', async () => {
    const m = manager();
    const handler = m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    handler.enable();
    await m.ready();
    const packets: string[] = [];
    m.on('packet', (e) => packets.push(`${e.peer}:${e.packet.sType}:${e.packet.system}`));
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    await requestSelect(peer, 11);
    peer.send(HsmsPacket.linktestReq(12));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(packets).toEqual([`tool-a:${SType.SelectReq}:11`, `tool-a:${SType.LinktestReq}:12`]);
    const removed = nextEvent(m, 'peerRemoved');
    await m.removePeer('tool-a');
    const [event] = await removed;
    expect([event.peer, event.handler]).toEqual(['tool-a', handler]);
  });

  it('listens for per-message events on its handlers only while someone listens on the manager', async () => {
    const m = manager();
    const before = m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    expect([before.listenerCount('message'), before.listenerCount('packet')]).toEqual([0, 0]);
    expect(before.listenerCount('selected')).toBe(1); // lifecycle events are always forwarded

    const seen: string[] = [];
    const onPacket = (e: HsmsPeerEvent & { packet: HsmsPacket }): void => void seen.push(`${e.peer}:${e.packet.system}`);
    m.on('packet', onPacket);
    const after = m.addPeer('tool-b', '127.0.0.3', 0, false, 0);
    expect([before.listenerCount('packet'), after.listenerCount('packet')]).toEqual([1, 1]);
    expect(after.listenerCount('message')).toBe(0);
    m.once('message', () => undefined);
    expect([before.listenerCount('message'), after.listenerCount('message')]).toEqual([1, 1]);

    before.enable();
    await m.ready();
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    await requestSelect(peer, 21);
    expect(seen).toEqual(['tool-a:21']);

    m.off('packet', onPacket);
    m.removeAllListeners('message');
    expect([before.listenerCount('packet'), after.listenerCount('packet'), before.listenerCount('message')]).toEqual([0, 0, 0]);
    peer.send(HsmsPacket.linktestReq(22));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(seen).toEqual(['tool-a:21']);
  });

  it("forwards every packet a peer's connection took as 'sent', control and data, with the peer name", async () => {
    const m = manager();
    const handler = m.addPeer('tool-b', '127.0.0.2', 0, false, 0);
    handler.enable();
    await m.ready();
    const sent: string[] = [];
    const own: number[] = [];
    expect(handler.listenerCount('sent')).toBe(0); // nobody asked: sending costs no event at all
    const onSent = (e: HsmsPeerPacketEvent): number => sent.push(`${e.peer}:${e.packet.sType}:${e.packet.system}`);
    m.on('sent', onSent);
    handler.on('sent', (packet) => own.push(packet.system));
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    await requestSelect(peer, 21); // answered with Select.rsp
    handler.sendStreamFunction(new SecsMessage(1, 1, false));
    const data = await peer.waitFor((p) => p.sType === SType.DataMessage);
    expect(sent).toEqual([`tool-b:${SType.SelectRsp}:21`, `tool-b:${SType.DataMessage}:${data.system}`]);
    expect(own).toEqual([21, data.system]);
    m.off('sent', onSent);
    expect(handler.listenerCount('sent')).toBe(1); // only the handler's own listener is left
  });

  it('creates handlers of the given class, whose hook sees the data messages', async () => {
    class RecordingHandler extends HsmsHandler {
      readonly seen: string[] = [];
      protected override onDataMessage(packet: HsmsPacket): void {
        this.seen.push(`S${packet.header.stream}F${packet.header.function}`);
      }
    }
    const m = manager();
    const handler = m.addPeer('tool-a', '127.0.0.2', 0, false, 0, RecordingHandler);
    expect(handler).toBeInstanceOf(RecordingHandler);
    expect(m.get('tool-a')).toBe(handler);
    handler.enable();
    await m.ready();
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2' }), (p) => p.destroy());
    await requestSelect(peer);
    peer.send(HsmsPacket.dataMessage(0, 5, 1, true, 8));
    peer.send(HsmsPacket.linktestReq(9));
    await peer.waitFor((p) => p.sType === SType.LinktestRsp);
    expect(handler.seen).toEqual(['S5F1']);
  });
});

describe('HsmsConnectionManager: removal and stop are idempotent and bounded', () => {
  it('removePeer twice at once, then again, and for a name never added', async () => {
    const m = manager();
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0).enable();
    await m.ready();
    await Promise.all([m.removePeer('tool-a'), m.removePeer('tool-a')]);
    await m.removePeer('tool-a');
    await m.removePeer('never-added');
    expect(m.has('tool-a')).toBe(false);
    expect(m.get('tool-a')).toBeUndefined();
    // the name and the address are free again
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0);
    expect(m.has('tool-a')).toBe(true);
  });

  it('stop() finishes in bounded time when the peer has vanished without closing its side', async () => {
    const unused = await RawPeer.listen();
    await unused.close(); // a port where nothing listens: the active peer keeps retrying
    const m = manager();
    const active = m.addPeer('host-side', '127.0.0.1', unused.port, true, 0);
    active.enable();
    m.addPeer('tool-a', '127.0.0.2', 0, false, 0).enable();
    await m.ready();
    // a peer that keeps its socket half-open and never answers anything once selected
    const peer = cleanup.add(await RawPeer.connect(m.listeningPort(0)!, { localAddress: '127.0.0.2', allowHalfOpen: true }), (p) =>
      p.destroy(),
    );
    await requestSelect(peer);
    await reachState(m.get('tool-a')!, HsmsState.Selected);
    const started = performance.now();
    await Promise.all([m.stop(), m.stop()]);
    await m.stop();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(m.peers).toEqual([]);
  });
});
