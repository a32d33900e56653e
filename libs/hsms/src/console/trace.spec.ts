import { describe, expect, it } from 'vitest';
import { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { A, B, L } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { TraceEntry, type TracePrintLimits } from './trace-entry.js';
import { matchesTrace, parseTraceFilter, TraceFilterError } from './trace-filter.js';
import { TraceRing } from './trace-ring.js';

const LIMITS: TracePrintLimits = { print: { maxValues: 4, maxLength: 400 }, maxBodyBytes: 1000 };
const data = (message: SecsMessage, system = 1): HsmsPacket => message.toPacket(0, system);
let nextId = 0;
const entry = (packet: HsmsPacket, peer = 'tool-1', direction: 'in' | 'out' = 'in', limits = LIMITS): TraceEntry =>
  new TraceEntry(++nextId, peer, direction, packet, limits);

describe('trace entries', () => {
  it('print a data message as SML with its label, system bytes and size', () => {
    const record = entry(data(new SecsMessage(1, 13, true, L(A('MDLN'), A('1.0'))), 0x1234)).toJSON();
    expect(record).toMatchObject({
      label: 'S1F13 W',
      sf: 'S1F13',
      stream: 1,
      function: 13,
      wBit: true,
      system: '00001234',
      direction: 'in',
    });
    expect(record.sml).toBe('S1F13 W\n<L [2]\n  <A "MDLN">\n  <A "1.0">\n>\n.');
  });

  it('keep a control message by name, without SML', () => {
    const record = entry(HsmsPacket.linktestReq(7)).toJSON();
    expect(record).toMatchObject({ label: 'Linktest.req', sf: null, sml: null, wBit: false });
  });

  it('cap what they print: values per item, total length, and bodies over the size limit are not decoded', () => {
    const many = entry(data(new SecsMessage(6, 11, true, L(...Array.from({ length: 50 }, (_, i) => A(`v${i}`)))))).toJSON();
    expect(many.sml).toContain('46 more');
    const big = entry(data(new SecsMessage(7, 3, true, B(new Uint8Array(5000))))).toJSON();
    expect(big.sml).toMatch(/^S7F3 W\n\/\/ body of \d+ bytes not shown \(the console decodes bodies up to 1000 bytes\)\n\.$/);
    const long = entry(data(new SecsMessage(6, 11, true, L(A('x'.repeat(900))))), 'p', 'in', {
      print: { maxLength: 200 },
      maxBodyBytes: 10_000,
    }).toJSON();
    expect(long.sml!.length).toBeLessThan(300);
    expect(long.sml).toContain('truncated');
  });

  it('print a body that does not decode as a comment instead of throwing', () => {
    const broken = HsmsPacket.dataMessage(0, 1, 3, true, 9, Buffer.from([0x01, 0x05])); // a list of 5 with nothing in it
    expect(entry(broken).toJSON().sml).toMatch(/^S1F3 W\n\/\/ body of 2 bytes does not decode/);
  });
});

describe('the trace ring', () => {
  it('keeps the last `capacity` entries, oldest first, replays after an id, and tells its listeners', () => {
    const ring = new TraceRing(3);
    const added = Array.from({ length: 5 }, () => entry(HsmsPacket.linktestReq(1)));
    const seen: number[] = [];
    const unlisten = ring.listen((e) => seen.push(e.id));
    for (const e of added) ring.add(e);
    expect(ring.entries().map((e) => e.id)).toEqual(added.slice(2).map((e) => e.id));
    expect(ring.entries(added[3]!.id).map((e) => e.id)).toEqual([added[4]!.id]);
    expect(seen).toEqual(added.map((e) => e.id));
    unlisten();
    ring.add(entry(HsmsPacket.linktestReq(1)));
    expect(seen).toHaveLength(5);
    expect(ring.size).toBe(3);
  });
});

describe('trace filters', () => {
  const q = (text: string) => parseTraceFilter(new URLSearchParams(text));
  const s6f11 = entry(data(new SecsMessage(6, 11, true)), 'etcher-1', 'in');
  const s6f12 = entry(data(new SecsMessage(6, 12, false)), 'etcher-1', 'out');
  const s1f1 = entry(data(new SecsMessage(1, 1, true)), 'litho-1', 'out');
  const linktest = entry(HsmsPacket.linktestReq(3), 'litho-1', 'in');
  const pick = (text: string) => [s6f11, s6f12, s1f1, linktest].filter((e) => matchesTrace(q(text), e)).map((e) => e.toJSON().label);

  it('select by peer, SxFy or a whole stream, and direction; control messages only without an sf filter', () => {
    expect(pick('')).toEqual(['S6F11 W', 'S6F12', 'S1F1 W', 'Linktest.req']);
    expect(pick('peer=litho-1')).toEqual(['S1F1 W', 'Linktest.req']);
    expect(pick('sf=s6')).toEqual(['S6F11 W', 'S6F12']);
    expect(pick('sf=S6F12,S1F1')).toEqual(['S6F12', 'S1F1 W']);
    expect(pick('direction=out')).toEqual(['S6F12', 'S1F1 W']);
    expect(pick('control=0')).toEqual(['S6F11 W', 'S6F12', 'S1F1 W']);
    expect(pick('peer=etcher-1&peer=litho-1&direction=in&control=1')).toEqual(['S6F11 W', 'Linktest.req']);
  });

  it('refuse what they cannot read, naming the parameter', () => {
    expect(() => q('sf=S6G11')).toThrow(TraceFilterError);
    expect(() => q('direction=up')).toThrow(/'direction'/);
    expect(() => q('control=maybe')).toThrow(/'control'/);
  });
});
