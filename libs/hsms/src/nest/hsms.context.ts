import { BaseRpcContext } from '@nestjs/microservices';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';
import type { SecsMessage } from '../protocol/secs-message.js';

/** [peer name, handler, the message as received (undefined for lifecycle events)]. */
export type HsmsContextArgs = [peer: string, handler: HsmsHandler, message: SecsMessage | undefined];

/** What `@Ctx()` gives an HSMS message or event handler. */
export class HsmsContext extends BaseRpcContext<HsmsContextArgs> {
  /** The name of the peer the message came from. */
  getPeer(): string {
    return this.args[0];
  }

  /** The peer's handler: send further requests to the same peer through it. */
  getHandler(): HsmsHandler {
    return this.args[1];
  }

  /** The received message (its body decoded on first access); undefined for lifecycle events. */
  getMessage(): SecsMessage | undefined {
    return this.args[2];
  }

  /** The HSMS header the message arrived with. */
  getHeader(): HsmsHeader | undefined {
    return this.args[2]?.header;
  }

  /** System bytes of the message: its reply carries the same. */
  getSystemBytes(): number | undefined {
    return this.getHeader()?.system;
  }

  /** 'S1F13' for a message; undefined for lifecycle events. */
  getPattern(): string | undefined {
    return this.args[2]?.sf;
  }
}
