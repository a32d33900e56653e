// Log lines about a peer name it: the handler's and its connection's lines carry the context
// 'Hsms <peer>' (Nest's context argument), the manager's lines name it in the text, and message
// SML is written at verbose only.
import { ConsoleLogger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  A,
  HsmsConnectionManager,
  type HsmsLogger,
  type HsmsLogLevel,
  type HsmsManagerOptions,
  HsmsState,
  L,
  SecsHandler,
  SecsMessage,
  SType,
} from '../libs/hsms/src/core.js';
import { acceptSelect, CALM_TIMERS, Cleanup, reachState, requestSelect } from './support/hsms-test-kit.js';
import { LOOPBACK, RawPeer } from './support/raw-peer.js';

interface Line {
  level: HsmsLogLevel;
  message: string;
  /** Nest's convention: the context is the last argument. */
  context: string | undefined;
}

/** Keeps every line with its context. */
class ContextLogger implements HsmsLogger {
  readonly lines: Line[] = [];
  log(message: unknown, ...rest: unknown[]): void {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('verbose', message, rest);
  }
  private add(level: HsmsLogLevel, message: unknown, rest: unknown[]): void {
    const last = rest.at(-1);
    this.lines.push({ level, message: String(message), context: typeof last === 'string' ? last : undefined });
  }
}

const cleanup = new Cleanup();
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup.run();
});

function manager(options: HsmsManagerOptions): HsmsConnectionManager {
  return cleanup.add(new HsmsConnectionManager({ ...CALM_TIMERS, bindAddress: LOOPBACK, ...options }), (m) => m.stop());
}

/** An active peer 'etcher-7' to a raw listener: selects, loses its socket, reconnects, selects again, is removed. */
async function activeLifecycle(options: HsmsManagerOptions): Promise<void> {
  const server = cleanup.add(await RawPeer.listen(), (s) => s.close());
  const hosts = manager(options);
  const handler = hosts.addPeer('etcher-7', LOOPBACK, server.port, true, 0);
  handler.enable();
  const first = await server.nextPeer();
  await acceptSelect(first);
  await reachState(handler, HsmsState.Selected);
  first.destroy();
  await reachState(handler, HsmsState.NotConnected);
  const second = cleanup.add(await server.nextPeer(), (p) => p.destroy());
  await acceptSelect(second);
  await reachState(handler, HsmsState.Selected);
  await hosts.removePeer('etcher-7');
}

describe('log lines name the peer', () => {
  it('carries the peer in the context of every handler and connection line, and in the text of the manager lines', async () => {
    const logger = new ContextLogger();
    await activeLifecycle({ logger, logLevel: 'debug' });

    const about = (pattern: RegExp) => logger.lines.filter((l) => pattern.test(l.message));
    expect(about(/^connecting to /).map((l) => l.context)).toEqual(['Hsms etcher-7', 'Hsms etcher-7']); // connection
    expect(about(/^TCP connection to .* established$/).map((l) => l.context)).toEqual(['Hsms etcher-7', 'Hsms etcher-7']);
    expect(about(/^TCP connection to .* closing \(remote\)$/).map((l) => l.context)).toEqual(['Hsms etcher-7']);
    expect(about(/^NOT_SELECTED -> SELECTED$/).map((l) => l.context)).toEqual(['Hsms etcher-7', 'Hsms etcher-7']); // handler
    expect(about(/^peer 'etcher-7' (added|removed)/).map((l) => l.context)).toEqual(['HsmsConnectionManager', 'HsmsConnectionManager']);
    const unnamed = logger.lines.filter((l) => l.context !== 'Hsms etcher-7' && !l.message.includes("'etcher-7'"));
    expect(unnamed).toEqual([]);
  });

  it("names a multi-passive peer in its connection's lines, not the shared port", async () => {
    const logger = new ContextLogger();
    const tools = manager({ logger, logLevel: 'debug' });
    const handler = tools.addPeer('stepper-2', LOOPBACK, 0, false, 0);
    handler.enable();
    await tools.ready();
    const peer = cleanup.add(await RawPeer.connect(tools.listeningPort(0)!), (p) => p.destroy());
    await requestSelect(peer);
    await reachState(handler, HsmsState.Selected);
    const established = logger.lines.filter((l) => /^TCP connection to .* established$/.test(l.message));
    expect(established.map((l) => l.context)).toEqual(['Hsms stepper-2']);
  });

  it("writes JSON lines whose context names the peer through Nest's ConsoleLogger({ json: true })", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    await activeLifecycle({ logger: new ConsoleLogger({ json: true, logLevels: ['log', 'error', 'warn', 'debug'] }), logLevel: 'debug' });
    vi.mocked(process.stdout.write).mockRestore();

    const records = written
      .filter((w) => w.startsWith('{'))
      .map((w) => JSON.parse(w) as { level: string; message: string; context?: string });
    const established = records.filter((r) => /^TCP connection to .* established$/.test(r.message));
    expect(established).toHaveLength(2);
    expect(established.every((r) => r.level === 'debug' && r.context === 'Hsms etcher-7')).toBe(true);
    expect(records.filter((r) => r.context !== 'Hsms etcher-7' && !r.message.includes("'etcher-7'"))).toEqual([]);
  });
});

describe('message SML in the log', () => {
  /** A SELECTED SecsHandler peer 'etcher-7' answering one S1F13 W whose body carries 'probe-text'. */
  async function exchange(logLevel: HsmsLogLevel): Promise<ContextLogger> {
    const logger = new ContextLogger();
    const server = cleanup.add(await RawPeer.listen(), (s) => s.close());
    const hosts = manager({ logger, logLevel });
    const handler = hosts.addPeer('etcher-7', LOOPBACK, server.port, true, 0, SecsHandler);
    handler.registerStreamFunction(1, 13, () => L(A('reply-text')));
    handler.enable();
    const peer = cleanup.add(await server.nextPeer(), (p) => p.destroy());
    await acceptSelect(peer);
    await reachState(handler, HsmsState.Selected);
    peer.send(new SecsMessage(1, 13, true, L(A('probe-text'))).toPacket(0, 40));
    await peer.waitFor((p) => p.sType === SType.DataMessage && p.system === 40);
    return logger;
  }

  it('is written at verbose, in both directions, under the peer name', async () => {
    const logger = await exchange('verbose');
    const sml = logger.lines.filter((l) => /probe-text|reply-text/.test(l.message));
    expect(sml.map((l) => [l.level, l.context, l.message.split(' ')[0]])).toEqual([
      ['verbose', 'Hsms etcher-7', 'received'],
      ['verbose', 'Hsms etcher-7', 'sent'],
    ]);
  });

  it('is neither written nor built below verbose', async () => {
    const toSml = vi.spyOn(SecsMessage.prototype, 'toSml');
    const logger = await exchange('debug');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.filter((l) => /probe-text|reply-text|<A /.test(l.message))).toEqual([]);
    expect(toSml).not.toHaveBeenCalled();
  });
});
