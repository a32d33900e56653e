// Issue 11, findings 3, 4, 5: what one host can make the equipment store or send is bounded by
// options, and past them the host gets E5's codes (PPGNT, ACKC7, DRACK, LRACK) or SxF0.
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import type { GemEquipmentHandlerOptions } from '../libs/hsms/src/gem/gem-equipment-handler.js';
import { startGemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { B, U4 } from '../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../libs/hsms/src/protocol/secs-message.js';
import {
  parseS1F12,
  parseS2F34,
  parseS2F36,
  parseS7F2,
  parseS7F4,
  parseS7F20,
  S1F11,
  S2F33,
  S2F35,
  S2F37,
  S7F1,
  S7F19,
  S7F3,
} from '../libs/hsms/src/secs/catalogue/index.js';
import { SecsAbortReplyError } from '../libs/hsms/src/secs/secs-errors.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** T3 generous: a request of a million items takes seconds on a loaded 2-core machine (a bound on time is the bench's job). */
const SLOW_T3 = { t3: 90, t5: 0.05, t6: 3, t7: 5, t8: 10, linktest: 0, connectTimeout: 2 };

async function pair(equipment: GemEquipmentHandlerOptions = {}) {
  const logger = new CaptureLogger();
  const p = cleanup.add(await startGemPair({ equipment, timers: SLOW_T3, equipmentConnection: { logger, logLevel: 'warn' } }), (x) =>
    x.dispose(),
  );
  p.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(21) });
  p.equipment.addCollectionEvent({ ceid: 100, name: 'Cycle' });
  await p.communicating();
  return { ...p, logger };
}

describe('process-program store limits (S7F1 PPGNT, S7F3 ACKC7)', () => {
  it('grants and stores within the limits and denies past them with the E5 codes, storing nothing', async () => {
    const { host, equipment } = await pair({
      processProgramLimits: { maxCount: 3, maxBytes: 1000, maxTotalBytes: 2000, maxPpidBytes: 10 },
    });
    const grant = async (ppid: string, length: number) => parseS7F2(await host.sendAndWaitForResponse(S7F1({ ppid, length })));
    const send = async (ppid: string, bytes: number) =>
      parseS7F4(await host.sendAndWaitForResponse(S7F3({ ppid, ppbody: new Uint8Array(bytes) })));

    expect(await grant('P1', 800)).toBe(0);
    expect(await grant('P'.repeat(11), 10)).toBe(3); // PPGNT 3 invalid PPID
    expect(await grant('P1', 1001)).toBe(5); // PPGNT 5 will not accept
    expect(await send('P1', 800)).toBe(0);
    expect(await send('P2', 800)).toBe(0);
    expect(await grant('P3', 800)).toBe(2); // PPGNT 2 no space: 1,600+ bytes stored, 2,000 at most
    expect(await send('P3', 800)).toBe(3); // ACKC7 3 matrix overflow
    expect(await send('P3', 1200)).toBe(2); // ACKC7 2 length error
    expect(await send('P'.repeat(11), 5)).toBe(1); // ACKC7 1 permission not granted
    expect(await send('P1', 100)).toBe(0); // replacing frees space
    expect(await send('P3', 100)).toBe(0);
    expect(await grant('P4', 1)).toBe(2); // maxCount 3
    expect(await send('P4', 1)).toBe(3);
    expect(equipment.processPrograms).toEqual(['P1', 'P2', 'P3']);
  });

  it('defaults to 1000 programs, 4 MiB each, 64 MiB in all, PPIDs of 120 bytes', async () => {
    const { host } = await pair();
    expect(parseS7F2(await host.sendAndWaitForResponse(S7F1({ ppid: 'X', length: 4 * 1024 * 1024 })))).toBe(0);
    expect(parseS7F2(await host.sendAndWaitForResponse(S7F1({ ppid: 'X', length: 4 * 1024 * 1024 + 1 })))).toBe(5);
    expect(parseS7F2(await host.sendAndWaitForResponse(S7F1({ ppid: 'X'.repeat(121), length: 1 })))).toBe(3);
  });
});

