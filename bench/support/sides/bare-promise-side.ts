// The bare pair's host with a Promise per request, awaited by the same workers as our host
// (run-workers.ts): the floor of any Promise API, to read our host's figures against. The
// equipment is the bare one.
import { BareHost } from '../bare-frames.js';
import { runWorkers } from './run-workers.js';
import { type BenchHost, CONNECT_TIMEOUT_MS, withDeadline } from './side.js';

export async function connectHost(port: number): Promise<BenchHost> {
  const host = await withDeadline(BareHost.connect(port), CONNECT_TIMEOUT_MS, 'bare-promise: not connected');
  const request = host.promiseRequests();
  // the bare reader checks each reply is S1F2 (or throws), so every settled request is one
  return { run: (depth, ms) => runWorkers(request, () => true, depth, ms) };
}
