// The messages between bench/soak.ts (the host, parent) and its equipment children over the
// fork IPC channel. Plain data only.

/** Timers both sides use, in seconds (HsmsTimerOptions names). */
export interface SoakTimers {
  t3: number;
  t5: number;
  t6: number;
  t7: number;
  t8: number;
  linktest: number;
}

export interface StartCommand {
  cmd: 'start';
  /** The host's multi-passive port (127.0.0.1). */
  hostPort: number;
  /** Equipment that connects to the host, each from its own loopback address. */
  connecting: ReadonlyArray<{ name: string; localAddress: string }>;
  /** Equipment that listens on 127.0.0.1 for the host's active peers (names). */
  listening: readonly string[];
  /** S6F11 events per peer per second. */
  eventRate: number;
  /** Links this child drops per second (Separate.req or an abrupt close, at random). */
  churnRate: number;
  seed: number;
  timers: SoakTimers;
}

export interface LoadCommand {
  cmd: 'load';
  /** true: send events and churn links; false: stop both (in-flight requests still settle). */
  on: boolean;
}

export interface ReportCommand {
  cmd: 'report';
  /** Zero the counters after reading them (the end of the warm-up). */
  reset: boolean;
}

export interface StopCommand {
  cmd: 'stop';
}

export type SoakCommand = StartCommand | LoadCommand | ReportCommand | StopCommand;

/** Outcomes of the requests one side sent: 'reply' or the error's class name, with counts. */
export type OutcomeCounts = Record<string, number>;

export interface ChildReport {
  /** S1F3 answered (S1F4 sent). */
  s1f3Answered: number;
  /** S6F11 events sent, and how each settled. */
  eventsSent: number;
  eventOutcomes: OutcomeCounts;
  /** Events still waiting for their S6F12. */
  eventsInFlight: number;
  /** Links this child dropped on purpose. */
  churned: number;
  /** Times one of its links reached SELECTED. */
  selections: number;
  /** Peers SELECTED now. */
  selected: number;
  heapUsed: number;
  rss: number;
}

export type ChildAnswer =
  | { type: 'ready'; listeningPorts: Array<{ name: string; port: number }> }
  | { type: 'ok' }
  | { type: 'report'; report: ChildReport }
  | { type: 'error'; message: string };
