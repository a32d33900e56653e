// Every primary of E30's additional capabilities that a host sends gets its proper secondary from
// our equipment (never S9F5 or SxF0), driven by our host's typed calls over loopback; and the
// equipment-initiated ones (S6F5, S7F1/S7F3, S7F5, S9F13) reach our host.
import { afterEach, describe, expect, it } from 'vitest';
import { A, B, DEFAULT_STANDARD_IDS as IDS, L, parseS5F6, SecsMessage, U4 } from '../libs/hsms/src/core.js';
import { nextEvent, startGemPair, type GemPairOptions } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function pair(options: GemPairOptions = {}) {
  const p = cleanup.add(await startGemPair(options), (x) => x.dispose());
  p.equipment.addStatusVariable({ svid: 1, name: 'Temp', unit: 'C', value: U4(21) });
  p.equipment.addDataValue({ dvid: 50, name: 'LotId', unit: '', value: A('LOT-1') });
  p.equipment.addCollectionEvent({ ceid: 100, name: 'LotStart', dataValues: [50] });
  p.equipment.addAlarm({ alid: 7, text: 'Hot' });
  await p.communicating();
  return p;
}

describe('additional-capability primaries from the host', () => {
  it('S1F21/S1F23 name lists', async () => {
    const p = await pair();
    const lists = await p.host.requestNameLists([50, 99], [100]);
    expect(lists.dataVariables).toEqual([
      { vid: 50, name: 'LotId', units: '' },
      { vid: 99, name: '', units: '' },
    ]);
    expect(lists.collectionEvents).toEqual([{ ceid: 100, name: 'LotStart', vids: [50] }]);
    const all = await p.host.requestNameLists();
    expect(all.collectionEvents.map((e) => e.ceid)).toContain(IDS.SpoolingActivated);
  });

  it('S6F19/S6F21 individual and annotated reports', async () => {
    const p = await pair();
    await p.host.subscribeCollectionEvent(100, [1, 50], { rptid: 5 });
    const values = await p.host.requestIndividualReport(5);
    expect(values.map((v) => v.toSml())).toEqual([U4(21).toSml(), A('LOT-1').toSml()]);
    const annotated = await p.host.requestAnnotatedReport(5);
    expect(annotated.map((v) => v.vid)).toEqual([1, 50]);
    expect(await p.host.requestIndividualReport(77)).toEqual([]);
  });

  it('S2F49 enhanced remote command, HCACK 4 and the RemoteCommandCompleted event', async () => {
    const p = await pair();
    const seen: Array<{ objspec: string | undefined; lots: string }> = [];
    p.equipment.addRemoteCommand('START', (params, request) => {
      seen.push({ objspec: request.objspec, lots: params['LOTS']!.toSml() });
      return 4;
    });
    await p.host.subscribeCollectionEvent(IDS.RemoteCommandCompleted, [IDS.RcmdName, IDS.RcmdResult]);
    const reply = await p.host.sendEnhancedRemoteCommand({
      rcmd: 'START',
      objspec: 'PM1',
      params: [{ cpname: 'LOTS', cepval: L(A('L1'), A('L2')) }],
    });
    expect(reply).toEqual({ hcack: 4, params: [] });
    expect(seen).toEqual([{ objspec: 'PM1', lots: L(A('L1'), A('L2')).toSml() }]);
    const completed = nextEvent(p.host, 'collectionEvent', (e) => e.ceid === IDS.RemoteCommandCompleted);
    await p.equipment.completeRemoteCommand('START', 0);
    expect((await completed)[0].reports[0]!.values[0]!.equals(A('START'))).toBe(true);
    expect((await p.host.sendEnhancedRemoteCommand({ rcmd: 'NOPE' })).hcack).toBe(1);
  });

  it('S2F39 multi-block inquire, granted, then S2F49 when the body is large; GRANT 2 beyond the limit', async () => {
    const p = await pair({ host: { multiBlockInquireBytes: 100 }, equipment: { maxMultiBlockBytes: 100_000 } });
    p.equipment.addRemoteCommand('LOAD', () => 0);
    const sent: string[] = [];
    p.equipment.on('primary', (m) => sent.push(m.sf));
    const big = A('x'.repeat(500));
    expect((await p.host.sendEnhancedRemoteCommand({ rcmd: 'LOAD', params: [{ cpname: 'DATA', cepval: big }] })).hcack).toBe(0);
    expect(sent).toEqual(['S2F39', 'S2F49']);
    expect(await p.host.inquireMultiBlock(9, 200_000)).toBe(2);
  });

  it('S9F13 when the message a multi-block grant announced does not come within the conversation timeout', async () => {
    const p = await pair({ equipment: { conversationTimeout: 0.05 } });
    const timeout = nextEvent(p.host, 's9Received', (fn) => fn === 13);
    expect(await p.host.inquireMultiBlock(42, 1000)).toBe(0);
    const [, , message] = await timeout;
    expect(message.body!.equals(L(A('S02F00'), U4(42)))).toBe(true);
    expect(await p.host.inquireMultiBlock(43, 1000)).toBe(0);
    expect(await p.host.inquireMultiBlock(43, 1000)).toBe(3); // still waiting for its message: duplicate DATAID
    // the announced message settles the grant: the DATAID is free again at once
    p.equipment.addRemoteCommand('GO', () => 0);
    await p.host.sendEnhancedRemoteCommand({ rcmd: 'GO', dataId: 43 });
    expect(await p.host.inquireMultiBlock(43, 1000)).toBe(0);
  });

  it('S10F5 multi-block display and S10F9 broadcast reach the operator', async () => {
    const p = await pair();
    const shown: string[] = [];
    p.equipment.on('terminalDisplay', (m) => shown.push(`${m.tid}:${m.text}`));
    expect(await p.host.sendTerminalDisplayMultiBlock(1, ['line 1', 'line 2'])).toBe(0);
    expect(await p.host.sendBroadcast('all stop')).toBe(0);
    expect(shown).toEqual(['1:line 1\nline 2', '0:all stop']);
  });

  it('accepts S5F5 with the ALIDs as a list of items (secsgem), as a vector would be', async () => {
    const p = await pair();
    const reply = await p.host.sendRequest(new SecsMessage(5, 5, true, L(U4(7))));
    expect(parseS5F6(reply).map((a) => a.alid)).toEqual([7]);
  });

  it('answers every listed primary with its secondary, never an abort or S9', async () => {
    const p = await pair();
    const s9: number[] = [];
    p.host.on('s9Received', (fn) => s9.push(fn));
    await p.host.subscribeCollectionEvent(100, [1], { rptid: 5 });
    // each call parses the reply as the catalogue's secondary, so an SxF0 or S9 would reject it
    const replies: Record<string, Promise<unknown>> = {
      'S1F21+S1F23': p.host.requestNameLists(),
      S6F19: p.host.requestIndividualReport(5),
      S6F21: p.host.requestAnnotatedReport(5),
      S2F23: p.host.startTrace({ periodMs: 60_000, totalSamples: 1, svids: [1] }).then((t) => t.stop()),
      S2F39: p.host.inquireMultiBlock(1, 10),
      S2F43: p.host.resetSpooling([{ stream: 6, functions: [11] }]),
      S2F45: p.host.defineLimits([]),
      S2F47: p.host.requestLimitAttributes(),
      S2F49: p.host.sendEnhancedRemoteCommand({ rcmd: 'X' }),
      'S6F23 transmit': p.host.requestSpooledData(),
      'S6F23 purge': p.host.purgeSpool(),
      S10F5: p.host.sendTerminalDisplayMultiBlock(0, ['a']),
      S10F9: p.host.sendBroadcast('b'),
    };
    const settled = await Promise.allSettled(Object.values(replies));
    expect(Object.keys(replies).filter((_, i) => settled[i]!.status === 'rejected')).toEqual([]);
    expect(s9).toEqual([]);
  });
});

