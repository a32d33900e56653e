// The per-address connection-attempt limit of the listening side, over real loopback sockets.
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsMultiPassiveServer,
  type HsmsMultiPassiveServerOptions,
  HsmsPacket,
  HsmsPassiveConnection,
  type HsmsPassiveOptions,
} from '../libs/hsms/src/core.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { RecordingDelegate } from '../libs/hsms/src/connections/testing/recording-delegate.js';
import { RawPeer } from './support/raw-peer.js';

const timers = { t5: 0.05, t6: 0.5, t8: 1 };
const undo: Array<() => unknown> = [];

afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
});

async function multiPassive(options: HsmsMultiPassiveServerOptions) {
  const logger = new CaptureLogger();
  const server = new HsmsMultiPassiveServer(0, { ...timers, bindAddress: '127.0.0.1', logger, ...options });
  undo.push(() => server.stop());
  const port = await server.start();
  return { server, port, logger };
}

async function passive(options: HsmsPassiveOptions) {
  const rec = new RecordingDelegate();
  const logger = new CaptureLogger();
  const conn = new HsmsPassiveConnection('127.0.0.2', 0, 0, rec, { ...timers, bindAddress: '127.0.0.1', logger, ...options });
  undo.push(() => conn.disable());
  conn.enable();
  const port = await conn.whenListening();
  return { conn, rec, port, logger };
}

/**
 * One connection attempt from `localAddress`: 'accepted' when the connection was established (the
 * peer then closes it and the test waits until the listener has seen the close), 'refused' when
 * the listener closed it without that.
 */
async function attempt(localAddress: string, port: number, rec: RecordingDelegate): Promise<'accepted' | 'refused'> {
  const before = rec.count('established');
  const peer = await RawPeer.connect(port, { localAddress });
  undo.push(() => peer.destroy());
  const outcome = await new Promise<'accepted' | 'refused'>((resolve) => {
    peer.socket.once('close', () => resolve('refused'));
    // the listener decides in its accept callback, so one of the two comes well within the wait
    rec.next('established', before + 1).then(
      () => resolve('accepted'),
      () => undefined,
    );
  });
  if (outcome === 'accepted') {
    peer.end();
    await rec.next('closed', before + 1);
  }
  return outcome;
}

async function attempts(n: number, localAddress: string, port: number, rec: RecordingDelegate): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await attempt(localAddress, port, rec));
  return outcomes;
}

/** Waits until `ms` have passed since `since` (performance.now()): the configured window, not a guess. */
async function untilElapsed(since: number, ms: number): Promise<void> {
  for (let i = 0; i < 100 && performance.now() - since < ms; i++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms - (performance.now() - since))));
  }
}

describe('connectRateLimit', () => {
  it('closes the N+1th attempt from one address within the window, before matching it, and leaves another address alone', async () => {
    const { server, port, logger } = await multiPassive({ connectRateLimit: { attempts: 3, perSeconds: 60 } });
    const two = new RecordingDelegate();
    const three = new RecordingDelegate();
    server.createConnection('127.0.0.2', port, 0, two).enable();
    server.createConnection('127.0.0.3', port, 0, three).enable();

    expect(await attempts(4, '127.0.0.2', port, two)).toEqual(['accepted', 'accepted', 'accepted', 'refused']);
    expect(two.count('established')).toBe(3);
    expect(logger.find('warn', /refused a connection from 127\.0\.0\.2:\d+: over connectRateLimit \(3 attempts per 60 s\)/)).toHaveLength(
      1,
    );

    expect(await attempts(3, '127.0.0.3', port, three)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('counts attempts that would be refused anyway, so an unknown address is cut off by the limit', async () => {
    const { port, logger } = await multiPassive({ connectRateLimit: { attempts: 2, perSeconds: 60 } });
    const nobody = new RecordingDelegate();
    expect(await attempts(3, '127.0.0.7', port, nobody)).toEqual(['refused', 'refused', 'refused']);
    expect(logger.find('warn', /127\.0\.0\.7:\d+/).map((l) => l.message.replace(/:\d+/, ''))).toEqual([
      'refused a connection from unknown peer 127.0.0.7',
      'refused a connection from unknown peer 127.0.0.7',
      'refused a connection from 127.0.0.7: over connectRateLimit (2 attempts per 60 s)',
    ]);
  });

  it('lets the address in again once its window has passed', async () => {
    const perSeconds = 0.5; // short, yet long enough for two attempts on a loaded machine
    const { rec, port } = await passive({ connectRateLimit: { attempts: 1, perSeconds } });
    expect(await attempts(2, '127.0.0.2', port, rec)).toEqual(['accepted', 'refused']);
    // 'established' is recorded in the accept callback that counted the attempt: the window opened no later
    await untilElapsed(rec.events[0]!.at, perSeconds * 1000);
    expect(await attempts(2, '127.0.0.2', port, rec)).toEqual(['accepted', 'refused']);
    expect(rec.count('established')).toBe(2);
  });

  it('is on by default at 10 attempts per 10 s on a passive connection', async () => {
    const { rec, port, logger } = await passive({});
    const outcomes = await attempts(11, '127.0.0.2', port, rec);
    expect(outcomes).toEqual([...Array<string>(10).fill('accepted'), 'refused']);
    expect(logger.find('warn', /over connectRateLimit \(10 attempts per 10 s\)/)).toHaveLength(1);
  });

  it('is off with connectRateLimit: false', async () => {
    const { rec, port } = await passive({ connectRateLimit: false });
    expect(await attempts(15, '127.0.0.2', port, rec)).toEqual(Array<string>(15).fill('accepted'));
  });

  it('keeps a connection that is up when its address goes over the limit', async () => {
    const { conn, rec, port, logger } = await passive({ connectRateLimit: { attempts: 1, perSeconds: 60 } });
    const peer = await RawPeer.connect(port, { localAddress: '127.0.0.2' });
    undo.push(() => peer.destroy());
    await rec.next('established');
    expect(await attempt('127.0.0.2', port, rec)).toBe('refused');
    expect(logger.find('warn', /over connectRateLimit/)).toHaveLength(1); // the limit refused it, before the one-connection rule
    peer.send(HsmsPacket.linktestReq(9));
    expect((await rec.next('packet')).packet!.system).toBe(9);
    expect(conn.connected).toBe(true);
  });
});
