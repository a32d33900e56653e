import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import { HsmsError } from '../protocol/hsms-error.js';
import { isSecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { HsmsStatus } from './hsms.constants.js';

/** Pass as the data of send()/emit() for a header-only primary (Nest refuses nil data). */
export const HEADER_ONLY: unique symbol = Symbol('HSMS_HEADER_ONLY');

/** The pattern of HsmsClient: which peer, which message. */
export interface HsmsClientPattern {
  peer: string;
  /** 'S1F3' */
  sf: string;
}

/** A client pattern that names no configured peer, or an sf that is not 'SxFy'. */
export class HsmsClientPatternError extends HsmsError {
  static override readonly code: string = 'HSMS_CLIENT_PATTERN';
  constructor(message: string) {
    super(message);
    this.name = 'HsmsClientPatternError';
  }
}

const SF = /^S(\d{1,3})F(\d{1,3})$/i;

/**
 * A ClientProxy over the module's peers: `client.send({ peer: 'etcher-1', sf: 'S1F3' }, body)`
 * returns an Observable of the reply SecsMessage (T3, Reject, SxF0/S9 and close errors arrive as
 * Observable errors); `emit` sends a primary without W-bit. Sockets belong to the manager, so
 * connect() and close() only report status.
 */
@Injectable()
export class HsmsClient extends ClientProxy<Record<never, never>, HsmsStatus> {
  constructor(@Inject(HsmsConnectionManager) private readonly manager: HsmsConnectionManager) {
    super();
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  connect(): Promise<void> {
    this._status$.next(HsmsStatus.Connected);
    return Promise.resolve();
  }

  close(): void {
    this._status$.next(HsmsStatus.Closed);
  }

  unwrap<T = HsmsConnectionManager>(): T {
    return this.manager as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let cancelled = false;
    const respond = (p: WritePacket): void => {
      if (!cancelled) callback(p);
    };
    try {
      const { handler, message } = this.resolve(packet, true);
      handler.sendAndWaitForResponse(message).then(
        (reply) => respond({ response: reply, isDisposed: true }),
        (err: unknown) => respond({ err }),
      );
    } catch (err) {
      respond({ err });
    }
    // HSMS has no cancel: a reply that arrives after unsubscribe is dropped here.
    return () => {
      cancelled = true;
    };
  }

  protected dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    try {
      const { handler, message } = this.resolve(packet, false);
      handler.sendStreamFunction(message);
      return Promise.resolve(undefined as T);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private resolve(packet: ReadPacket, wBit: boolean): { handler: HsmsHandler; message: SecsMessage } {
    const pattern = packet.pattern as Partial<HsmsClientPattern> | undefined;
    const match = typeof pattern?.sf === 'string' ? SF.exec(pattern.sf) : null;
    if (!pattern || typeof pattern.peer !== 'string' || !match) {
      throw new HsmsClientPatternError(`HsmsClient needs a pattern { peer: 'name', sf: 'SxFy' }, got ${JSON.stringify(pattern)}`);
    }
    const handler = this.manager.get(pattern.peer);
    if (!handler) throw new HsmsClientPatternError(`no HSMS peer named '${pattern.peer}'`);
    const data: unknown = packet.data;
    if (data instanceof SecsMessage) return { handler, message: data };
    const body = data === HEADER_ONLY ? undefined : data;
    if (body !== undefined && !isSecsItem(body)) {
      throw new HsmsClientPatternError(`HsmsClient data must be a SECS-II item, a SecsMessage or HEADER_ONLY, got ${typeof body}`);
    }
    return { handler, message: new SecsMessage(Number(match[1]), Number(match[2]), wBit, body) };
  }
}
