import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PTYPE_SECS2 } from '../protocol/hsms/s-type.js';
import type { SecsMessage } from '../protocol/secs-message.js';
import {
  parseS1F13,
  parseS1F14,
  S1F13,
  S1F14,
  S1F2,
  type EquipmentIdentity,
  type ParseOptions,
  type TimeBuildOptions,
} from '../secs/catalogue/index.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import { CommunicationState, CommunicationStateModel } from './communication-state.js';
import { noteGemCapability } from './gem-capabilities.js';
import { GemCommunicationFailedError, GemNotCommunicatingError } from './gem-errors.js';
import type { GemHandlerEvents } from './gem-handler.events.js';
import type { ResolvedGemOptions } from './gem-options.js';

/** Who the default routes and refusals name in logs. */
const OWNER = 'GEM';

/** What the capability needs besides the peer: our identity and the catalogue options. */
export interface GemCommunicationSettings {
  readonly options: ResolvedGemOptions;
  /** Our MDLN/SOFTREV for S1F2, S1F13 and S1F14 (the equipment's; undefined for a host). */
  readonly identity: EquipmentIdentity | undefined;
  readonly build: TimeBuildOptions;
  readonly parse: ParseOptions;
}

/**
 * The E30 communication state model as a capability of a SECS peer. It attaches, without
 * subclassing anything:
 * - default routes: S1F1 -> S1F2 (our MDLN/SOFTREV), S1F13 -> S1F14 (COMMACK 0, or 1 while
 *   DISABLED); the application may answer either itself, the state still follows;
 * - an admission gate: while not COMMUNICATING every primary but S1F13 (and stream 9) is refused
 *   with SxF0 (E30: no other exchange before S1F13/S1F14);
 * - observers of the link: an S1F13 W we send opens an attempt, its S1F14 (read the moment it
 *   arrives) ends it; an S1F14 COMMACK 0 we send, ours or the application's, enters COMMUNICATING;
 * - the session's events: SELECTED sends S1F13 (initiateCommunication), a deselect or close is
 *   NOT COMMUNICATING at once.
 */
export class GemCommunication {
  readonly model: CommunicationStateModel;
  /** System bytes of our last S1F13, to recognise its S1F14 the moment it arrives. */
  private establishSystem: number | undefined;
  private peerIdentity: EquipmentIdentity | undefined;
  /** E30 EstablishCommunicationsTimeout in ms, read at each failed S1F13: the option, or the equipment's EC. */
  private establishDelayMs: () => number;

  constructor(
    private readonly peer: SecsHandler<GemHandlerEvents>,
    private readonly settings: GemCommunicationSettings,
  ) {
    const { options } = settings;
    this.establishDelayMs = () => options.establishCommunicationsMs;
    this.model = new CommunicationStateModel(
      () => this.establishDelayMs(),
      {
        sendEstablishRequest: () => this.sendEstablishRequest(),
        linkReady: () => peer.selected,
        changed: (state, previous) => this.changed(state, previous),
      },
      options.communicationEnabled,
    );
    this.attachRoutes();
    peer.router.addAdmission({ refuses: (message) => this.refuses(message) });
    peer.observeSent((packet) => this.sent(packet));
    peer.observeReceived((packet) => this.received(packet));
    // before any user listener, so the GEM state follows the link first
    peer.prependListener('selected', () => this.model.linkUp(options.initiateCommunication));
    peer.prependListener('deselected', () => this.model.linkDown());
    peer.prependListener('closed', () => {
      this.peerIdentity = undefined;
      this.model.linkDown();
    });
    noteGemCapability(peer, { communication: this });
  }

  /** The catalogue's build options of this peer's GEM (formats, time): for requests sent through `request`. */
  get buildOptions(): TimeBuildOptions {
    return this.settings.build;
  }

  /** The catalogue's parse options of this peer's GEM, for the replies of `request`. */
  get parseOptions(): ParseOptions {
    return this.settings.parse;
  }

  /** The resolved GEM options of this peer. */
  get options(): ResolvedGemOptions {
    return this.settings.options;
  }

  /** Reads the delay between a failed S1F13 and the next from `source` (ms) from now on: the equipment's EstablishCommunicationsTimeout EC. */
  readEstablishDelayFrom(source: () => number): void {
    this.establishDelayMs = source;
  }

  get state(): CommunicationState {
    return this.model.state;
  }

  get communicating(): boolean {
    return this.model.communicating;
  }

