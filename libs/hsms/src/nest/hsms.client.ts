import { Inject, Injectable, Optional } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { HsmsConnectionManager } from '../hsms/hsms-connection-manager.js';
import type { HsmsHandler } from '../hsms/hsms-handler.js';
import { HsmsState } from '../hsms/hsms-handler.events.js';
import { isSecsItem, type SecsItem } from '../protocol/items/secs-item.js';
import { SecsMessage } from '../protocol/secs-message.js';
import {
  HsmsClientMessageMismatchError,
  HsmsClientNotConnectedError,
  HsmsClientPatternError,
  HsmsClientSetupError,
} from './hsms-client-errors.js';
import { HsmsStatus } from './hsms.constants.js';
import { soleModuleManager } from './hsms-module-registry.js';

/** Pass as the data of send()/emit() for a header-only primary (Nest refuses nil data). */
export const HEADER_ONLY: unique symbol = Symbol('HSMS_HEADER_ONLY');

/** 'S1F3': a stream and function. */
export type HsmsSf = `S${number}F${number}`;

/** The pattern of HsmsClient: which peer, which message. */
export interface HsmsClientPattern {
  peer: string;
  /** 'S1F3' */
  sf: HsmsSf;
}

/** What HsmsClient sends: a body, a whole SecsMessage (its SxFy must be the pattern's), or HEADER_ONLY. */
export type HsmsClientData = SecsItem | SecsMessage | typeof HEADER_ONLY;

/** Options of HsmsClient, e.g. through `ClientsModule.register([{ name, customClass: HsmsClient, options }])`. */
export interface HsmsClientOptions {
  /** The manager whose peers it talks to. Default: HsmsModule's (the one running in this process). */
  manager?: HsmsConnectionManager;
  /**
   * Seconds connect() (which Nest calls before every send and emit) waits for a peer to be
   * SELECTED before it rejects with HsmsClientNotConnectedError. Default 5.
   */
  connectTimeout?: number;
}

const SF = /^S(\d{1,3})F(\d{1,3})$/;

/**
 * A ClientProxy over the peers of an HsmsConnectionManager: `client.send({ peer: 'etcher-1', sf:
 * 'S1F3' }, body)` returns an Observable of the reply SecsMessage (T3, Reject, SxF0/S9 and close
 * errors arrive as Observable errors); `emit` sends a primary without W-bit.
 *
 * connect() resolves while at least one peer is SELECTED and waits up to `connectTimeout` for one
 * otherwise, then rejects with HsmsClientNotConnectedError naming every peer's state; `status`
 * follows the peers (connected while one is SELECTED). A peer that is not SELECTED fails its own
 * request (HsmsNotSelectedError). Sockets belong to the manager: close() only stops reporting.
 * Provided by HsmsModule, or registered with ClientsModule (`customClass: HsmsClient`).
 */
@Injectable()
// ClientsModule's `customClass` takes ClientProxy<Record<never, Function>, string>: the status values are HsmsStatus.
// biome-ignore lint/complexity/noBannedTypes: ClientsModule's customClass type names Function
export class HsmsClient extends ClientProxy<Record<never, Function>, string> {
  private manager: HsmsConnectionManager | undefined;
  private readonly connectTimeoutMs: number;
  private watching = false;
  private readonly onState = (): void => this._status$.next(this.anySelected() ? HsmsStatus.Connected : HsmsStatus.Disconnected);

  constructor(@Optional() @Inject(HsmsConnectionManager) source?: HsmsConnectionManager | HsmsClientOptions) {
    super();
    const options: HsmsClientOptions = source instanceof HsmsConnectionManager ? { manager: source } : (source ?? {});
    this.manager = options.manager;
    const timeout = options.connectTimeout ?? 5;
    if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0)
      throw new HsmsClientSetupError(`connectTimeout must be a number of seconds >= 0, got ${String(timeout)}`);
    this.connectTimeoutMs = timeout * 1000;
    this.initializeSerializer({});
    this.initializeDeserializer({});
  }

  /** Sends a primary with the W-bit and emits its reply. */
  override send<TResult = SecsMessage, TInput = HsmsClientData>(pattern: HsmsClientPattern, data: TInput): Observable<TResult> {
    return super.send<TResult, TInput>(pattern, data);
  }

  /** Sends a primary without W-bit; completes once it is sent. */
  override emit<TResult = undefined, TInput = HsmsClientData>(pattern: HsmsClientPattern, data: TInput): Observable<TResult> {
    return super.emit<TResult, TInput>(pattern, data);
  }

  /** Resolves while a peer is SELECTED, else waits up to connectTimeout for one; rejects with HsmsClientNotConnectedError. */
  connect(): Promise<void> {
    let manager: HsmsConnectionManager;
    try {
      manager = this.boundManager();
    } catch (error) {
      return Promise.reject(error);
    }
    this.watch(manager);
    if (this.anySelected()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        manager.off('selected', onSelected);
      };
      const onSelected = (): void => {
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new HsmsClientNotConnectedError(
            manager.peers.map((p) => ({ peer: p.name, state: p.handler.state })),
            this.connectTimeoutMs / 1000,
          ),
        );
      }, this.connectTimeoutMs);
      manager.on('selected', onSelected);
    });
  }

  close(): void {
    if (this.watching) this.manager?.off('state', this.onState);
    this.watching = false;
    this._status$.next(HsmsStatus.Closed);
  }

  unwrap<T = HsmsConnectionManager>(): T {
    return this.boundManager() as T;
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

  private boundManager(): HsmsConnectionManager {
    if (this.manager) return this.manager;
    const { manager, count } = soleModuleManager();
    if (!manager)
      throw new HsmsClientSetupError(
        count === 0
          ? 'no HsmsModule runs in this application: import HsmsModule.forRoot(...) or pass { manager }'
          : `${count} HsmsModule instances run in this process: pass { manager }`,
      );
    this.manager = manager;
    return manager;
  }

  private watch(manager: HsmsConnectionManager): void {
    if (this.watching) return;
    this.watching = true;
    manager.on('state', this.onState);
    this.onState();
  }

  private anySelected(): boolean {
    return this.manager?.peers.some((p) => p.handler.state === HsmsState.Selected) ?? false;
  }

  private resolve(packet: ReadPacket, wBit: boolean): { handler: HsmsHandler; message: SecsMessage } {
    const pattern = packet.pattern as Partial<HsmsClientPattern> | undefined;
    const match = typeof pattern?.sf === 'string' ? SF.exec(pattern.sf) : null;
    if (!pattern || typeof pattern.peer !== 'string' || !match) {
      throw new HsmsClientPatternError(`HsmsClient needs a pattern { peer: 'name', sf: 'SxFy' }, got ${JSON.stringify(pattern)}`);
    }
    const handler = this.boundManager().get(pattern.peer);
    if (!handler) throw new HsmsClientPatternError(`no HSMS peer named '${pattern.peer}'`);
    const data: unknown = packet.data;
    if (data instanceof SecsMessage) {
      if (data.sf !== pattern.sf) throw new HsmsClientMessageMismatchError(pattern.sf!, data.sf);
      return { handler, message: data.wBit === wBit ? data : new SecsMessage(data.stream, data.function, wBit, data.body) };
    }
    const body = data === HEADER_ONLY ? undefined : data;
    if (body !== undefined && !isSecsItem(body)) {
      throw new HsmsClientPatternError(`HsmsClient data must be a SECS-II item, a SecsMessage or HEADER_ONLY, got ${typeof body}`);
    }
    return { handler, message: new SecsMessage(Number(match[1]), Number(match[2]), wBit, body) };
  }
}
