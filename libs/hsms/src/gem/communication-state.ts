/**
 * E30 communication state model (E30 section 4.2.1). DISABLED, or ENABLED with the substates
 * NOT COMMUNICATING (its equipment-initiated substates WAIT CRA and WAIT DELAY are separate values
 * here) and COMMUNICATING. Both host and equipment run it: either side may send S1F13.
 */
export enum CommunicationState {
  /** The operator switched communication off: S1F13 is denied, nothing else is answered. */
  Disabled = 'DISABLED',
  /** ENABLED, not communicating, no S1F13 of ours outstanding (link down, or not initiating). */
  NotCommunicating = 'NOT_COMMUNICATING',
  /** ENABLED / NOT COMMUNICATING: our S1F13 is waiting for its S1F14 (E30: wait for CRA). */
  WaitCra = 'WAIT_CRA',
  /** ENABLED / NOT COMMUNICATING: our attempt failed; the next S1F13 goes when the delay ends. */
  WaitDelay = 'WAIT_DELAY',
  /** ENABLED / COMMUNICATING: S1F13/S1F14 exchanged with COMMACK 0. */
  Communicating = 'COMMUNICATING',
}

/** What the model asks of its handler. */
export interface CommunicationHooks {
  /** Sends S1F13 W and resolves with the COMMACK of its S1F14; rejects when the transaction fails. */
  sendEstablishRequest(): Promise<number>;
  /** Whether a message can be sent now (the HSMS link is SELECTED). */
  linkReady(): boolean;
  /** Called after every state change. */
  changed(state: CommunicationState, previous: CommunicationState): void;
}

/**
 * The state machine alone: the handler feeds it link and message events, it calls the hooks. Every
 * change is synchronous, so a message that arrives right after the one that changed the state is
 * judged by the new state.
 */
export class CommunicationStateModel {
  private current: CommunicationState;
  private delayTimer: NodeJS.Timeout | undefined;
  /** Numbers our S1F13 attempts; a late answer to an older attempt is ignored. */
  private attempt = 0;
  private waiters: Array<(state: CommunicationState) => void> = [];

  constructor(
    /** E30 EstablishCommunicationsTimeout in ms, read at each failed attempt (an EC the host may change). */
    private readonly delayMs: number | (() => number),
    private readonly hooks: CommunicationHooks,
    enabled: boolean,
  ) {
    // E30: after system initialization the model is DISABLED or ENABLED as configured
    this.current = enabled ? CommunicationState.NotCommunicating : CommunicationState.Disabled;
  }

  get state(): CommunicationState {
    return this.current;
  }

  get communicating(): boolean {
    return this.current === CommunicationState.Communicating;
  }

  /** Operator: DISABLED -> ENABLED (NOT COMMUNICATING); starts an attempt when `initiate` and the link is up. */
  enable(initiate: boolean): void {
    if (this.current !== CommunicationState.Disabled) return;
    this.move(CommunicationState.NotCommunicating);
    if (initiate) this.tryEstablish();
  }

  /** Operator: ENABLED -> DISABLED, whatever the substate. */
  disable(): void {
    this.stopAttempt();
    this.move(CommunicationState.Disabled);
  }

  /** The link became SELECTED: one S1F13 of ours for this selection when `initiate`. */
  linkUp(initiate: boolean): void {
    if (initiate) this.tryEstablish();
  }

  /** The link went down (TCP closed or deselected): E30 communication failure, NOT COMMUNICATING at once. */
  linkDown(): void {
    this.stopAttempt();
    if (this.current !== CommunicationState.Disabled) this.move(CommunicationState.NotCommunicating);
  }

  /**
   * The peer sent S1F13. Returns the COMMACK to answer: 0 (and COMMUNICATING) while ENABLED, whatever
   * the substate (E30: an S1F13 received in WAIT CRA establishes communication too); 1 while DISABLED.
   */
  receivedEstablishRequest(): number {
    if (this.current === CommunicationState.Disabled) return 1;
    this.stopAttempt();
    this.move(CommunicationState.Communicating);
    return 0;
  }

  /** The S1F14 of our current attempt arrived with `commack` (called as soon as it is read). */
  receivedEstablishAck(commack: number): void {
    this.settleAttempt(this.attempt, commack);
  }

  /** E30 WAIT DELAY: a message other than S1F13 arrived; try again now instead of at the delay's end. */
  receivedOtherMessage(): void {
    if (this.current === CommunicationState.WaitDelay) this.tryEstablish();
  }

  /**
   * Starts an attempt unless one is outstanding or we communicate, and resolves with the state the
   * attempt ended in (COMMUNICATING, WAIT DELAY, NOT COMMUNICATING or DISABLED).
   */
  establish(): Promise<CommunicationState> {
    if (this.current === CommunicationState.Communicating || this.current === CommunicationState.Disabled)
      return Promise.resolve(this.current);
    if (this.current !== CommunicationState.WaitCra) this.tryEstablish();
    if (this.current !== CommunicationState.WaitCra) return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops the delay timer; the state stays. */
  dispose(): void {
    this.stopAttempt();
  }

  private tryEstablish(): void {
    const s = this.current;
    if (s !== CommunicationState.NotCommunicating && s !== CommunicationState.WaitDelay) return;
    if (!this.hooks.linkReady()) return;
    this.clearTimer();
    const attempt = ++this.attempt;
    this.move(CommunicationState.WaitCra);
    let sending: Promise<number>;
    try {
      sending = this.hooks.sendEstablishRequest();
    } catch {
      sending = Promise.reject(new Error('S1F13 could not be sent'));
    }
    sending.then(
      (commack) => this.settleAttempt(attempt, commack),
      () => this.settleAttempt(attempt, undefined),
    );
  }

  /** `commack` undefined: the transaction failed (T3, SxF0, link down). */
  private settleAttempt(attempt: number, commack: number | undefined): void {
    if (attempt !== this.attempt || this.current !== CommunicationState.WaitCra) return;
    if (commack === 0) return this.move(CommunicationState.Communicating);
    // E30: a failed or denied attempt waits EstablishCommunicationsTimeout before the next S1F13
    this.move(CommunicationState.WaitDelay);
    this.delayTimer = setTimeout(
      () => {
        this.delayTimer = undefined;
        this.tryEstablish();
      },
      typeof this.delayMs === 'number' ? this.delayMs : this.delayMs(),
    );
  }

  private stopAttempt(): void {
    this.attempt++;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.delayTimer !== undefined) clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
  }

  private move(next: CommunicationState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    if (previous === CommunicationState.WaitCra) this.releaseWaiters(next);
    this.hooks.changed(next, previous);
  }

  private releaseWaiters(state: CommunicationState): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(state);
  }
}