describe('replies whose size the request or the stored state sets', () => {
  it('answers S1F11 with 999,999 SVIDs with S1F0 and one warning, not a stack overflow; the link carries on', async () => {
    const { host, logger } = await pair();
    const n = 999_999;
    const body = Buffer.alloc(4 + n * 6);
    body[0] = 0x03; // L, 3 length bytes
    body.writeUIntBE(n, 1, 3);
    for (let i = 0, o = 4; i < n; i++, o += 6) {
      body[o] = 0xb1; // U4, 1 length byte
      body[o + 1] = 4;
      body.writeUInt32BE(i, o + 2);
    }
    const request = SecsMessage.fromEncoded(1, 11, true, body);
    await expect(host.sendAndWaitForResponse(request)).rejects.toBeInstanceOf(SecsAbortReplyError);
    expect(logger.find('warn', /S1F12 would hold 999999 rows \(3999997 items\) asked for, over maxReplyItems 100000/)).toHaveLength(1);
    expect(logger.find('error', /./)).toEqual([]);
    const rows = parseS1F12(await host.sendAndWaitForResponse(S1F11([1])));
    expect(rows).toMatchObject([{ svid: 1, svname: 'Temp', units: 'C' }]);
  }, 180_000);

  it('answers S7F19 with S7F0 when the PPID list would pass maxReplyItems, and S7F20 below it', async () => {
    const { host, equipment } = await pair({ maxReplyItems: 50 });
    for (let i = 0; i < 49; i++) equipment.addProcessProgram(`P${i}`, 'x');
    expect(parseS7F20(await host.sendAndWaitForResponse(S7F19()))).toHaveLength(49);
    equipment.addProcessProgram('P49', 'x');
    await expect(host.sendAndWaitForResponse(S7F19())).rejects.toBeInstanceOf(SecsAbortReplyError);
  });

  it('answers SxF0 for a reply that would pass maxMessageLength', async () => {
    const logger = new CaptureLogger();
    const p = cleanup.add(
      await startGemPair({
        equipmentConnection: { logger, logLevel: 'warn', maxMessageLength: 4096 },
        hostConnection: { maxMessageLength: 1 << 20 },
      }),
      (x) => x.dispose(),
    );
    for (let i = 0; i < 100; i++) p.equipment.addProcessProgram(`PROGRAM-${'X'.repeat(60)}-${i}`, 'x');
    await p.communicating();
    await expect(p.host.sendAndWaitForResponse(S7F19())).rejects.toBeInstanceOf(SecsAbortReplyError);
    expect(logger.find('warn', /S7F20 would hold \d+ bytes, over maxMessageLength 4096/)).toHaveLength(1);
  });
});

