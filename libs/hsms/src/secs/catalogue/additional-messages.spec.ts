import { describe, expect, it } from 'vitest';
import { A, B, F8, L, U1, U4 } from '../../protocol/items/secs-item.js';
import { SecsMessage } from '../../protocol/secs-message.js';
import { decodeItem } from '../../protocol/items/item-decoder.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import * as m from './index.js';
import { secsCatalogue } from './secs-catalogue.js';

/** Every built message goes over the wire form and back before it is parsed. */
function wire(message: SecsMessage): SecsMessage {
  const body = message.body === undefined ? undefined : decodeItem(encodeItem(message.body));
  return new SecsMessage(message.stream, message.function, message.wBit, body);
}

describe('catalogue: builders and parsers of the additional GEM messages', () => {
  it('S1F21-S1F24 name lists', () => {
    expect(m.parseS1F21(wire(m.S1F21([1, 'TEMP'])))).toEqual([1, 'TEMP']);
    expect(m.parseS1F22(wire(m.S1F22([{ vid: 5, name: 'Temp', units: 'C' }])))).toEqual([{ vid: 5, name: 'Temp', units: 'C' }]);
    expect(m.parseS1F23(wire(m.S1F23()))).toEqual([]);
    expect(m.parseS1F24(wire(m.S1F24([{ ceid: 7, name: 'Done', vids: [1, 2] }])))).toEqual([{ ceid: 7, name: 'Done', vids: [1, 2] }]);
  });

  it('S2F23/S2F24 trace initialize, DSPER both ways', () => {
    const msg = wire(m.S2F23({ trid: 3, dsper: 1500, totsmp: 10, repgsz: 2, svids: [1, 2] }));
    expect(m.parseS2F23(msg)).toEqual({ trid: 3, dsper: '00000150', totsmp: 10, repgsz: 2, svids: [1, 2] });
    expect(m.parseDsper('00000150')).toBe(1500);
    expect(m.parseDsper('000100')).toBe(60_000);
    expect(m.parseDsper('0001')).toBeUndefined();
    expect(m.parseDsper('006100')).toBeUndefined();
    expect(m.parseS2F23(L(U4(1), A('000001'), A('12'), U4(1), L())).totsmp).toBe(12);
    expect(m.parseS2F24(wire(m.S2F24('invalidPeriod')))).toBe(3);
  });

  it('S2F39/S2F40 and S6F5/S6F6 multi-block inquire and grant', () => {
    expect(m.parseS2F39(wire(m.S2F39({ dataId: 9, dataLength: 70_000 })))).toEqual({ dataId: 9, dataLength: 70_000 });
    expect(m.parseS2F40(wire(m.S2F40('noSpace')))).toBe(2);
    expect(m.parseS6F5(wire(m.S6F5({ dataId: 1, dataLength: 5 })))).toEqual({ dataId: 1, dataLength: 5 });
    expect(m.parseS6F6(wire(m.S6F6(0)))).toBe(0);
  });

  it('S2F43/S2F44 reset spooling', () => {
    expect(
      m.parseS2F43(
        wire(
          m.S2F43([
            { stream: 6, functions: [11] },
            { stream: 5, functions: [] },
          ]),
        ),
      ),
    ).toEqual([
      { stream: 6, functions: [11] },
      { stream: 5, functions: [] },
    ]);
    const reply = m.parseS2F44(wire(m.S2F44({ rspack: 'rejected', errors: [{ stream: 1, strack: 'notAllowed', functions: [] }] })));
    expect(reply).toEqual({ rspack: 1, errors: [{ stream: 1, strack: 1, functions: [] }] });
  });

  it('S2F45-S2F48 variable limits, a LIMITID alone deleting a limit', () => {
    const define = m.parseS2F45(
      wire(m.S2F45({ dataId: 1, variables: [{ vid: 10, limits: [{ limitId: 1, upper: 80, lower: 70 }, { limitId: 2 }] }] })),
    );
    expect(define.variables[0]!.limits[0]!.upper!.equals(F8(80))).toBe(true);
    expect(define.variables[0]!.limits[1]).toEqual({ limitId: 2, upper: undefined, lower: undefined });
    expect(
      m.parseS2F46(
        wire(
          m.S2F46({
            vlaack: 1,
            errors: [
              { vid: 10, lvack: 4, limit: { limitId: 1, limitack: 5 } },
              { vid: 11, lvack: 1 },
            ],
          }),
        ),
      ),
    ).toEqual({
      vlaack: 1,
      errors: [
        { vid: 10, lvack: 4, limit: { limitId: 1, limitack: 5 } },
        { vid: 11, lvack: 1 },
      ],
    });
    expect(m.parseS2F47(wire(m.S2F47([10])))).toEqual([10]);
    const attributes = m.parseS2F48(
      wire(
        m.S2F48([{ vid: 10, attributes: { units: 'C', min: 0, max: 200, limits: [{ limitId: 1, upper: 80, lower: 70 }] } }, { vid: 99 }]),
      ),
    );
    expect(attributes[0]!.attributes!.limits[0]!.limitId).toBe(1);
    expect(attributes[1]).toEqual({ vid: 99 });
  });

  it('S2F49/S2F50 enhanced remote command with a nested parameter', () => {
    const sent = m.parseS2F49(
      wire(m.S2F49({ dataId: 1, objspec: 'PM1', rcmd: 'START', params: [{ cpname: 'LOTS', cepval: L(A('L1'), A('L2')) }] })),
    );
    expect(sent.objspec).toBe('PM1');
    expect(sent.params[0]!.cepval.equals(L(A('L1'), A('L2')))).toBe(true);
    const ack = m.parseS2F50(wire(m.S2F50({ hcack: 3, params: [{ cpname: 'LOTS', cepack: 2 }] })));
    expect(ack.hcack).toBe(3);
    expect(ack.params[0]!.cepack.equals(B(2))).toBe(true);
  });

  it('S6F1/S6F2 trace data, S6F19-S6F22 individual reports, S6F23/S6F24 spooled data', () => {
    expect(m.parseS6F1(wire(m.S6F1({ trid: 1, smpln: 4, stime: '2026120512000000', values: [U4(1), U4(2)] }))).smpln).toBe(4);
    expect(m.parseS6F2(wire(m.S6F2()))).toBe(0);
    expect(m.parseS6F19(wire(m.S6F19(3)))).toBe(3);
    expect(m.parseS6F20(wire(m.S6F20([U1(1)])))).toHaveLength(1);
    expect(m.parseS6F21(wire(m.S6F21('R')))).toBe('R');
    expect(m.parseS6F22(wire(m.S6F22([{ vid: 1, value: A('x') }])))[0]!.vid).toBe(1);
    expect(m.parseS6F23(wire(m.S6F23('purge')))).toBe(1);
    expect(m.parseS6F24(wire(m.S6F24('noSpooledData')))).toBe(2);
  });

  it('S10F5-S10F10 multi-block terminal and broadcast', () => {
    expect(m.parseS10F5(wire(m.S10F5({ lines: ['a', 'b'] })))).toEqual({ tid: 0, lines: ['a', 'b'] });
    expect(m.parseS10F6(wire(m.S10F6()))).toBe(0);
    expect(wire(m.S10F7(0)).wBit).toBe(false);
    expect(m.parseS10F9(wire(m.S10F9('all')))).toBe('all');
    expect(m.parseS10F10(wire(m.S10F10(1)))).toBe(1);
  });

  it('builds lists of 200,000 elements without spreading them on the stack', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => U4(i));
    expect(m.parseS6F20(m.S6F20(values))).toHaveLength(200_000);
  });

  it('refuses DSPER that is not hhmmss or hhmmsscc', () => {
    expect(secsCatalogue.validate('S2F23', L(U4(1), A('1s'), U4(1), U4(1), L())).ok).toBe(false);
  });
});
