import { describe, expect, it } from 'vitest';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import type { HsmsRequestInfo } from './hsms-errors.js';
import { PendingRequests } from './pending-requests.js';

class TestTimeoutError extends Error {}
const LONG = { ms: 60_000, error: (r: HsmsRequestInfo) => new TestTimeoutError(`timeout ${r.system}`) };

describe('PendingRequests', () => {
  it('resolves the request of the right kind with the reply and forgets it', async () => {
    const table = new PendingRequests();
    const reply = table.open({ kind: 'linktest', system: 7, label: 'Linktest.req' }, LONG);
    const rsp = HsmsPacket.linktestRsp(7);
    expect(table.resolve(7, 'linktest', rsp)).toBe(true);
    await expect(reply).resolves.toBe(rsp);
    expect(table.has(7)).toBe(false);
    expect(table.resolve(7, 'linktest', rsp)).toBe(false);
  });

  it('does not settle a request with a reply of another kind', async () => {
    const table = new PendingRequests();
    const reply = table.open({ kind: 'select', system: 3, label: 'Select.req' }, LONG);
    expect(table.resolve(3, 'linktest', HsmsPacket.linktestRsp(3))).toBe(false);
    expect([table.isOpen(3, 'select'), table.isOpen(3, 'linktest')]).toEqual([true, false]);
    table.rejectAll(() => new Error('closed'));
    await expect(reply).rejects.toThrow('closed');
  });

  it('starts timers on the tick after open: a synchronous stretch before it is not taken from the timeout', async () => {
    const table = new PendingRequests();
    const failedAt: number[] = [];
    const started = performance.now();
    const requests = [1, 2, 3].map((system) =>
      table.open({ kind: 'data', system, label: 'S1F1 W' }, { ms: 40, error: LONG.error }).catch(() => failedAt.push(performance.now())),
    );
    const busyUntil = started + 60; // longer than the timeout, before the tick that stamps them
    while (performance.now() < busyUntil); // bounded: 60 ms
    await Promise.all(requests);
    expect(failedAt).toHaveLength(3);
    for (const at of failedAt) expect(at - busyUntil).toBeGreaterThanOrEqual(39); // 40 ms from the stamp, give or take the clock's rounding
    expect(table.size).toBe(0);
  });

  it('fails a request on its timer, then runs the after-hook once', async () => {
    const table = new PendingRequests();
    const after: number[] = [];
    const reply = table.open(
      { kind: 'data', system: 9, label: 'S1F1 W' },
      { ms: 10, error: LONG.error, after: (r) => after.push(r.system) },
    );
    await expect(reply).rejects.toBeInstanceOf(TestTimeoutError);
    expect(after).toEqual([9]);
    expect(table.size).toBe(0);
  });

  it('times out each request at its own deadline with one shared timer, whatever was answered before', async () => {
    const table = new PendingRequests();
    const failed: number[] = [];
    const timeout = (ms: number) => ({ ms, error: LONG.error, after: (r: HsmsRequestInfo) => failed.push(r.system) });
    const started = performance.now();
    const first = table.open({ kind: 'data', system: 1, label: 'S1F1 W' }, timeout(40)); // the timer is armed for this one
    const late = table.open({ kind: 'data', system: 2, label: 'S1F1 W' }, timeout(60));
    const early = table.open({ kind: 'linktest', system: 3, label: 'Linktest.req' }, timeout(20)); // re-arms earlier
    expect(table.resolve(1, 'data', HsmsPacket.dataMessage(0, 1, 2, false, 1))).toBe(true);
    await first;
    await expect(early).rejects.toBeInstanceOf(TestTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await expect(late).rejects.toBeInstanceOf(TestTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
    expect(failed).toEqual([3, 2]);
    expect(table.size).toBe(0);
  });

  it('resolves with the converted reply, and fails the request if the converter throws', async () => {
    const table = new PendingRequests();
    const converted = table.open({ kind: 'data', system: 4, label: 'S1F1 W' }, LONG, (packet) => packet.header.function);
    const broken = table.open({ kind: 'data', system: 5, label: 'S1F1 W' }, LONG, () => {
      throw new TestTimeoutError('bad reply');
    });
    expect(table.resolve(4, 'data', HsmsPacket.dataMessage(0, 1, 2, false, 4))).toBe(true);
    expect(table.resolve(5, 'data', HsmsPacket.dataMessage(0, 1, 2, false, 5))).toBe(true);
    await expect(converted).resolves.toBe(2);
    await expect(broken).rejects.toThrow('bad reply');
    expect(table.size).toBe(0);
  });

  it('settles exactly once: a reply after reject is refused', async () => {
    const table = new PendingRequests();
    const reply = table.open({ kind: 'data', system: 1, label: 'S1F1 W' }, LONG);
    expect(table.reject(1, (r) => new Error(`rejected ${r.label}`))?.system).toBe(1);
    expect(table.resolve(1, 'data', HsmsPacket.dataMessage(0, 1, 2, false, 1))).toBe(false);
    expect(table.reject(1, () => new Error('again'))).toBeUndefined();
    await expect(reply).rejects.toThrow('rejected S1F1 W');
  });

  it('rejectAll fails every open request and leaves the table empty', async () => {
    const table = new PendingRequests();
    const replies = [1, 2, 3].map((system) => table.open({ kind: 'data', system, label: `#${system}` }, LONG));
    table.rejectAll((r) => new Error(`closed ${r.label}`));
    const results = await Promise.allSettled(replies);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'resolved'))).toEqual([
      'closed #1',
      'closed #2',
      'closed #3',
    ]);
    expect(table.size).toBe(0);
  });
});
