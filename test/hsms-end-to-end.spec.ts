// Our active handler against our passive handler: the whole HSMS life cycle over one socket.
import { afterEach, describe, expect, it } from 'vitest';
import { A, HsmsState, L, type SecsList, SecsMessage, type SecsText, SType, U4 } from '../libs/hsms/src/core.js';
import { activeHandler, Cleanup, nextEvent, passiveHandler, reachState } from './support/hsms-test-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('active handler <-> passive handler', () => {
  it('selects, exchanges S1F13/S1F14 both ways, linktests both ways, deselects, reselects and separates', async () => {
    const equipment = await passiveHandler(cleanup);
    equipment.handler.on('message', (m) => {
      if (m.sf === 'S1F13')
        equipment.handler.sendResponse(new SecsMessage(1, 14, false, L(U4(0), L(A('tool'), A('2.0')))), m.header!.system);
    });
    const host = activeHandler(cleanup, equipment.port);
    host.on('message', (m) => {
      if (m.sf === 'S1F13') host.sendResponse(new SecsMessage(1, 14, false, L(U4(0), L())), m.header!.system);
    });
    await reachState(host, HsmsState.Selected);
    await reachState(equipment.handler, HsmsState.Selected);

    const fromTool = await host.sendAndWaitForResponse(new SecsMessage(1, 13, true, L(A('host'), A('1.0'))));
    const items = (fromTool.body as SecsList).items;
    expect(((items[1] as SecsList).items as SecsText[]).map((t) => t.value)).toEqual(['tool', '2.0']);
    const fromHost = await equipment.handler.sendAndWaitForResponse(new SecsMessage(1, 13, true, L()));
    expect(fromHost.sf).toBe('S1F14');

    expect((await host.sendLinktestReq()).sType).toBe(SType.LinktestRsp);
    expect((await equipment.handler.sendLinktestReq()).sType).toBe(SType.LinktestRsp);

    const deselectedThere = nextEvent(equipment.handler, 'deselected');
    await host.sendDeselectReq();
    await deselectedThere;
    expect([host.state, equipment.handler.state]).toEqual([HsmsState.NotSelected, HsmsState.NotSelected]);
    expect((await host.sendSelectReq()).header.byte3).toBe(0);
    await reachState(equipment.handler, HsmsState.Selected);

    const closedThere = nextEvent(equipment.handler, 'closed');
    host.sendSeparateReq();
    expect(await closedThere).toEqual(['separate']);
  });
});
