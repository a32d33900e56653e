// Per-peer counters over real loopback sockets: a host manager (active peer) talks to an equipment
// manager (multi-passive peer) through a known conversation, and both sides' counters must show
// exactly what crossed the wire.
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsConnectionManager,
  HsmsControlTimeoutError,
  HsmsRejectedError,
  HsmsReplyTimeoutError,
  HsmsState,
  L,
  RejectReason,
  SecsHandler,
  type SecsItem,
  SecsMessage,
  SecsStream9Error,
} from '../libs/hsms/src/core.js';
import { CALM_TIMERS, Cleanup, nextEvent, reachState, selectedActive } from './support/hsms-test-kit.js';
import { LOOPBACK } from './support/raw-peer.js';
import { zeroCounters } from './support/zero-counters.js';

/** Bytes of one frame: 4-byte length, 10-byte header, then the text. */
const frame = (textBytes = 0): number => 14 + textBytes;
const EMPTY_LIST = 2; // <L[0]>: format byte and one length byte
const S9_HEADER_BODY = 12; // <B[10]>: format byte, length byte, the 10 header bytes

const ROUND_TRIPS = 5;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The equipment side (a multi-passive peer named 'host') and the host side (active peer 'tool', plus an idle peer). */
async function twoManagers() {
  const equipmentSide = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK }), (m) => m.stop());
  const equipment = equipmentSide.addPeer<SecsHandler>({ name: 'host', address: LOOPBACK, port: 0, active: false, role: 'equipment' });
  await equipmentSide.ready();
  const port = equipmentSide.listeningPort(0)!;
  // T3 is short only on the host side, which is the side that times out here
  const hostSide = cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, t3: 1 }), (m) => m.stop());
  const host = hostSide.addPeer('tool', LOOPBACK, port, true, 0, SecsHandler);
  hostSide.addPeer('idle', LOOPBACK, 1, true, 0);
  return { equipmentSide, equipment, hostSide, host, port };
}

