import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import { parseS1F2, S1F1, type EquipmentIdentity, type ParseOptions, type TimeBuildOptions } from '../secs/catalogue/index.js';
import { SecsHandler } from '../secs/secs-handler.js';
import type { CommunicationState } from './communication-state.js';
import { GemCommunication } from './gem-communication.js';
import type { GemHandlerEvents } from './gem-handler.events.js';
import { resolveGemOptions, type GemHandlerOptions, type ResolvedGemOptions } from './gem-options.js';

/**
 * A SECS peer with the E30 communication capability (GemCommunication) attached: the facade both
 * GEM ends share. GemHostHandler and GemEquipmentHandler attach their own capability's routes on
 * top. Nothing of the session or the router is overridden: GEM works through the router's default
 * routes and admission gates and the session's observers, so the application's handlers come
 * first and GEM's events still fire.
 */
export class GemHandler<E extends GemHandlerEvents & Record<keyof E, unknown[]> = GemHandlerEvents> extends SecsHandler<E> {
  /** The resolved GEM options. */
  protected readonly gem: ResolvedGemOptions;
  /** The E30 communication capability of this peer. */
  readonly communication: GemCommunication;

  /** Throws HsmsOptionError naming the first bad option. */
  constructor(connection: HsmsConnection, options: GemHandlerOptions = {}) {
    super(connection, options);
    this.gem = resolveGemOptions(options);
    this.communication = new GemCommunication(this as unknown as SecsHandler<GemHandlerEvents>, {
      options: this.gem,
      identity: this.identity(),
      build: this.buildOptions,
      parse: this.parseOptions,
    });
  }

  /** The E30 communication state. */
  get communicationState(): CommunicationState {
    return this.communication.state;
  }

  /** True in E30 COMMUNICATING. */
  get communicating(): boolean {
    return this.communication.communicating;
  }

  /** MDLN and SOFTREV the peer sent in S1F13/S1F14 on this connection (an equipment peer); undefined from a host. */
  get remoteIdentity(): EquipmentIdentity | undefined {
    return this.communication.remoteIdentity;
  }

  /** Operator: enable communication (E30 DISABLED -> ENABLED); sends S1F13 when the link is up. */
  enableCommunication(): void {
    this.communication.model.enable(this.gem.initiateCommunication);
  }

  /** Operator: disable communication (E30 -> DISABLED): S1F13 is then denied and other primaries refused. */
  disableCommunication(): void {
    this.communication.model.disable();
  }

  /**
   * Sends S1F13 now (unless one is outstanding) and resolves once COMMUNICATING; resolves at once
   * when already COMMUNICATING. Rejects with GemCommunicationFailedError when the attempt is denied,
   * unanswered within T3, or the link is down or communication disabled.
   */
  establishCommunication(): Promise<void> {
    return this.communication.establish();
  }

  /** S1F1 Are You There: resolves with the peer's MDLN/SOFTREV (undefined when a host answers with an empty list). */
  async areYouThere(): Promise<EquipmentIdentity | undefined> {
    return parseS1F2(await this.request(S1F1(this.buildOptions), 'send S1F1'), this.parseOptions);
  }

  /** Our MDLN/SOFTREV for S1F2, S1F13 and S1F14: the equipment's; a host sends none (undefined). */
  protected identity(): EquipmentIdentity | undefined {
    return this.role === 'equipment' ? { mdln: this.gem.mdln, softrev: this.gem.softrev } : undefined;
  }

  /** Options for the catalogue's builders: our catalogue and formats. */
  protected get buildOptions(): TimeBuildOptions {
    return { catalogue: this.catalogue, formats: this.gem.formats, timeLength: this.gem.timeFormat, utc: this.gem.utcTime };
  }

  /** Options for the catalogue's parsers. */
  protected get parseOptions(): ParseOptions {
    return { catalogue: this.catalogue };
  }

  /** Sends a primary and waits for its reply; E30: only while COMMUNICATING (GemNotCommunicatingError). */
  protected request(message: SecsMessage, what: string): Promise<SecsMessage> {
    return this.communication.request(message, what);
  }
}
