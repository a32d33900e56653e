import type { EventEmitter } from 'node:events';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PTYPE_SECS2 } from '../protocol/hsms/s-type.js';
import { SecsMessage } from '../protocol/secs-message.js';
import {
  parseS1F13,
  parseS1F14,
  parseS1F2,
  S1F1,
  S1F13,
  S1F14,
  S1F2,
  type EquipmentIdentity,
  type ParseOptions,
  type TimeBuildOptions,
} from '../secs/catalogue/index.js';
import { type SecsReply, UNHANDLED } from '../secs/secs-callbacks.js';
import { SecsAbortError } from '../secs/secs-errors.js';
import { SecsHandler } from '../secs/secs-handler.js';
import { CommunicationState, CommunicationStateModel } from './communication-state.js';
import { GemCommunicationFailedError, GemNotCommunicatingError } from './gem-errors.js';
import type { GemHandlerEvents } from './gem-handler.events.js';
import { resolveGemOptions, type GemHandlerOptions, type ResolvedGemOptions } from './gem-options.js';

/**
 * SECS-II with the E30 communication state model, for either end of the link (GemHostHandler and
 * GemEquipmentHandler add the rest of GEM).
 *
 * - When the link is SELECTED we send S1F13 (initiateCommunication) and wait in WAIT CRA; a denied
 *   or unanswered S1F13 waits establishCommunicationsTimeout in WAIT DELAY and tries again.
 * - A received S1F13 is answered with S1F14 COMMACK 0 and establishes communication in any
 *   ENABLED substate (E30), so two sides that both send S1F13 at once both end COMMUNICATING; the
 *   S1F14 that answers our own S1F13 is taken as its reply, never as an unexpected message.
 * - When the TCP connection ends (or the link is deselected) the state is NOT COMMUNICATING at once.
 * - While not COMMUNICATING every primary but S1F13 is refused with SxF0 (W-bit set) or dropped:
 *   E30 allows no other exchange before S1F13/S1F14.
 * - S1F1 is answered with S1F2: MDLN and SOFTREV from the equipment, an empty list from the host.
 */
export class GemHandler<E extends GemHandlerEvents & Record<keyof E, unknown[]> = GemHandlerEvents> extends SecsHandler<E> {
  /** The resolved GEM options. */
  protected readonly gem: ResolvedGemOptions;
  private readonly communication: CommunicationStateModel;
  /** System bytes of our last S1F13, to recognise its S1F14 the moment it arrives. */
  private establishSystem: number | undefined;
  private peerIdentity: EquipmentIdentity | undefined;

