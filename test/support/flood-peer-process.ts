// Runs test/support/flood-peer.mjs as a separate process (so its flood does not share our event
// loop) and reads its JSON-line reports. Every wait is bounded; kill() is SIGKILL with a bound.
import { fileURLToPath } from 'node:url';
import { JsonLineChild } from './json-line-child.js';

const SCRIPT = fileURLToPath(new URL('./flood-peer.mjs', import.meta.url));

/** What the flooder sends; see flood-peer.mjs for the answer each kind gets. */
export type FloodKind = 'unknown-stype' | 'ptype' | 'reject' | 's9' | 'linktest';

export interface FloodConfig {
  port: number;
  /** Loopback address to connect from (the peer address the server knows). */
  localAddress: string;
  kind: FloodKind;
  /** Packets to send at most. */
  count: number;
  /** Longest time to flood (ms). */
  maxMs: number;
  /** false: never read our answers (the socket is paused after the select). Default true. */
  read?: boolean;
}

export interface FloodReport {
  selected?: boolean;
  done?: boolean;
  sent?: number;
  received?: number;
  ms?: number;
  error?: string;
}

export class FloodPeerProcess extends JsonLineChild<FloodReport> {
  private constructor(config: FloodConfig) {
    super(SCRIPT, [JSON.stringify(config)], 'flood peer');
  }

  /** Starts a flooder; resolves once it is SELECTED (it floods from then on). */
  static async start(config: FloodConfig, timeoutMs = 10_000): Promise<FloodPeerProcess> {
    const peer = new FloodPeerProcess(config);
    try {
      await peer.waitFor((r) => r.selected === true || r.error !== undefined, timeoutMs);
    } catch (error) {
      await peer.kill();
      throw error;
    }
    const failed = peer.reports.find((r) => r.error !== undefined);
    if (failed) throw new Error(`flood peer failed to start: ${failed.error}`);
    return peer;
  }

  /** Resolves with the final report once the flood is over. */
  async done(timeoutMs: number): Promise<FloodReport> {
    return this.waitFor((r) => r.done === true, timeoutMs);
  }
}
