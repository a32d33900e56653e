// The benchmark's baseline: the single-process library. One HsmsConnectionManager in its own
// process holds every tool (active peers, host role) and acknowledges each S6F11 in its callback,
// with no cluster behind it. Driven by the parent over IPC: 'start' (peers), 'stats', 'reset'.
import { performance } from 'node:perf_hooks';
import { B, HsmsConnectionManager, type HsmsPeerConfig, type HsmsTimerOptions, type SecsHandler, type SecsMessage } from '@app/hsms';
import { readToolEvent } from '../testing/resending-tool.js';

interface Request {
  id: number;
  cmd: 'start' | 'stats' | 'reset' | 'stop';
  peers?: HsmsPeerConfig[];
  timers?: HsmsTimerOptions;
}

let manager: HsmsConnectionManager | undefined;
let count = 0;
let latencies: number[] = [];

function onEvent(message: SecsMessage): void {
  const content = readToolEvent(message);
  if (content) latencies.push(performance.timeOrigin + performance.now() - content.raisedAt);
  count++;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.cmd) {
    case 'start': {
      manager = new HsmsConnectionManager({ ...request.timers, logLevel: 'warn' });
      for (const peer of request.peers ?? []) {
        const handler = manager.addPeer<SecsHandler>({ ...peer, role: 'host', enabled: false });
        handler.registerStreamFunction(6, 11, (message) => {
          onEvent(message);
          return B(0);
        });
        handler.enable();
      }
      return request.peers?.length ?? 0;
    }
    case 'stats':
      return { count, latencies };
    case 'reset':
      latencies = [];
      return count;
    case 'stop':
      await manager?.stop();
      return true;
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, result }),
    (error: unknown) => process.send!({ id: request.id, error: String(error) }),
  );
});
process.send!({ id: 0, result: 'ready' });