describe('per-peer counters', () => {
  it('match a known conversation exactly on both sides: round trips, a T3, an S9F5, a Reject and a reconnect', async () => {
    const { equipmentSide, equipment, hostSide, host } = await twoManagers();
    equipment.registerStreamFunction(1, 1, () => L());
    let releaseS1F3: ((reply: SecsItem) => void) | undefined;
    equipment.registerStreamFunction(1, 3, () => new Promise<SecsItem>((resolve) => (releaseS1F3 = resolve)));
    host.enable();
    await reachState(host, HsmsState.Selected);
    await reachState(equipment, HsmsState.Selected);

    for (let i = 0; i < ROUND_TRIPS; i++) await host.sendAndWaitForResponse(new SecsMessage(1, 1, true));

    // T3: the equipment holds its S1F4 until the host has given up, then sends it late
    const lateReply = nextEvent(host, 'message', (m) => m.sf === 'S1F4');
    await expect(host.sendAndWaitForResponse(new SecsMessage(1, 3, true, L()))).rejects.toBeInstanceOf(HsmsReplyTimeoutError);
    releaseS1F3!(L());
    await lateReply;

    // an unknown function of a known stream: the equipment answers S9F5, then S1F0
    const abort = nextEvent(host, 'message', (m) => m.sf === 'S1F0');
    await expect(host.sendAndWaitForResponse(new SecsMessage(1, 99, true))).rejects.toBeInstanceOf(SecsStream9Error);
    await abort;

    // Deselect.req and a data request leave in that order: the host is NOT SELECTED when the data arrives
    const deselected = equipment.sendDeselectReq();
    const rejected = equipment.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    await expect(rejected).rejects.toBeInstanceOf(HsmsRejectedError);
    await expect(rejected).rejects.toMatchObject({ reason: RejectReason.EntityNotSelected });
    await deselected;
    await host.sendSelectReq();
    await reachState(equipment, HsmsState.Selected);

    // the equipment separates; the active host reconnects after T5 and selects again
    const beforeReconnect = Date.now();
    const hostClosed = nextEvent(host, 'closed');
    const reselected = nextEvent(host, 'selected');
    expect(equipment.sendSeparateReq()).toBe(true);
    await hostClosed;
    await reselected;
    await reachState(equipment, HsmsState.Selected);

    const hostBytesOut = 5 * frame() + ROUND_TRIPS * frame() + frame(EMPTY_LIST) + frame(); // controls, S1F1 x5, S1F3, S1F99
    const hostBytesIn = 5 * frame() + frame() + ROUND_TRIPS * frame(EMPTY_LIST) + frame(EMPTY_LIST) + frame(S9_HEADER_BODY) + frame(); // controls, S1F1, S1F2 x5, S1F4, S9F5, S1F0
    expect(host.counters).toEqual({
      countingSince: expect.any(String),
      messagesIn: { S1F0: 1, S1F1: 1, S1F2: ROUND_TRIPS, S1F4: 1, S9F5: 1 },
      messagesOut: { S1F1: ROUND_TRIPS, S1F3: 1, S1F99: 1 },
      controlIn: { 'Select.rsp': 3, 'Deselect.req': 1, 'Separate.req': 1 },
      controlOut: { 'Select.req': 3, 'Deselect.rsp': 1, 'Reject.req': 1 },
      bytesIn: hostBytesIn,
      bytesOut: hostBytesOut,
      requestsSent: ROUND_TRIPS + 2,
      repliesReceived: ROUND_TRIPS, // the late S1F4 and the S1F0 after S9F5 found no open request
      timeouts: { t3: 1, t6: 0 },
      rejectsSent: { EntityNotSelected: 1 },
      rejectsReceived: {},
      s9Sent: {},
      s9Received: { S9F5: 1 },
      sxF0Sent: 0,
      sxF0Received: 1,
      connections: 2,
      reconnects: 1,
      selects: 3,
      disconnects: { separate: 1 },
    });
    expect(equipment.counters).toEqual({
      countingSince: expect.any(String),
      messagesIn: { S1F1: ROUND_TRIPS, S1F3: 1, S1F99: 1 },
      messagesOut: { S1F0: 1, S1F1: 1, S1F2: ROUND_TRIPS, S1F4: 1, S9F5: 1 },
      controlIn: { 'Select.req': 3, 'Deselect.rsp': 1, 'Reject.req': 1 },
      controlOut: { 'Select.rsp': 3, 'Deselect.req': 1, 'Separate.req': 1 },
      bytesIn: hostBytesOut,
      bytesOut: hostBytesIn,
      requestsSent: 1,
      repliesReceived: 0,
      timeouts: { t3: 0, t6: 0 },
      rejectsSent: {},
      rejectsReceived: { EntityNotSelected: 1 },
      s9Sent: { S9F5: 1 },
      s9Received: {},
      sxF0Sent: 1,
      sxF0Received: 0,
      connections: 2,
      reconnects: 1,
      selects: 3,
      disconnects: { local: 1 },
    });

    const hostStatus = hostSide.peerStatus();
    expect(hostStatus.map((s) => s.peer)).toEqual(['tool', 'idle']);
    expect(hostStatus[0]).toMatchObject({
      peer: 'tool',
      active: true,
      address: LOOPBACK,
      state: HsmsState.Selected,
      lastDisconnectCause: 'separate',
      pendingRequests: 0,
    });
    expect(Date.parse(hostStatus[0]!.since)).toBeGreaterThanOrEqual(beforeReconnect);
    expect(hostStatus[0]!.counters).toEqual(host.counters);
    expect(hostStatus[1]).toMatchObject({ peer: 'idle', state: HsmsState.NotConnected, lastDisconnectCause: null, pendingRequests: 0 });
    expect(hostStatus[1]!.counters).toEqual({ countingSince: expect.any(String), ...zeroCounters() });
    expect(equipmentSide.peerStatus()).toMatchObject([
      { peer: 'host', active: false, state: HsmsState.Selected, lastDisconnectCause: 'local' },
    ]);
    expect(JSON.parse(JSON.stringify(hostStatus))).toEqual(hostStatus);

    const byName = hostSide.counters();
    expect(Object.keys(byName)).toEqual(['tool', 'idle']);
    expect(byName['tool']).toEqual(host.counters);
  });

  it('start again from zero after resetCounters, while the link stays SELECTED', async () => {
    const { equipment, hostSide, host } = await twoManagers();
    equipment.registerStreamFunction(1, 1, () => L());
    host.enable();
    await reachState(host, HsmsState.Selected);
    await host.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    hostSide.resetCounters();
    expect(host.counters).toEqual({ countingSince: expect.any(String), ...zeroCounters() });
    await host.sendAndWaitForResponse(new SecsMessage(1, 1, true));
    expect(host.counters).toMatchObject({
      messagesOut: { S1F1: 1 },
      messagesIn: { S1F2: 1 },
      requestsSent: 1,
      repliesReceived: 1,
      connections: 0,
      selects: 0,
    });
    expect(host.status).toMatchObject({ state: HsmsState.Selected, pendingRequests: 0 });
  });

  it('count a T6 apart from T3, with the link it closed', async () => {
    const { handler, peer } = await selectedActive(cleanup, { t6: 0.2, t5: 60 }); // T5: no reconnect within the test
    const closed = nextEvent(handler, 'closed');
    await expect(handler.sendLinktestReq()).rejects.toBeInstanceOf(HsmsControlTimeoutError); // the raw peer never answers
    await closed;
    expect(peer.received.filter((p) => p.sType === 5)).toHaveLength(1);
    expect(handler.counters).toMatchObject({
      timeouts: { t3: 0, t6: 1 },
      controlOut: { 'Select.req': 1, 'Linktest.req': 1 },
      disconnects: { t6: 1 },
    });
    expect(handler.status).toMatchObject({ state: HsmsState.NotConnected, lastDisconnectCause: 't6', pendingRequests: 0 });
  });
});