  /** MDLN and SOFTREV the peer sent in S1F13/S1F14 on this connection (an equipment peer). */
  get remoteIdentity(): EquipmentIdentity | undefined {
    return this.peerIdentity;
  }

  /** Sends S1F13 now (unless one is outstanding) and resolves once COMMUNICATING (GemCommunicationFailedError otherwise). */
  async establish(): Promise<void> {
    const state = await this.model.establish();
    if (state !== CommunicationState.Communicating) throw new GemCommunicationFailedError(this.peer.name, state);
  }

  /** Sends a primary and waits for its reply; E30: only while COMMUNICATING (GemNotCommunicatingError). */
  request(message: SecsMessage, what: string): Promise<SecsMessage> {
    if (!this.communicating) return Promise.reject(new GemNotCommunicatingError(this.peer.name, this.state, what));
    return this.peer.sendAndWaitForResponse(message);
  }

  private attachRoutes(): void {
    const { build, parse } = this.settings;
    const router = this.peer.router;
    router.addDefaultRoute(1, 1, { owner: OWNER, answer: () => S1F2(this.settings.identity, build) });
    router.addDefaultRoute(1, 13, {
      owner: OWNER,
      observe: (message) => this.notePeerIdentity(() => parseS1F13(message, parse)),
      answer: () => S1F14({ commack: this.state === CommunicationState.Disabled ? 1 : 0, ...this.settings.identity }, build),
    });
  }

  private refuses(message: SecsMessage): string | undefined {
    if (message.stream === 9 || (message.stream === 1 && message.function === 13) || this.communicating) return undefined;
    this.model.receivedOtherMessage(); // E30 WAIT DELAY: any message other than S1F13 retries at once
    return `${message.sf} refused in communication state ${this.state} (E30)`;
  }

  private sent(packet: HsmsPacket): void {
    const h = packet.header;
    if (!h.isDataMessage || h.stream !== 1) return;
    if (h.function === 13 && h.requireResponse) this.establishSystem = h.system;
    // E30: the side that answers S1F13 with COMMACK 0 is COMMUNICATING once S1F14 has left
    else if (h.function === 14 && !h.requireResponse && readCommack(this.peer.messageOf(packet), this.settings.parse) === 0)
      this.model.receivedEstablishRequest();
  }

  private received(packet: HsmsPacket): void {
    const h = packet.header;
    const isOurS1F14 = h.isDataMessage && h.pType === PTYPE_SECS2 && h.stream === 1 && h.function === 14 && !h.requireResponse;
    if (!isOurS1F14 || h.system !== this.establishSystem || !this.peer.selected) return;
    this.establishSystem = undefined;
    this.takeEstablishAck(this.peer.messageOf(packet));
  }

  private takeEstablishAck(reply: SecsMessage): void {
    let commack: number;
    try {
      const reading = parseS1F14(reply, this.settings.parse);
      commack = reading.commack;
      if (reading.mdln !== undefined) this.peerIdentity = { mdln: reading.mdln, softrev: reading.softrev ?? '' };
    } catch (error) {
      this.peer.logger.warn(
        `S1F14 does not match its structure, taken as denied: ${error instanceof Error ? error.message : String(error)}`,
      );
      commack = 1;
    }
    this.model.receivedEstablishAck(commack);
  }

  /** The model's S1F13: resolves with COMMACK (its S1F14 was already read on arrival). */
  private async sendEstablishRequest(): Promise<number> {
    const reply = await this.peer.sendAndWaitForResponse(S1F13(this.settings.identity, this.settings.build));
    return readCommack(reply, this.settings.parse) ?? 1;
  }

  private notePeerIdentity(read: () => EquipmentIdentity | undefined): void {
    try {
      const identity = read();
      if (identity !== undefined) this.peerIdentity = identity;
    } catch {
      // E30 does not make S1F13's body a reason to refuse communication
    }
  }

  private changed(state: CommunicationState, previous: CommunicationState): void {
    this.peer.logger.debug(`communication ${previous} -> ${state}`);
    this.peer.emitSafely('communicationState', state, previous);
    if (state === CommunicationState.Communicating) {
      this.peer.logger.log('GEM communicating');
      this.peer.emitSafely('communicating');
    }
  }
}

function readCommack(message: SecsMessage, parse: ParseOptions): number | undefined {
  try {
    return parseS1F14(message, parse).commack;
  } catch {
    return undefined;
  }
}
