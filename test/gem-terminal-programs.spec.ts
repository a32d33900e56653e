// Terminal services (S10F1, S10F3) both ways and process programs (S7F1, S7F3, S7F5, S7F17,
// S7F19) between a host and an equipment of this library over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { A, B, type ProcessProgramChange, type TerminalMessage } from '../libs/hsms/src/core.js';
import { startGemPair } from '../libs/hsms/src/gem/testing/gem-pair.js';
import { Cleanup } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function communicatingPair() {
  const p = cleanup.add(await startGemPair(), (x) => x.dispose());
  await p.communicating();
  return p;
}

describe('terminal services', () => {
  it('shows the host S10F3 to the operator (terminalDisplay) and answers ACKC10 0', async () => {
    const { host, equipment } = await communicatingPair();
    const shown: TerminalMessage[] = [];
    equipment.on('terminalDisplay', (m) => shown.push(m));
    expect(await host.sendTerminalDisplay(1, 'Please load lot 7')).toBe(0);
    expect(shown).toEqual([{ tid: 1, text: 'Please load lot 7' }]);
  });

  it('answers ACKC10 2 (terminal not available) when nothing listens for terminalDisplay', async () => {
    const { host } = await communicatingPair();
    expect(await host.sendTerminalDisplay(0, 'anyone?')).toBe(2);
  });

  it('sends the operator request S10F1 to the host (terminalMessage) and resolves with ACKC10', async () => {
    const { host, equipment } = await communicatingPair();
    const received: TerminalMessage[] = [];
    host.on('terminalMessage', (m) => received.push(m));
    expect(await equipment.sendTerminalMessage(0, 'Need a recipe')).toBe(0);
    expect(received).toEqual([{ tid: 0, text: 'Need a recipe' }]);
  });

  it('gets ACKC10 2 from a host that does not listen for terminalMessage', async () => {
    const { equipment } = await communicatingPair();
    expect(await equipment.sendTerminalMessage(3, 'hello?')).toBe(2);
  });
});

describe('process programs', () => {
  it('lists the stored PPIDs with S7F19 and deletes them with S7F17 (ACKC7 0)', async () => {
    const { host, equipment } = await communicatingPair();
    equipment.addProcessProgram('ETCH-A', 'step1;step2');
    equipment.addProcessProgram('ETCH-B', new Uint8Array([1, 2, 3]));
    equipment.addProcessProgram('ETCH-C', 'c');
    expect(await host.listProcessPrograms()).toEqual(['ETCH-A', 'ETCH-B', 'ETCH-C']);
    const changes: ProcessProgramChange[] = [];
    equipment.on('processProgramChanged', (c) => changes.push(c));
    expect(await host.deleteProcessPrograms(['ETCH-B'])).toBe(0);
    expect(await host.listProcessPrograms()).toEqual(['ETCH-A', 'ETCH-C']);
    expect(changes).toEqual([{ ppid: 'ETCH-B', change: 'deleted' }]);
  });

  it('refuses S7F17 with ACKC7 4 when one PPID is unknown and deletes none; no PPIDs deletes all', async () => {
    const { host, equipment } = await communicatingPair();
    equipment.addProcessProgram('P1', 'x');
    equipment.addProcessProgram('P2', 'y');
    expect(await host.deleteProcessPrograms(['P1', 'NOPE'])).toBe(4);
    expect(await host.listProcessPrograms()).toEqual(['P1', 'P2']);
    expect(await host.deleteProcessPrograms()).toBe(0);
    expect(await host.listProcessPrograms()).toEqual([]);
  });

  it('stores a program sent with S7F1 + S7F3 and gives it back with S7F5; an unknown PPID gets an empty list', async () => {
    const { host, equipment } = await communicatingPair();
    const stored = new Promise<ProcessProgramChange>((resolve) => equipment.once('processProgramChanged', resolve));
    expect(await host.sendProcessProgram('NEW', new Uint8Array([9, 8, 7]))).toEqual({ ppgnt: 0, ackc7: 0 });
    expect(await stored).toEqual({ ppid: 'NEW', change: 'stored' });
    expect(equipment.processPrograms).toEqual(['NEW']);
    const program = await host.requestProcessProgram('NEW');
    expect(program?.ppid).toBe('NEW');
    expect(program?.ppbody.equals(B(9, 8, 7))).toBe(true);
    expect(await host.requestProcessProgram('MISSING')).toBeUndefined();
    equipment.addProcessProgram('TEXT', 'recipe body');
    expect((await host.requestProcessProgram('TEXT'))?.ppbody.equals(A('recipe body'))).toBe(true);
  });
});
