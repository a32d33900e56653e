// Runs test/support/hsms-child-peer.mjs as a separate process and reads its JSON-line reports.
import { fileURLToPath } from 'node:url';
import { JsonLineChild } from './json-line-child.js';

const SCRIPT = fileURLToPath(new URL('./hsms-child-peer.mjs', import.meta.url));

interface Report {
  port?: number;
  received?: string;
}

export class ChildPeerProcess extends JsonLineChild<Report> {
  private constructor(port: number) {
    super(SCRIPT, [String(port)], 'child peer');
  }

  /** Starts a peer process listening on 127.0.0.1:port (0: a free port); resolves once it listens. */
  static async start(port = 0): Promise<{ peer: ChildPeerProcess; port: number }> {
    const peer = new ChildPeerProcess(port);
    const report = await peer.waitFor((r) => r.port !== undefined, 10_000);
    return { peer, port: report.port! };
  }

  override waitFor(predicate: (report: Report) => boolean, timeoutMs = 4000): Promise<Report> {
    return super.waitFor(predicate, timeoutMs);
  }
}