describe('equipment-initiated primaries', () => {
  it('S6F5 multi-block inquire before a large S6F11, granted by the host', async () => {
    const p = await pair({ equipment: { multiBlockInquireBytes: 50 } });
    p.equipment.addStatusVariable({ svid: 2, name: 'Big', value: A('y'.repeat(200)) });
    await p.host.subscribeCollectionEvent(100, [2]);
    const primaries: string[] = [];
    p.host.on('primary', (m) => primaries.push(m.sf));
    expect(await p.equipment.triggerCollectionEvent(100)).toMatchObject({ sent: true, ack: 0 });
    expect(primaries).toEqual(['S6F5', 'S6F11']);
  });

  it('S7F1/S7F3 upload to the host and S7F5 request from the host', async () => {
    const p = await pair();
    p.equipment.addProcessProgram('RCP-1', 'STEP 1');
    const received = nextEvent(p.host, 'processProgramReceived');
    expect(await p.equipment.sendProcessProgramToHost('RCP-1')).toEqual({ ppgnt: 0, ackc7: 0 });
    const [program] = await received;
    expect(program.ppid).toBe('RCP-1');
    expect(program.body.equals(B(...Buffer.from('STEP 1', 'latin1'))) || program.body.equals(A('STEP 1'))).toBe(true);

    expect(await p.equipment.requestProcessProgramFromHost('RCP-2')).toBeUndefined(); // the host has none: empty S7F6
    p.host.setProcessProgramProvider((ppid) => (ppid === 'RCP-2' ? 'STEP 2' : undefined));
    const stored = await p.equipment.requestProcessProgramFromHost('RCP-2');
    expect(stored?.ppid).toBe('RCP-2');
    expect(p.equipment.processPrograms).toContain('RCP-2');
  });

  it("still reports an uploaded program and trace data when the host's application answers S7F3 and S6F1 itself", async () => {
    const p = await pair();
    p.equipment.addProcessProgram('RCP-3', 'STEP 3');
    p.host.registerStreamFunction(7, 3, () => B(5)); // ACKC7 5: our own answer, not GEM's 0
    p.host.registerStreamFunction(6, 1, () => B(0));
    const received = nextEvent(p.host, 'processProgramReceived');
    expect(await p.equipment.sendProcessProgramToHost('RCP-3')).toEqual({ ppgnt: 0, ackc7: 5 });
    expect((await received)[0].ppid).toBe('RCP-3');

    p.equipment.addStatusVariable({ svid: 70, name: 'Pressure', value: U4(3) });
    const trace = nextEvent(p.host, 'traceData');
    await p.host.startTrace({ periodMs: 20, totalSamples: 1, svids: [70] });
    const [report] = await trace;
    expect(report.samples).toEqual([[U4(3)]]);
  });
});