  /** Throws GemOptionError (or HsmsOptionError for a SECS option) naming the first bad option. */
  constructor(connection: HsmsConnection, options: GemHandlerOptions = {}) {
    super(connection, options);
    this.gem = resolveGemOptions(options);
    this.communication = new CommunicationStateModel(
      () => this.establishCommunicationsDelayMs(),
      {
        sendEstablishRequest: () => this.sendEstablishRequest(),
        linkReady: () => this.selected,
        changed: (state, previous) => this.communicationChanged(state, previous),
      },
      this.gem.communicationEnabled,
    );
    this.registerStreamFunction(1, 1, () => S1F2(this.identity(), this.buildOptions));
    // registered before any user listener, so the GEM state follows the link first
    const self = this as unknown as EventEmitter;
    self.on('selected', () => this.communication.linkUp(this.gem.initiateCommunication));
    self.on('deselected', () => this.communication.linkDown());
    self.on('closed', () => {
      this.peerIdentity = undefined;
      this.communication.linkDown();
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
    return this.peerIdentity;
  }

  /** Operator: enable communication (E30 DISABLED -> ENABLED); sends S1F13 when the link is up. */
  enableCommunication(): void {
    this.communication.enable(this.gem.initiateCommunication);
  }

  /** Operator: disable communication (E30 -> DISABLED): S1F13 is then denied and other primaries refused. */
  disableCommunication(): void {
    this.communication.disable();
  }

  /**
   * Sends S1F13 now (unless one is outstanding) and resolves once COMMUNICATING; resolves at once
   * when already COMMUNICATING. Rejects with GemCommunicationFailedError when the attempt is denied,
   * unanswered within T3, or the link is down or communication disabled.
   */
  async establishCommunication(): Promise<void> {
    const state = await this.communication.establish();
    if (state !== CommunicationState.Communicating) throw new GemCommunicationFailedError(this.name, state);
  }

  /** S1F1 Are You There: resolves with the peer's MDLN/SOFTREV (undefined when a host answers with an empty list). */
  async areYouThere(): Promise<EquipmentIdentity | undefined> {
    return parseS1F2(await this.request(S1F1(this.buildOptions), 'send S1F1'), this.parseOptions);
  }

  // --- for subclasses ---

  /** E30 EstablishCommunicationsTimeout in ms, read at each failed S1F13; the equipment reads its EC. */
  protected establishCommunicationsDelayMs(): number {
    return this.gem.establishCommunicationsMs;
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
    if (!this.communicating) return Promise.reject(new GemNotCommunicatingError(this.name, this.communicationState, what));
    return this.sendAndWaitForResponse(message);
  }

  /**
   * Whether a received primary may go to its callback now. E30: none but S1F13 (handled before
   * this) while not COMMUNICATING; stream 9 always passes (it is never answered). Subclasses add
   * their own state rules (the equipment's OFF-LINE).
   */
  protected admits(message: SecsMessage): boolean {
    return message.stream === 9 || this.communicating;
  }

  /** Emits a GEM event without letting a throwing listener break the handler. */
  protected emitEvent(event: string, ...args: unknown[]): void {
    try {
      (this as unknown as EventEmitter).emit(event, ...args);
    } catch (error) {
      this.logger.error(`a '${event}' listener threw`, error);
    }
  }

  /** A primary the state models refuse gets SxF0 (W-bit) through the SECS layer's abort rule. */
  protected override route(message: SecsMessage): SecsReply | Promise<SecsReply | typeof UNHANDLED> | typeof UNHANDLED {
    if (!this.admits(message)) {
      this.communication.receivedOtherMessage(); // E30 WAIT DELAY: any message other than S1F13 retries at once
      throw new SecsAbortError(`${message.sf} refused in ${this.describeState()} (E30)`);
    }
    return super.route(message);
  }

  /** The state named in refusals; the equipment adds its control state. */
  protected describeState(): string {
    return `communication state ${this.communicationState}`;
  }

  // --- S1F13 / S1F14, handled on the receive path itself so the state is exact for the next message ---

  protected override onDataMessage(packet: HsmsPacket): void {
    const h = packet.header;
    if (h.stream === 1 && h.function === 13 && h.requireResponse && h.sessionId === this.connection.sessionId) return this.answerEstablishRequest(packet);
    super.onDataMessage(packet);
  }

  protected override receive(packet: HsmsPacket): void {
    const h = packet.header;
    const isOurS1F14 = h.isDataMessage && h.pType === PTYPE_SECS2 && h.stream === 1 && h.function === 14 && !h.requireResponse;
    if (isOurS1F14 && h.system === this.establishSystem && this.selected) {
      this.establishSystem = undefined;
      this.takeEstablishAck(this.toMessage(packet));
    }
    super.receive(packet); // resolves our S1F13's pending request with it
  }

  protected override transmit(packet: HsmsPacket): boolean {
    const h = packet.header;
    if (h.isDataMessage && h.stream === 1 && h.function === 13 && h.requireResponse) this.establishSystem = h.system;
    return super.transmit(packet);
  }

  private answerEstablishRequest(packet: HsmsPacket): void {
    const message = this.toMessage(packet);
    this.emitEvent('message', message);
    this.emitEvent('primary', message);
    this.notePeerIdentity(() => parseS1F13(message, this.parseOptions));
    const commack = this.communicationState === CommunicationState.Disabled ? 1 : 0;
    try {
      this.sendResponse(S1F14({ commack, ...this.identity() }, this.buildOptions), packet.header.system);
    } catch (error) {
      this.logger.warn(`could not answer S1F13: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // after S1F14 left: E30 enters COMMUNICATING on sending it, and listeners may send at once
    this.communication.receivedEstablishRequest();
  }

  private takeEstablishAck(reply: SecsMessage): void {
    let commack: number;
    try {
      const reading = parseS1F14(reply, this.parseOptions);
      commack = reading.commack;
      if (reading.mdln !== undefined) this.peerIdentity = { mdln: reading.mdln, softrev: reading.softrev ?? '' };
    } catch (error) {
      this.logger.warn(`S1F14 does not match its structure, taken as denied: ${error instanceof Error ? error.message : String(error)}`);
      commack = 1;
    }
    this.communication.receivedEstablishAck(commack);
  }

  /** The model's S1F13: resolves with COMMACK (its S1F14 was already read by `receive`). */
  private async sendEstablishRequest(): Promise<number> {
    const reply = await this.sendAndWaitForResponse(S1F13(this.identity(), this.buildOptions));
    try {
      return parseS1F14(reply, this.parseOptions).commack;
    } catch {
      return 1;
    }
  }

  private notePeerIdentity(read: () => EquipmentIdentity | undefined): void {
    try {
      const identity = read();
      if (identity !== undefined) this.peerIdentity = identity;
    } catch {
      // E30 does not make S1F13's body a reason to refuse communication
    }
  }

  private communicationChanged(state: CommunicationState, previous: CommunicationState): void {
    this.logger.debug(`communication ${previous} -> ${state}`);
    this.emitEvent('communicationState', state, previous);
    if (state === CommunicationState.Communicating) this.emitEvent('communicating');
  }
}