describe('report definitions (S2F33 DRACK, S2F35 LRACK) and reported bytes', () => {
  it('denies a report of more than maxVidsPerReport VIDs with DRACK 1', async () => {
    const { host } = await pair({ maxVidsPerReport: 1000 });
    const define = async (vids: number) =>
      parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 1, reports: [{ rptid: 7, vids: new Array<number>(vids).fill(1) }] })));
    expect(await define(1001)).toBe(1);
    expect(await define(1000)).toBe(0);
  });

  it('denies definitions past maxVidsTotal over all reports with DRACK 1, counting deletions in the same request', async () => {
    const { host } = await pair({ maxVidsTotal: 15 });
    const define = async (reports: Array<{ rptid: number; vids: number[] }>) =>
      parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 1, reports })));
    expect(await define([{ rptid: 1, vids: new Array<number>(10).fill(1) }])).toBe(0);
    expect(await define([{ rptid: 2, vids: new Array<number>(6).fill(1) }])).toBe(1); // 16 in all
    expect(
      await define([
        { rptid: 1, vids: [] },
        { rptid: 2, vids: new Array<number>(15).fill(1) },
      ]),
    ).toBe(0); // report 1 deleted first
    expect(await define([{ rptid: 3, vids: new Array<number>(16).fill(1) }])).toBe(1); // refused from its first bytes too
  });

  it('denies links that would make one event carry more than maxVidsPerEvent values with LRACK 1 (100 x 9,000 VIDs cannot be reported)', async () => {
    const { host, equipment } = await pair({ maxVidsPerReport: 9000, maxReports: 1000, maxVidsTotal: 1_000_000 });
    const reports = Array.from({ length: 100 }, (_, i) => ({ rptid: 1000 + i, vids: new Array<number>(9000).fill(1) }));
    expect(parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 1, reports })))).toBe(0);
    const link = async (rptids: number[]) =>
      parseS2F36(await host.sendAndWaitForResponse(S2F35({ dataId: 2, links: [{ ceid: 100, rptids }] })));
    expect(await link(reports.map((r) => r.rptid))).toBe(1); // 900,000 values, default maxVidsPerEvent 2000
    expect(await link([1000])).toBe(1); // 9,000
    expect(
      parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 3, reports: [{ rptid: 7, vids: new Array<number>(2000).fill(1) }] }))),
    ).toBe(0);
    expect(await link([7])).toBe(0); // 2,000
    await host.sendAndWaitForResponse(S2F37({ enable: true, ceids: [100] }));
    expect(equipment.isCollectionEventEnabled(100)).toBe(true);
  }, 180_000);

  it('does not send an S6F11 over maxEventReportBytes: resolves with reason tooLarge and warns', async () => {
    const { host, equipment, logger } = await pair({ maxEventReportBytes: 200 });
    equipment.addStatusVariable({ svid: 2, name: 'Blob', value: B(new Uint8Array(500)) });
    expect(parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 1, reports: [{ rptid: 9, vids: [2] }] })))).toBe(0);
    expect(parseS2F36(await host.sendAndWaitForResponse(S2F35({ dataId: 2, links: [{ ceid: 100, rptids: [9] }] })))).toBe(0);
    await host.sendAndWaitForResponse(S2F37({ enable: true, ceids: [100] }));
    expect(await equipment.triggerCollectionEvent(100)).toEqual({ sent: false, reason: 'tooLarge' });
    expect(logger.find('warn', /S6F11 for CEID 100 not sent: \d+ bytes, over maxEventReportBytes 200/)).toHaveLength(1);
  });
});

describe('requests too large are answered from their first bytes', () => {
  it('S2F33 with a report over maxVidsPerReport gets DRACK 1 without the body being decoded', async () => {
    const { host } = await pair({ maxVidsPerReport: 10 });
    const request = S2F33({
      dataId: 1,
      reports: [
        { rptid: 1, vids: [1] },
        { rptid: 2, vids: new Array<number>(11).fill(1) },
      ],
    });
    // say three reports where two follow: decoding this body fails (S9F7 + S2F0), so DRACK 1 proves nobody decoded it
    const body = Buffer.from(request.encodeBody());
    const reportsAt = 2 + 2 + body[3]!;
    expect(body[reportsAt + 1]).toBe(2);
    body[reportsAt + 1] = 3;
    expect(parseS2F34(await host.sendAndWaitForResponse(SecsMessage.fromEncoded(2, 33, true, body)))).toBe(1);
    expect(
      parseS2F34(await host.sendAndWaitForResponse(S2F33({ dataId: 1, reports: [{ rptid: 2, vids: new Array<number>(10).fill(1) }] }))),
    ).toBe(0);
  });

  it('S1F11 asking for more rows than maxReplyItems allows gets S1F0 without the body being decoded', async () => {
    const { host } = await pair({ maxReplyItems: 40 });
    const s9: number[] = [];
    host.on('s9Received', (fn) => s9.push(fn));
    const ten = S1F11(Array.from({ length: 10 }, (_, i) => i)).encodeBody();
    const claimed = Buffer.from(ten);
    claimed[1] = 200; // 200 SVIDs claimed, 10 present: decoding fails, the screen does not decode
    await expect(host.sendAndWaitForResponse(SecsMessage.fromEncoded(1, 11, true, claimed))).rejects.toBeInstanceOf(SecsAbortReplyError);
    expect(parseS1F12(await host.sendAndWaitForResponse(S1F11(Array.from({ length: 9 }, (_, i) => i))))).toHaveLength(9); // 37 items
    expect(s9).toEqual([]); // a decode would have failed with S9F7 (illegal data) before S1F0
  });
});
