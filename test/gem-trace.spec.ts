// E30 trace data collection over loopback: our host starts a trace (S2F23), our equipment samples
// its SVs every DSPER and sends REPGSZ samples per S6F1 until TOTSMP; TIAACK for bad requests.
import { afterEach, describe, expect, it } from 'vitest';
import { A, GemRequestDeniedError, parseS2F24, S2F23, type SecsItem, type TraceReport, U4 } from '../libs/hsms/src/core.js';
import { startGemPair, type GemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** SV 1 counts its own reads; SV 2 is fixed text. */
async function tracingPair(): Promise<GemPair> {
  const p = cleanup.add(await startGemPair(), (x) => x.dispose());
  let reads = 0;
  p.equipment.addStatusVariable({ svid: 1, name: 'Reads', value: () => U4(++reads) });
  p.equipment.addStatusVariable({ svid: 2, name: 'State', value: A('RUN') });
  await p.communicating();
  return p;
}

function reportsOf(p: GemPair, count: number, timeoutMs = 5000): Promise<TraceReport[]> {
  const reports: TraceReport[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${reports.length} of ${count} trace reports`)), timeoutMs);
    const listener = (report: TraceReport): void => {
      reports.push(report);
      if (reports.length === count) {
        clearTimeout(timer);
        p.host.off('traceData', listener);
        resolve(reports);
      }
    };
    p.host.on('traceData', listener);
  });
}

const numberOf = (item: SecsItem | undefined): number => Number(item !== undefined && 'values' in item ? item.values[0] : Number.NaN);

describe('trace data collection', () => {
  it('sends TOTSMP samples, REPGSZ per S6F1, each sample holding the SVs in order', async () => {
    const p = await tracingPair();
    const received = reportsOf(p, 3);
    const trace = await p.host.startTrace({ periodMs: 20, totalSamples: 6, groupSize: 2, svids: [1, 2] });
    const reports = await received;
    expect(reports.map((r) => r.trid)).toEqual([trace.trid, trace.trid, trace.trid]);
    expect(reports.map((r) => r.smpln)).toEqual([2, 4, 6]);
    expect(reports.every((r) => /^\d{16}$/.test(r.stime))).toBe(true);
    const samples = reports.flatMap((r) => r.samples);
    expect(samples.map((s) => s.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(samples.map((s) => numberOf(s[0]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(samples.every((s) => s[1]!.equals(A('RUN')))).toBe(true);
  });

  it('sends a smaller last group when TOTSMP is not a multiple of REPGSZ', async () => {
    const p = await tracingPair();
    const received = reportsOf(p, 3);
    await p.host.startTrace({ trid: 9, periodMs: 10, totalSamples: 5, groupSize: 2, svids: [1] });
    expect((await received).map((r) => [r.smpln, r.samples.length])).toEqual([
      [2, 2],
      [4, 2],
      [5, 1],
    ]);
  });

  it('stops a trace with TOTSMP 0 and reports through the handle', async () => {
    const p = await tracingPair();
    const trace = await p.host.startTrace({ periodMs: 10, totalSamples: 100_000, svids: [1] });
    const first = new Promise<TraceReport>((resolve) => {
      const off = trace.onReport((report) => {
        off();
        resolve(report);
      });
    });
    expect((await first).smpln).toBe(1);
    await trace.stop();
    // a stopped TRID can be stopped again (TOTSMP 0 is always accepted)
    await expect(p.host.stopTrace(trace.trid)).resolves.toBeUndefined();
  });

  it('refuses bad requests with their TIAACK', async () => {
    const p = await tracingPair();
    await expect(p.host.startTrace({ periodMs: 10, totalSamples: 5, svids: [99] })).rejects.toMatchObject({ ackName: 'TIAACK', ack: 4 });
    await expect(p.host.startTrace({ periodMs: 10, totalSamples: 5, groupSize: 0, svids: [1] })).rejects.toBeInstanceOf(
      GemRequestDeniedError,
    );
    const badPeriod = await p.host.sendRequest(S2F23({ trid: 1, dsper: '006100', totsmp: 1, repgsz: 1, svids: [1] }));
    expect(parseS2F24(badPeriod)).toBe(3);
    const handles = [];
    for (let i = 0; i < 16; i++) handles.push(await p.host.startTrace({ periodMs: 60_000, totalSamples: 1, svids: [2] }));
    await expect(p.host.startTrace({ periodMs: 60_000, totalSamples: 1, svids: [2] })).rejects.toMatchObject({ ack: 2 });
    for (const h of handles) await h.stop();
  });
});
