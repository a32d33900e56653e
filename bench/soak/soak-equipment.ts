// The equipment side of the soak: a SecsHandler in the equipment role that answers S1F3 (Selected
// Equipment Status Request) with one value per SVID asked, and sends S6F11 event reports with the
// W-bit, tracking how each one settles.
import type { HsmsConnection } from '../../libs/hsms/src/connections/hsms-connection.js';
import type { HsmsHandlerOptions } from '../../libs/hsms/src/hsms/hsms-handler.js';
import { L, type SecsItem, U4 } from '../../libs/hsms/src/protocol/items/secs-item.js';
import { SecsMessage } from '../../libs/hsms/src/protocol/secs-message.js';
import { SecsHandler } from '../../libs/hsms/src/secs/secs-handler.js';
import type { Outcomes } from './outcomes.js';

/** CEID of the soak's event; its one report carries a counter and the time in ms. */
const CEID = 4001;
const RPTID = 1;

export class SoakEquipment extends SecsHandler {
  /** S1F3 requests answered (their S1F4 sent). */
  answered = 0;
  /** Times this handler reached SELECTED. */
  selections = 0;
  private dataId = 0;

  constructor(connection: HsmsConnection, options: HsmsHandlerOptions = {}) {
    super(connection, { ...options, role: 'equipment' });
    this.on('selected', () => void this.selections++);
    this.registerStreamFunction(1, 3, (message) => {
      this.answered++;
      return L(...svids(message.body).map((svid) => U4(svid * 10)));
    });
  }

  /** Sends one S6F11 W (when SELECTED) and tracks how it settles in `outcomes`. */
  sendEvent(outcomes: Outcomes): void {
    if (!this.selected) return;
    this.dataId = (this.dataId + 1) >>> 0;
    const body = L(U4(this.dataId), U4(CEID), L(L(U4(RPTID), L(U4(this.dataId), U4(Date.now() % 0xffff_ffff)))));
    outcomes.track(this.sendAndWaitForResponse(new SecsMessage(6, 11, true, body)));
  }
}

/** The SVIDs an S1F3 asks for (<L <U4 svid> ...>); an empty or odd body asks for none. */
function svids(body: SecsItem | undefined): number[] {
  if (body?.type !== 'L') return [];
  return body.items.flatMap((item) => (item.type === 'U4' ? [...item.values].map(Number) : []));
}
