// CIDR allow lists on the listening side, over real loopback sockets: a socket from outside the
// list is closed before a byte is read, whatever peers are configured, and the log stays bounded.
import { afterEach, describe, expect, it } from 'vitest';
import {
  HsmsActiveConnection,
  HsmsMultiPassiveServer,
  type HsmsMultiPassiveServerOptions,
  HsmsOptionError,
  HsmsPacket,
  HsmsPassiveConnection,
  type HsmsPassiveOptions,
} from '../libs/hsms/src/core.js';
import { CaptureLogger } from '../libs/hsms/src/connections/testing/capture-logger.js';
import { RecordingDelegate } from '../libs/hsms/src/connections/testing/recording-delegate.js';
import { RawPeer } from './support/raw-peer.js';

const timers = { t5: 0.05, t6: 0.5, t8: 1, connectTimeout: 2 };
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

async function passive(address: string, options: HsmsPassiveOptions) {
  const logger = new CaptureLogger();
  const rec = new RecordingDelegate();
  const conn = new HsmsPassiveConnection(address, 0, 0, rec, { ...timers, bindAddress: '127.0.0.1', logger, ...options });
  undo.push(() => conn.disable());
  conn.enable();
  const port = await conn.whenListening();
  return { conn, rec, port, logger };
}

async function rawFrom(localAddress: string, port: number, host = '127.0.0.1'): Promise<RawPeer> {
  const peer = await RawPeer.connect(port, { localAddress, host });
  undo.push(() => peer.destroy());
  return peer;
}

/** A raw peer that speaks first (Select.req) and must be closed without an answer or a delegate call. */
async function expectRefused(localAddress: string, port: number, host?: string): Promise<RawPeer> {
  const peer = await rawFrom(localAddress, port, host);
  peer.send(HsmsPacket.selectReq(1));
  await peer.waitForClose();
  expect(peer.received).toEqual([]);
  return peer;
}

function active(localAddress: string, port: number) {
  const rec = new RecordingDelegate();
  const conn = new HsmsActiveConnection('127.0.0.1', port, 0, rec, { ...timers, localAddress });
  undo.push(() => conn.disable());
  conn.enable();
  return { conn, rec };
}

describe('allow lists', () => {
  it('a multi-passive server with allow [127.0.0.2/32] serves 127.0.0.2 and closes 127.0.0.5 at once, though 127.0.0.5 is a configured peer', async () => {
    const { server, port, logger } = await multiPassive({ allow: ['127.0.0.2/32'] });
    const inside = new RecordingDelegate();
    const outside = new RecordingDelegate();
    server.createConnection('127.0.0.2', port, 0, inside).enable();
    server.createConnection('127.0.0.5', port, 0, outside).enable();
    const tool = active('127.0.0.2', port);
    await Promise.all([inside.next('established'), tool.rec.next('established')]);

    await expectRefused('127.0.0.5', port);
    expect(outside.events).toEqual([]); // the allow list ran before the peer match
    expect(logger.find('warn', /refused a connection from 127\.0\.0\.5:\d+: not in the allow list/)).toHaveLength(1);

    // the accepted peer keeps working after the refusal
    tool.conn.send(HsmsPacket.linktestReq(21));
    expect((await inside.next('packet')).packet!.system).toBe(21);
    server.getConnection('127.0.0.2')!.send(HsmsPacket.linktestRsp(21));
    expect((await tool.rec.next('packet')).packet!.system).toBe(21);
    expect(inside.kinds).toEqual(['established', 'packet']);
  });

  it('gates a passive connection for any peer (*): inside the list gets in, outside is closed', async () => {
    const { conn, rec, port, logger } = await passive('*', { allow: ['127.0.0.0/30'] }); // 127.0.0.0 .. 127.0.0.3
    await expectRefused('127.0.0.5', port);
    expect(logger.find('warn', /127\.0\.0\.5:\d+: not in the allow list/)).toHaveLength(1);
    expect(rec.events).toEqual([]);

    const peer = await rawFrom('127.0.0.3', port);
    await rec.next('established');
    expect(conn.remoteAddress).toBe('127.0.0.3');
    peer.send(HsmsPacket.linktestReq(3));
    expect((await rec.next('packet')).packet!.system).toBe(3);
  });

  it('keeps the configured-address rule inside the list: an allowed address that is not the peer is still refused', async () => {
    const { rec, port, logger } = await passive('127.0.0.2', { allow: ['127.0.0.0/8'] });
    await expectRefused('127.0.0.3', port);
    expect(logger.find('warn', /127\.0\.0\.3:\d+: expecting 127\.0\.0\.2/)).toHaveLength(1);
    await rawFrom('127.0.0.2', port);
    await rec.next('established');
  });

  it('matches the IPv4-mapped peers of an IPv6 listener against IPv4 rules', async () => {
    const { server, port, logger } = await multiPassive({ bindAddress: '::ffff:127.0.0.1', allow: ['127.0.0.2/32'] });
    const rec = new RecordingDelegate();
    const conn = server.createConnection('127.0.0.2', port, 0, rec);
    conn.enable();
    await rawFrom('127.0.0.2', port);
    await rec.next('established');
    expect(conn.remoteAddress).toBe('::ffff:127.0.0.2');
    await expectRefused('127.0.0.5', port);
    expect(logger.find('warn', /::ffff:127\.0\.0\.5:\d+: not in the allow list/)).toHaveLength(1);
  });

  it('takes IPv6 rules for an IPv6 peer (::1)', async () => {
    const refusing = await passive('::1', { bindAddress: '::1', allow: ['fd00::/8'] });
    await expectRefused('::1', refusing.port, '::1');
    expect(refusing.logger.find('warn', /::1:\d+: not in the allow list/)).toHaveLength(1);

    const taking = await passive('::1', { bindAddress: '::1', allow: ['fd00::/8', '::1/128'] });
    await rawFrom('::1', taking.port, '::1');
    await taking.rec.next('established');
  });

  it('logs at most 20 refusals per interval and sums up the rest when the listener stops', async () => {
    const { server, port, logger } = await multiPassive({ allow: ['127.0.0.2'], connectRateLimit: false });
    for (let i = 0; i < 30; i++) await expectRefused('127.0.0.9', port);
    expect(logger.find('warn', /not in the allow list/)).toHaveLength(20);
    await server.stop();
    expect(logger.find('warn', /^10 more refused connections were not logged/)).toHaveLength(1);
  });

  it('refuses a bad allow entry at construction with HsmsOptionError naming it', () => {
    expect(() => new HsmsMultiPassiveServer(0, { allow: ['10.0.0.0/8', '10.0.0.0/40'] })).toThrow(HsmsOptionError);
    expect(() => new HsmsMultiPassiveServer(0, { allow: ['10.0.0.0/8', '10.0.0.0/40'] })).toThrow(
      /^allow\[1\]: '10\.0\.0\.0\/40': an IPv4 prefix length is 0\.\.32, got 40$/,
    );
    expect(() => new HsmsPassiveConnection('*', 0, 0, undefined, { allow: ['tool-1'] })).toThrow(
      /^allow\[0\]: 'tool-1' is not an IP address or CIDR/,
    );
    expect(() => new HsmsPassiveConnection('*', 0, 0, undefined, { allow: [] })).toThrow(/^allow: must list at least one/);
  });
});
