import { describe, expect, it } from 'vitest';
import { HsmsPacket } from './hsms-packet.js';

describe('HsmsPacket', () => {
  it('prints Select.req in the readable header form', () => {
    expect(HsmsPacket.selectReq(1).toString()).toBe(
      'header: {sessionID:0xffff, stream:00, function:00, pType:0x00, sType:0x01, system:0x00000001, requireResponse:0}',
    );
  });
});
