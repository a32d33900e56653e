import { afterEach, describe, expect, it, vi } from 'vitest';
import { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { RejectReason } from '../protocol/hsms/s-type.js';
import { zeroCounters } from '../../../../test/support/zero-counters.js';
import { PeerCounters } from './peer-counters.js';

const data = (stream: number, fn: number, wBit = false, bodyBytes = 0): HsmsPacket =>
  HsmsPacket.dataMessage(0, stream, fn, wBit, 1, Buffer.alloc(bodyBytes));
const rejectOf = (reason: number): HsmsPacket => HsmsPacket.rejectReq(HsmsHeader.data(0, 1, 1, true, 5), reason);

afterEach(() => {
  vi.useRealTimers();
});

describe('PeerCounters', () => {
  it('counts data messages by SxFy, in stream/function order, with whole-frame bytes', () => {
    const counters = new PeerCounters();
    for (const packet of [data(6, 11, true, 20), data(1, 1, true), data(1, 1, true), data(1, 2)]) counters.received(packet);
    const snapshot = counters.snapshot();
    expect(snapshot.messagesIn).toEqual({ S1F1: 2, S1F2: 1, S6F11: 1 });
    expect(Object.keys(snapshot.messagesIn)).toEqual(['S1F1', 'S1F2', 'S6F11']);
    expect(snapshot.bytesIn).toBe(4 * 14 + 20);
    expect(snapshot.messagesOut).toEqual({});
    expect(snapshot.bytesOut).toBe(0);
  });

  it('counts W-bit data messages sent as requests, and nothing else', () => {
    const counters = new PeerCounters();
    for (const packet of [data(1, 1, true), data(1, 2), data(9, 5), HsmsPacket.linktestReq(3)]) counters.sent(packet);
    expect(counters.snapshot()).toMatchObject({
      requestsSent: 1,
      messagesOut: { S1F1: 1, S1F2: 1, S9F5: 1 },
      controlOut: { 'Linktest.req': 1 },
    });
  });

  it('names control messages and unknown STypes', () => {
    const counters = new PeerCounters();
    const unknown = new HsmsPacket(new HsmsHeader(0xffff, 0, 0, 0, 8, 4));
    for (const packet of [HsmsPacket.selectReq(1), HsmsPacket.selectRsp(1), HsmsPacket.separateReq(2), unknown, HsmsPacket.selectReq(3)])
      counters.received(packet);
    expect(counters.snapshot().controlIn).toEqual({ 'Select.req': 2, 'Select.rsp': 1, 'SType 8': 1, 'Separate.req': 1 });
  });

  it('counts Reject.req by reason in both directions, naming codes E37 does not define by number', () => {
    const counters = new PeerCounters();
    counters.sent(rejectOf(RejectReason.EntityNotSelected));
    counters.sent(rejectOf(RejectReason.EntityNotSelected));
    counters.received(rejectOf(RejectReason.TransactionNotOpen));
    counters.received(rejectOf(9));
    const snapshot = counters.snapshot();
    expect(snapshot.rejectsSent).toEqual({ EntityNotSelected: 2 });
    expect(snapshot.rejectsReceived).toEqual({ TransactionNotOpen: 1, 'reason 9': 1 });
    expect(snapshot.controlOut).toEqual({ 'Reject.req': 2 });
  });

  it('reports S9 messages by function and SxF0 across streams from the data counts', () => {
    const counters = new PeerCounters();
    for (const packet of [data(9, 5, false, 12), data(9, 5, false, 12), data(9, 1, false, 12), data(1, 0), data(6, 0)])
      counters.sent(packet);
    counters.received(data(9, 9, false, 12));
    counters.received(data(2, 0));
    const snapshot = counters.snapshot();
    expect(snapshot.s9Sent).toEqual({ S9F1: 1, S9F5: 2 });
    expect(snapshot.s9Received).toEqual({ S9F9: 1 });
    expect(snapshot.sxF0Sent).toBe(2);
    expect(snapshot.sxF0Received).toBe(1);
  });

  it('derives reconnects from connections and counts disconnects by cause', () => {
    const counters = new PeerCounters();
    expect(counters.snapshot().reconnects).toBe(0);
    counters.connections = 3;
    counters.disconnected('remote');
    counters.disconnected('t7');
    counters.disconnected('remote');
    expect(counters.snapshot()).toMatchObject({ connections: 3, reconnects: 2, disconnects: { remote: 2, t7: 1 } });
  });

  it('counts the same message kind again after a reset, and interleaved kinds each their own', () => {
    const counters = new PeerCounters();
    counters.received(data(1, 1, true));
    counters.sentData(1, 2, false, 20);
    counters.reset();
    for (const [s, f] of [
      [1, 1],
      [1, 1],
      [6, 11],
      [1, 1],
    ] as const)
      counters.received(data(s, f, f % 2 === 1));
    counters.sentData(1, 2, false, 20);
    counters.sentData(6, 12, false, 15);
    counters.sentData(1, 2, false, 20);
    const snapshot = counters.snapshot();
    expect(snapshot.messagesIn).toEqual({ S1F1: 3, S6F11: 1 });
    expect(snapshot.messagesOut).toEqual({ S1F2: 2, S6F12: 1 });
    expect(snapshot.bytesOut).toBe(55);
  });

  it('starts from zero again on reset, with a new countingSince', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-02T03:04:05.000Z'));
    const counters = new PeerCounters();
    counters.received(data(1, 1, true));
    counters.sent(rejectOf(1));
    counters.t3Timeouts = counters.t6Timeouts = counters.selects = counters.repliesReceived = counters.connections = 1;
    counters.disconnected('local');
    vi.setSystemTime(new Date('2026-01-02T04:00:00.000Z'));
    counters.reset();
    expect(counters.snapshot()).toEqual({ countingSince: '2026-01-02T04:00:00.000Z', ...zeroCounters() });
  });

  it('gives a snapshot that survives JSON unchanged and does not follow later counts', () => {
    const counters = new PeerCounters();
    counters.received(data(1, 1, true));
    const snapshot = counters.snapshot();
    counters.received(data(1, 1, true));
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.messagesIn).toEqual({ S1F1: 1 });
    expect(counters.snapshot().messagesIn).toEqual({ S1F1: 2 });
  });
});
