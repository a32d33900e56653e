/**
 * E30 control state model (E30 section 4.2.2), run by the equipment. OFF-LINE has the substates
 * EQUIPMENT OFF-LINE, ATTEMPT ON-LINE and HOST OFF-LINE; ON-LINE has LOCAL and REMOTE.
 */
export enum ControlState {
  EquipmentOffline = 'EQUIPMENT_OFFLINE',
  AttemptOnline = 'ATTEMPT_ONLINE',
  HostOffline = 'HOST_OFFLINE',
  OnlineLocal = 'ONLINE_LOCAL',
  OnlineRemote = 'ONLINE_REMOTE',
}

/** E30 configuration: the CONTROL state entered at system initialization. */
export type InitialControlState = 'ONLINE' | 'EQUIPMENT_OFFLINE' | 'HOST_OFFLINE';
/** E30 configuration: the OFF-LINE substate an unanswered ON-LINE attempt falls back to. */
export type OnlineFailedState = 'EQUIPMENT_OFFLINE' | 'HOST_OFFLINE';

export interface ControlStateConfig {
  readonly initial: InitialControlState;
  /** The position of the operator's REMOTE/LOCAL switch at start. */
  readonly remote: boolean;
  readonly onlineFailed: OnlineFailedState;
}

/** E5 ONLACK codes as E30 uses them. */
const ONLACK_ACCEPTED = 0;
const ONLACK_NOT_ALLOWED = 1;
const ONLACK_ALREADY_ONLINE = 2;

/** The state machine alone; the equipment handler sends S1F1 for ATTEMPT ON-LINE and answers S1F15/S1F17 with what it returns. */
export class ControlStateModel {
  private current: ControlState;
  private remoteSwitch: boolean;

  constructor(
    private readonly config: ControlStateConfig,
    private readonly changed: (state: ControlState, previous: ControlState) => void,
  ) {
    this.remoteSwitch = config.remote;
    this.current = config.initial === 'ONLINE' ? this.onlineSubstate() : offlineState(config.initial);
  }

  get state(): ControlState {
    return this.current;
  }

  get online(): boolean {
    return this.current === ControlState.OnlineLocal || this.current === ControlState.OnlineRemote;
  }

  get remote(): boolean {
    return this.remoteSwitch;
  }

  /** Operator ON-LINE switch. True when an ATTEMPT ON-LINE began (the handler then sends S1F1). */
  beginAttemptOnline(): boolean {
    // E30: only EQUIPMENT OFF-LINE moves on the ON-LINE switch; HOST OFF-LINE waits for the host's S1F17
    if (this.current !== ControlState.EquipmentOffline) return false;
    this.move(ControlState.AttemptOnline);
    return true;
  }

  /** ATTEMPT ON-LINE ended: S1F2 received (ON-LINE), or S1F0 / T3 / no link (the configured OFF-LINE substate). */
  endAttemptOnline(answered: boolean): void {
    if (this.current !== ControlState.AttemptOnline) return;
    this.move(answered ? this.onlineSubstate() : offlineState(this.config.onlineFailed));
  }

  /** Operator OFF-LINE switch: every state goes to EQUIPMENT OFF-LINE. */
  goOffline(): void {
    this.move(ControlState.EquipmentOffline);
  }

  /** Operator REMOTE/LOCAL switch; moves between ON-LINE LOCAL and REMOTE when on-line. */
  setRemote(remote: boolean): void {
    this.remoteSwitch = remote;
    if (this.online) this.move(this.onlineSubstate());
  }

  /** S1F15 from the host. E30: ON-LINE -> HOST OFF-LINE; OFLACK 0 (the only code E5 defines). */
  hostRequestsOffline(): number {
    if (this.online) this.move(ControlState.HostOffline);
    return 0;
  }

  /** S1F17 from the host: ONLACK 0 from HOST OFF-LINE (-> ON-LINE), 2 when on-line, 1 otherwise. */
  hostRequestsOnline(): number {
    if (this.online) return ONLACK_ALREADY_ONLINE;
    if (this.current !== ControlState.HostOffline) return ONLACK_NOT_ALLOWED;
    this.move(this.onlineSubstate());
    return ONLACK_ACCEPTED;
  }

  private onlineSubstate(): ControlState {
    return this.remoteSwitch ? ControlState.OnlineRemote : ControlState.OnlineLocal;
  }

  private move(next: ControlState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.changed(next, previous);
  }
}

function offlineState(state: 'EQUIPMENT_OFFLINE' | 'HOST_OFFLINE'): ControlState {
  return state === 'HOST_OFFLINE' ? ControlState.HostOffline : ControlState.EquipmentOffline;
}
